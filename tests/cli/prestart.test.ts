// What `newsdesk build` starts before its own modules load: the parsing worker, unless the site has a parse
// cache (a warm build parses few files, if any) and the build is not told to ignore it; then the warm worker.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { prestartFor } from "../../src/cli/prestart.ts";
import { ParseCacheStore } from "../../src/content/parse-cache.ts";
import { releasePrestartedWorker, takePrestartedWorker } from "../../src/runtime.ts";
import { CACHE_DIR } from "../../src/site/build-cache.ts";

/** A site folder, with a parse cache as a build leaves it when asked. */
function siteFolder(withCache: boolean): string {
  const root = mkdtempSync(path.join(tmpdir(), "newsdesk-prestart-"));
  if (withCache) ParseCacheStore.open(path.join(root, CACHE_DIR), "salt").save();
  return root;
}

describe("prestartFor", () => {
  afterEach(() => {
    releasePrestartedWorker("parse-worker");
    releasePrestartedWorker("warm-worker");
  });

  it("starts the parsing worker for a build of a site without a parse cache", async () => {
    const root = siteFolder(false);
    expect(prestartFor(["build", "--root", root, "--no-search"])).toEqual(["parse-worker"]);
    const worker = takePrestartedWorker("parse-worker");
    expect(worker).toBeDefined();
    await worker!.terminate();
  });

  it("starts the warm worker instead for a build whose site has a parse cache, wherever --root says the site is", async () => {
    const root = siteFolder(true);
    expect(prestartFor(["build", "--root", root])).toEqual(["warm-worker"]);
    expect(prestartFor(["build", `--root=${root}`, "--timings", "t.json"])).toEqual(["warm-worker"]);
    expect(takePrestartedWorker("parse-worker")).toBeUndefined();
    const worker = takePrestartedWorker("warm-worker");
    expect(worker).toBeDefined();
    await worker!.terminate();
  });

  it("starts the worker when the build is told to ignore the cache", () => {
    const root = siteFolder(true);
    expect(prestartFor(["build", "--no-cache", "--root", root])).toEqual(["parse-worker"]);
  });

  it("starts nothing for other commands", () => {
    const root = siteFolder(false);
    for (const command of ["check", "serve", "bench", "publish"]) expect(prestartFor([command, "--root", root])).toEqual([]);
    expect(prestartFor([])).toEqual([]);
  });
});
