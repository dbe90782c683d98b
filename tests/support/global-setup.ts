// Runs once before any test worker starts: installs the Debian programs the tests need (when missing and
// running as root), so parallel workers never race for apt's lock. Without root, a missing program fails
// the tests that need it with the exact command to run.
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureProgram } from "./debian.ts";

export const REQUIRED_PROGRAMS: [binary: string, debianPackage: string][] = [
  ["chromium", "chromium"],
  ["xmllint", "libxml2-utils"],
];

export default function setup(): () => Promise<void> {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot) for (const [binary, pkg] of REQUIRED_PROGRAMS) ensureProgram(binary, pkg);
  // Every temporary folder of the run (the tests' sites, the programs they start, Chromium's profiles) is
  // made under one folder, removed when the run ends: test workers and their children inherit TMPDIR,
  // which os.tmpdir() reads. Without it, each run left about 7,000 folders in /tmp.
  const root = mkdtempSync(path.join(tmpdir(), "newsdesk-tests-"));
  process.env.TMPDIR = root;
  // Removed without blocking: a synchronous removal of thousands of folders held up vitest's own timers
  // ("Timeout terminating forks worker").
  return () => rm(root, { recursive: true, force: true });
}
