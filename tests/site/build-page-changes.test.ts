// In a big build, article pages written by workers reach Eleventy as stand-ins, or not at all, like most
// list pages (page-workers.ts, list-pages.ts). When the Eleventy configuration changes pages after their
// templates (a transform, a layout, one given by computed data to some pages only), every page it changes
// still comes out changed, byte for byte as from a build on one thread. .eleventy.ts here is the project's
// own plus one such change, as a user would add it.
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatCorpusArticle, generateCorpus } from "../../src/bench/corpus.ts";
import { pagesRenderedAgain } from "../../src/site/build.ts";
import { buildSite } from "../../src/site/index.ts";
import type { EleventyConfig } from "../../src/site/eleventy-config.ts";
import { articlePagesLeftOutOfEleventy, articlePagesRenderedByWorkers } from "../../src/site/page-workers.ts";
import { listPagesLeftOutOfEleventy } from "../../src/site/pages/list-pages.ts";
import { makeSite } from "../support/fixtures.ts";
import { diffTrees, readTree } from "../support/tree.ts";

/** What the test adds to the project's Eleventy configuration. */
const extra = vi.hoisted(() => ({ configure: (_config: EleventyConfig & Record<string, unknown>): void => {} }));

vi.mock("../../.eleventy.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../.eleventy.ts")>();
  return {
    ...original,
    default: async (config: EleventyConfig & Record<string, unknown>) => {
      await original.default(config);
      extra.configure(config);
    },
  };
});

afterEach(() => {
  extra.configure = () => {};
});

const NOW = new Date("2027-01-01T00:00:00Z");

/**
 * A build on workers and one on this thread of the same 320 articles: their output folders. Eleventy goes
 * through every article and list page: none is left out of its steps (page-workers.ts, leaveOutWrittenPages;
 * list-pages.ts, leaveOutListPages).
 */
async function buildBothWays(): Promise<{ parallel: Map<string, Buffer>; serial: Map<string, Buffer>; articleFiles: string[] }> {
  const corpus = generateCorpus(320);
  const root = makeSite(Object.fromEntries(corpus.map((a) => [a.fileName, formatCorpusArticle(a)])));
  const before = articlePagesRenderedByWorkers();
  const leftOut = articlePagesLeftOutOfEleventy();
  const listsLeftOut = listPagesLeftOutOfEleventy();
  const parallel = await buildSite({ root, now: NOW, search: false, cache: false, outDir: "_parallel" });
  expect(parallel.ok).toBe(true);
  expect(articlePagesRenderedByWorkers() - before).toBe(320);
  expect(articlePagesLeftOutOfEleventy() - leftOut).toBe(0);
  expect(listPagesLeftOutOfEleventy() - listsLeftOut).toBe(0);
  const serial = await buildSite({ root, now: NOW, search: false, cache: false, outDir: "_serial", workers: false });
  expect(serial.ok).toBe(true);
  const written = readTree(path.join(root, "_parallel"));
  const articleFiles = [...written.keys()].filter((rel) => /^news\/\d{4}\/\d{2}\/[^/]+\/index\.html$/.test(rel));
  expect(articleFiles.length).toBe(320);
  return { parallel: written, serial: readTree(path.join(root, "_serial")), articleFiles };
}

type PageData = { listPage?: unknown; pagination?: { pageNumber: number } };

/** A layout, wrap.11ty.js, that puts a comment before the page. */
function addWrapLayout(config: EleventyConfig): void {
  config.addTemplate("_includes/wrap.11ty.js", { data: {}, render: (data: { content: string }) => `<!-- 版式 -->${data.content}` });
}

/** The wrap layout, given by computed data to the pages `wraps` picks (it can differ from page to page). */
function wrapByComputedData(config: EleventyConfig, wraps: (data: PageData) => boolean): void {
  addWrapLayout(config);
  config.addGlobalData("eleventyComputed", { layout: (data: PageData) => (wraps(data) ? "wrap.11ty.js" : undefined) });
}

describe("a build on worker threads whose Eleventy configuration changes pages", () => {
  it("applies a transform to every article page", async () => {
    extra.configure = (config) => {
      const addTransform = config.addTransform as (name: string, fn: (content: string) => string) => void;
      addTransform.call(config, "signature", (content: string) => content.replace("</body>", "<!-- 已审核 --></body>"));
    };
    const { parallel, serial, articleFiles } = await buildBothWays();
    for (const rel of articleFiles) expect(parallel.get(rel)!.toString("utf8")).toContain("<!-- 已审核 --></body>");
    expect(diffTrees(parallel, serial)).toEqual([]);
  }, 180_000);

  it("wraps every article page in a layout", async () => {
    extra.configure = (config) => {
      addWrapLayout(config);
      config.addGlobalData("layout", "wrap.11ty.js");
    };
    const renderedAgain = pagesRenderedAgain();
    const { parallel, serial, articleFiles } = await buildBothWays();
    // The stand-ins came out wrapped: the build on workers rendered its pages again, without them.
    expect(pagesRenderedAgain() - renderedAgain).toBe(1);
    for (const rel of articleFiles) {
      const page = parallel.get(rel)!.toString("utf8");
      expect(page.startsWith("<!-- 版式 --><!doctype html>")).toBe(true);
      expect(page).not.toContain("\u0000");
    }
    expect(diffTrees(parallel, serial)).toEqual([]);
  }, 180_000);

  it("wraps the article pages that computed data gives a layout, and only those", async () => {
    // Every other page of each paginated template, the first one not: a check of the first article page
    // alone would miss it.
    extra.configure = (config) => wrapByComputedData(config, (data) => (data.pagination?.pageNumber ?? 0) % 2 === 1);
    const { parallel, serial, articleFiles } = await buildBothWays();
    const wrapped = articleFiles.filter((rel) => parallel.get(rel)!.toString("utf8").startsWith("<!-- 版式 --><!doctype html>"));
    expect(wrapped.length).toBeGreaterThan(0);
    expect(wrapped.length).toBeLessThan(articleFiles.length);
    for (const rel of articleFiles) expect(parallel.get(rel)!.toString("utf8")).not.toContain("\u0000");
    expect(diffTrees(parallel, serial)).toEqual([]);
  }, 180_000);

  it("wraps the list pages that computed data gives a layout, and only those, article pages left alone", async () => {
    // Every other numbered list page, the first of each list template not.
    extra.configure = (config) => wrapByComputedData(config, (data) => data.listPage !== undefined && (data.pagination?.pageNumber ?? 0) % 2 === 1);
    const { parallel, serial, articleFiles } = await buildBothWays();
    for (const rel of articleFiles) expect(parallel.get(rel)!.toString("utf8").startsWith("<!doctype html>")).toBe(true);
    expect(parallel.get("news/page/2/index.html")!.toString("utf8").startsWith("<!-- 版式 --><!doctype html>")).toBe(true);
    expect(parallel.get("news/page/3/index.html")!.toString("utf8").startsWith("<!doctype html>")).toBe(true);
    expect(diffTrees(parallel, serial)).toEqual([]);
  }, 180_000);
});
