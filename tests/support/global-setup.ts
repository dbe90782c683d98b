// Runs once before any test worker starts: installs the Debian programs the tests need (when missing and
// running as root), so parallel workers never race for apt's lock. Without root, a missing program fails
// the tests that need it with the exact command to run.
import { ensureProgram } from "./debian.ts";

export const REQUIRED_PROGRAMS: [binary: string, debianPackage: string][] = [
  ["chromium", "chromium"],
  ["xmllint", "libxml2-utils"],
];

export default function setup(): void {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) return;
  for (const [binary, pkg] of REQUIRED_PROGRAMS) ensureProgram(binary, pkg);
}
