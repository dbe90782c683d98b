// A real Chromium for reader-facing tests: Debian's chromium driven by playwright-core, with the flags this
// closed network needs (no background connections).
import { chromium, type Browser } from "playwright-core";
import { ensureProgram } from "./debian.ts";

export async function launchChromium(): Promise<Browser> {
  const executablePath = ensureProgram("chromium", "chromium");
  return chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
