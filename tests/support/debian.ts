// Programs tests need beyond npm (Debian's chromium, xmllint, hugo): found, or installed when the tests
// run as root on Debian, or a failure that says exactly what to run. Never a silent skip.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

function which(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? "/usr/bin:/bin").split(":")) {
    const candidate = `${dir}/${binary}`;
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

let updated = false;

/** Returns the path of `binary`, installing Debian package `pkg` first when it is missing and we are root. */
export function ensureProgram(binary: string, pkg: string): string {
  const found = which(binary);
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    if (!updated) {
      execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
      updated = true;
    }
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", pkg], { stdio: "inherit", env });
    const installed = which(binary);
    if (installed) return installed;
  }
  throw new Error(`"${binary}" is needed by these tests and is not installed. Run: sudo apt-get install -y ${pkg}`);
}
