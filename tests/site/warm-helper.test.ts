// The warm worker's work (warm-helper.ts): article page keys and the last build's files looked at on the
// worker come back exactly as the main thread works them out; with no worker, the main thread does it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findIntactFiles, writeFolder, writeManifest } from "../../src/site/output.ts";
import { keysOfJob, type ArticleKeyJob } from "../../src/site/page-keys.ts";
import { doneOnWorker, KEY_WORKER_FROM, WarmHelper } from "../../src/site/warm-helper.ts";

/** A job of `pages` pages over 50 articles and 7 tags, with and without neighbours, related and tags. */
function job(pages: number): ArticleKeyJob {
  const articles = Array.from({ length: 50 }, (_, i) => `digest-${i}-${"x".repeat(i)}`);
  const tags = Array.from({ length: 7 }, (_, i) => `["标签${i}","/tags/biaoqian${i}/"]`);
  const layout: number[] = [];
  for (let p = 0; p < pages; p++) {
    const related = Array.from({ length: p % 9 }, (_, k) => (p + k * 7) % 50);
    const own = Array.from({ length: p % 4 }, (_, k) => (p + k) % 7);
    layout.push(p % 50, p % 3 === 0 ? -1 : (p + 1) % 50, p % 5 === 0 ? -1 : (p + 2) % 50, related.length, ...related, own.length, ...own);
  }
  return { shared: '"assets":{},"hot":"H-shared"', articles, tags, layout: Int32Array.from(layout) };
}

/** An output folder as a build leaves it, with its manifest; then one file edited and one deleted. */
function lastBuild() {
  const dir = mkdtempSync(path.join(tmpdir(), "newsdesk-warm-"));
  const out = path.join(dir, "_site");
  const files = new Map<string, string>();
  for (let i = 0; i < 60; i++) files.set(`news/${i}/index.html`, `<p>第${i}篇</p>`);
  const stamps = writeFolder(out, files);
  const manifest = path.join(dir, "output.v8");
  writeManifest(manifest, { salt: "s", outDir: out, files: stamps, pageKeys: new Map() });
  writeFileSync(path.join(out, "news/7/index.html"), "<p>改过</p>");
  rmSync(path.join(out, "news/8/index.html"));
  return { out, manifest, stamps };
}

describe("WarmHelper", () => {
  it("works a big job of article page keys out on the worker, in order, as keysOfJob does here", async () => {
    const helper = WarmHelper.start();
    const big = job(KEY_WORKER_FROM + 20);
    const before = doneOnWorker().keys;
    const keys = await helper.articleKeys(big, KEY_WORKER_FROM + 20);
    helper.stop();
    expect(doneOnWorker().keys - before).toBe(KEY_WORKER_FROM + 20);
    expect(keys).toEqual(keysOfJob(big));
    expect(new Set(keys).size).toBeGreaterThan(KEY_WORKER_FROM / 2);
  });

  it("works a small job out on the main thread", async () => {
    const helper = WarmHelper.start();
    const small = job(20);
    const before = doneOnWorker().keys;
    expect(await helper.articleKeys(small, 20)).toEqual(keysOfJob(small));
    helper.stop();
    expect(doneOnWorker().keys).toBe(before);
  });

  it("finds the last build's intact files on the worker as the main thread finds them", async () => {
    const { out, manifest, stamps } = lastBuild();
    const helper = WarmHelper.start();
    const before = doneOnWorker().files;
    const intact = await helper.intactFiles(manifest, out)(stamps);
    helper.stop();
    expect(doneOnWorker().files - before).toBe(60);
    expect(intact).toEqual(findIntactFiles(out, stamps));
    expect(intact.size).toBe(58);
    expect(intact.has("news/7/index.html") || intact.has("news/8/index.html")).toBe(false);
  });

  it("does the work on the main thread once its worker is gone", async () => {
    const { out, manifest, stamps } = lastBuild();
    const helper = WarmHelper.start();
    helper.stop();
    const before = doneOnWorker();
    const big = job(KEY_WORKER_FROM + 5);
    expect(await helper.articleKeys(big, KEY_WORKER_FROM + 5)).toEqual(keysOfJob(big));
    expect(await helper.intactFiles(manifest, out)(stamps)).toEqual(findIntactFiles(out, stamps));
    expect(doneOnWorker()).toEqual(before);
  });
});
