// Where a build keeps its persistent cache (`.cache/newsdesk/` under the site root: parse results and the
// output manifest), and the version every entry is tied to: the project's code, its dependencies, the
// Node.js and ICU versions (dates are formatted through Intl). Any change there means a full build.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { PACKAGE_DIR } from "../runtime.ts";

export const CACHE_DIR = ".cache/newsdesk";

let memo: string | undefined;

/** A digest of every source file under src/ and templates/, the lock file and the runtime. */
export function codeVersion(): string {
  if (memo) return memo;
  const hash = createHash("sha256");
  hash.update(`${process.version} ${process.versions.icu ?? ""} ${process.versions.tz ?? ""}\0`);
  for (const dir of ["src", "templates"]) {
    const files = (readdirSync(path.join(PACKAGE_DIR, dir), { recursive: true }) as string[]).filter((f) => /\.(ts|js|css|json)$/.test(f)).sort();
    for (const file of files) hash.update(`${dir}/${file}\0`).update(readFileSync(path.join(PACKAGE_DIR, dir, file))).update("\0");
  }
  for (const file of ["package-lock.json", ".eleventy.ts"]) {
    try {
      hash.update(`${file}\0`).update(readFileSync(path.join(PACKAGE_DIR, file)));
    } catch {
      // An installed package may ship without its lock file.
    }
  }
  memo = hash.digest("base64url");
  return memo;
}

/** A salt for cache entries made from `parts` (the code version is always included). */
export function saltOf(...parts: unknown[]): string {
  return createHash("sha256").update(codeVersion()).update(JSON.stringify(parts)).digest("base64url");
}
