// A build big enough for worker threads (parsing, article pages rendered and written by workers and left
// out of Eleventy's steps, as are most list pages, the other pages written by a streaming worker) gives
// byte for byte what the same build gives on one thread, search index included (it reads the pages the
// workers wrote back from the staging folder).
import { appendFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatCorpusArticle, generateCorpus } from "../../src/bench/corpus.ts";
import { pagesRenderedAgain } from "../../src/site/build.ts";
import { buildSite } from "../../src/site/index.ts";
import { articlePagesLeftOutOfEleventy, articlePagesRenderedByWorkers, articlePagesRenderedHere } from "../../src/site/page-workers.ts";
import { listPagesLeftOutOfEleventy } from "../../src/site/pages/list-pages.ts";
import { makeSite } from "../support/fixtures.ts";
import { diffTrees, readTree } from "../support/tree.ts";

const NOW = new Date("2027-01-01T00:00:00Z");

describe("a build on worker threads", () => {
  it("writes exactly what a build on one thread writes", async () => {
    const corpus = generateCorpus(450);
    const root = makeSite(Object.fromEntries(corpus.map((a) => [a.fileName, formatCorpusArticle(a)])));
    const before = articlePagesRenderedByWorkers();
    const beforeHere = articlePagesRenderedHere();
    const leftOut = articlePagesLeftOutOfEleventy();
    const listsLeftOut = listPagesLeftOutOfEleventy();
    const renderedAgain = pagesRenderedAgain();
    const parallel = await buildSite({ root, now: NOW, cache: false, outDir: "_parallel" });
    expect(parallel.ok).toBe(true);
    // The pages Eleventy went through came out as their templates rendered them: no second render.
    expect(pagesRenderedAgain() - renderedAgain).toBe(0);
    // Every article page was rendered ahead: by the worker (at least the first batch, which holds the page
    // Eleventy went through) or by this thread, which takes the batches the worker has not begun.
    const byWorkers = articlePagesRenderedByWorkers() - before;
    expect(byWorkers).toBeGreaterThanOrEqual(40);
    expect(byWorkers + articlePagesRenderedHere() - beforeHere).toBe(450);
    // Eleventy went through the first article page only: the workers wrote the others. Of the numbered
    // list pages, it went through the first of each template (news, districts, tags).
    expect(articlePagesLeftOutOfEleventy() - leftOut).toBe(449);
    const listsLeftOutNow = listPagesLeftOutOfEleventy() - listsLeftOut;
    const serial = await buildSite({ root, now: NOW, cache: false, outDir: "_serial", workers: false });
    expect(serial.ok).toBe(true);
    expect(articlePagesRenderedByWorkers() - before).toBe(byWorkers);
    const written = readTree(path.join(root, "_parallel"));
    expect(written.size).toBeGreaterThan(500);
    const listPages = [...written.keys()].filter((rel) => /^(news|districts\/[^/]+|tags\/[^/]+)\/(page\/\d+\/)?index\.html$/.test(rel));
    expect(listPages.length).toBeGreaterThan(40);
    expect(listsLeftOutNow).toBe(listPages.length - 3);
    expect(parallel.searchPages).toBe(450);
    expect([...written.keys()].some((rel) => rel.startsWith("search/"))).toBe(true);
    expect(diffTrees(written, readTree(path.join(root, "_serial")))).toEqual([]);
  }, 180_000);

  it("leaves the next build only the pages an edit changes: the workers' page keys are the ones it works out", async () => {
    const corpus = generateCorpus(320);
    const root = makeSite(Object.fromEntries(corpus.map((a) => [a.fileName, formatCorpusArticle(a)])));
    const first = await buildSite({ root, now: NOW, search: false });
    expect(first.output?.mode).toBe("full");
    const edited = corpus.find((a) => !a.hot && a.fileName.includes("-000150"))!;
    appendFileSync(path.join(root, "content/news", edited.fileName), "\n补充一段。\n");
    const second = await buildSite({ root, now: NOW, search: false });
    expect(second.output?.mode).toBe("warm");
    // The edited page and the pages showing that article (neighbours, related reading, its lists): 63 of
    // the 447 here. Had the workers' keys differed from the ones worked out here, every article page would be.
    expect(second.output!.rendered).toBeGreaterThan(0);
    expect(second.output!.rendered).toBeLessThan(first.output!.rendered / 4);
    expect(second.output!.written).toBeGreaterThanOrEqual(1);
  }, 180_000);
});
