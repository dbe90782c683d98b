// What bin/newsdesk.js starts before the command's own modules load (a quarter of a second): for a build
// that will parse its articles, the parsing worker, which then loads meanwhile (src/content/parse-pool.ts
// takes it). A build whose site has a parse cache most likely parses few files, if any (a warm build):
// there the parsing worker would only take the core this thread's collector and compiler use, and the warm
// worker starts instead (src/site/warm-helper.ts takes it). Kept to modules that load in a moment, as it
// runs before everything else.
import path from "node:path";
import { parseArgs } from "node:util";
import { hasParseCache } from "../content/parse-cache.ts";
import { prestartWorker } from "../runtime.ts";
import { CACHE_DIR } from "../site/build-cache.ts";

/** Starts what the command in `argv` (as given to main) will need first; returns the entries started. */
export function prestartFor(argv: readonly string[]): string[] {
  if (argv[0] !== "build") return [];
  // Only the two options that matter here; anything else is main's to check.
  const { values } = parseArgs({ args: argv.slice(1), options: { root: { type: "string" }, "no-cache": { type: "boolean" } }, strict: false, allowPositionals: true });
  const root = typeof values.root === "string" ? values.root : process.cwd();
  if (values["no-cache"] !== true && hasParseCache(path.resolve(root, CACHE_DIR))) {
    return prestartWorker("warm-worker", new URL("../site/warm-worker.ts", import.meta.url)) ? ["warm-worker"] : [];
  }
  return prestartWorker("parse-worker", new URL("../content/parse-worker.ts", import.meta.url)) ? ["parse-worker"] : [];
}
