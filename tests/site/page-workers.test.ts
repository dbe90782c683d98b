// Article pages rendered on worker threads (big builds) are byte for byte the pages rendered on the calling
// thread from the same site model: links to neighbours, related and hot articles, tags, share code and all.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSite, sourceKeyOf, type Article } from "../../src/content/index.ts";
import { createSiteModel } from "../../src/site/model.ts";
import { pagePath } from "../../src/site/output.ts";
import { Fingerprinter, pageKey } from "../../src/site/page-keys.ts";
import { articlePageFrame, articlePageInputs, articlePageKey, articlePageParts } from "../../src/site/pages/article-pages.ts";
import {
  articlePagesRenderedByWorkers,
  articlePagesRenderedHere,
  renderArticlePageFrom,
  renderUnclaimedArticlePages,
  requestArticlePages,
  startArticlePageWorkers,
  stopArticlePageWorkers,
  takeArticlePage,
  takeArticlePageKeys,
} from "../../src/site/page-workers.ts";
import { shareCodeSvg } from "../../src/site/share-code.ts";
import { makeArticle, makeSite } from "../support/fixtures.ts";

afterEach(() => stopArticlePageWorkers());

const DISTRICTS = ["长安区", "碑林区", "雁塔区"];
const TAGS = ["疫情防控", "城市建设", "教育", "卫生健康"];

async function sampleModel() {
  const articles: Record<string, string> = {};
  for (let i = 0; i < 90; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    articles[`2024-03-${day}-page-${i}.md`] = makeArticle(
      {
        title: `第${i}篇：区县<新闻> & "报道"`,
        date: `2024-03-${day} ${String(8 + (i % 10)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}`,
        district: DISTRICTS[i % DISTRICTS.length]!,
        tags: [TAGS[i % TAGS.length]!, TAGS[(i + 1) % TAGS.length]!],
        ...(i % 7 === 0 ? { hot: true } : {}),
        ...(i % 3 === 0 ? { byline: "特约记者 师展" } : {}),
      },
      `第${i}篇正文，**加粗**。\n\n## 小标题\n\n第二段。\n`,
    );
  }
  const root = makeSite(articles);
  // Read counts for some of the pinned articles: the hot list then has entries with and without one.
  const views = Object.fromEntries([7, 21, 35, 49, 63, 77].map((i) => [`/news/2024/03/page-${i}/`, 100 * i]));
  mkdirSync(path.join(root, "content/_data"));
  writeFileSync(path.join(root, "content/_data/views.json"), JSON.stringify(views));
  const loaded = await loadSite(root, { now: new Date("2024-04-01T00:00:00Z") });
  if (!loaded.content) throw new Error(JSON.stringify(loaded.problems));
  return createSiteModel(loaded.content);
}

describe("article pages on worker threads", () => {
  it("equal the pages rendered here, and the workers render every page asked for", async () => {
    const model = await sampleModel();
    const articles = model.content.articles;
    expect(articles.length).toBe(90);
    startArticlePageWorkers(2);
    const before = articlePagesRenderedByWorkers();
    requestArticlePages(articlePageFrame(model), articles.map((a) => articlePageParts(model, a)));
    const fromWorkers = await Promise.all(articles.map((a) => takeArticlePage(a.url)));
    await stopArticlePageWorkers();
    expect(articlePagesRenderedByWorkers() - before).toBe(articles.length);

    const here = articles.map((a) => renderArticlePageFrom(articlePageFrame(model), articlePageParts(model, a)));
    expect(fromWorkers).toEqual(here);
    // What the worker had to be sent is on the page: related reading, neighbours, tags, hot list, QR code.
    const page = here[45]!;
    const article = articles[45]!;
    const related = model.related.get(article.url)!;
    expect(related.length).toBeGreaterThan(0);
    for (const r of related) expect(page).toContain(`<a href="${r.url}">`);
    expect(page).toContain(`rel="prev">`);
    expect(page).toContain(`rel="next">`);
    expect(page).toContain(`rel="tag">`);
    expect(page).toContain(`<a href="${model.hot[0]!.article.url}">`);
    expect(page).toContain(shareCodeSvg(new URL(article.url, model.content.site.baseUrl).href));
  });

  it("that write their pages also work out each page's key, the one build.ts works out for it", async () => {
    const model = await sampleModel();
    const articles = model.content.articles;
    expect(model.hot.some((e) => e.views !== undefined)).toBe(true);
    expect(model.hot.some((e) => e.views === undefined)).toBe(true);
    startArticlePageWorkers(2);
    const staging = mkdtempSync(path.join(tmpdir(), "newsdesk-pages-"));
    requestArticlePages(articlePageFrame(model), articles.map((a) => articlePageParts(model, a)), staging, (a) => sourceKeyOf(a as Article));
    await Promise.all(articles.map((a) => takeArticlePage(a.url)));
    const fromWorkers = takeArticlePageKeys();
    await stopArticlePageWorkers();
    const fingerprints = new Fingerprinter(new Map(articles.map((a) => [a, sourceKeyOf(a)!])));
    expect(fromWorkers.size).toBe(articles.length);
    for (const a of articles) expect(fromWorkers.get(pagePath(a.url))).toBe(pageKey(fingerprints, sourceKeyOf(a)!, articlePageInputs(model, a)));
    // A page's key changes with what it shows of another article: here, a neighbour's source.
    const [first, second] = articles;
    expect(fromWorkers.get(pagePath(first!.url))).not.toBe(fromWorkers.get(pagePath(second!.url)));
  });

  it("leave out the key of a page that links to an article whose source is unknown, and only that", async () => {
    const model = await sampleModel();
    const articles = model.content.articles;
    const hotUrls = new Set(model.hot.map((e) => e.article.url));
    const unknown = articles.find((a, i) => i > 0 && !hotUrls.has(a.url))!;
    const linksTo = (a: Article) =>
      [model.neighbours.get(a.url)?.previous, model.neighbours.get(a.url)?.next, ...(model.related.get(a.url) ?? [])].some((l) => l?.url === unknown.url);
    startArticlePageWorkers(2);
    const staging = mkdtempSync(path.join(tmpdir(), "newsdesk-pages-"));
    requestArticlePages(articlePageFrame(model), articles.map((a) => articlePageParts(model, a)), staging, (a) =>
      a.url === unknown.url ? undefined : sourceKeyOf(a as Article),
    );
    await Promise.all(articles.map((a) => takeArticlePage(a.url)));
    const fromWorkers = takeArticlePageKeys();
    await stopArticlePageWorkers();
    const fingerprints = new Fingerprinter(new Map(articles.map((a) => [a, sourceKeyOf(a)!])));
    const unkeyed = articles.filter((a) => a === unknown || linksTo(a));
    expect(unkeyed.length).toBeGreaterThan(1);
    expect(unkeyed.length).toBeLessThan(articles.length / 2);
    for (const a of articles) {
      expect(fromWorkers.get(pagePath(a.url))).toBe(unkeyed.includes(a) ? undefined : pageKey(fingerprints, sourceKeyOf(a)!, articlePageInputs(model, a)));
    }
  });

  it("leave to this thread the batches none has begun: every page rendered and written once, with its key", async () => {
    const model = await sampleModel();
    const articles = model.content.articles;
    const frame = articlePageFrame(model);
    const fingerprints = new Fingerprinter(new Map(articles.map((a) => [a, sourceKeyOf(a)!])));
    startArticlePageWorkers(1);
    const staging = mkdtempSync(path.join(tmpdir(), "newsdesk-pages-"));
    const [byWorkers, here] = [articlePagesRenderedByWorkers(), articlePagesRenderedHere()];
    requestArticlePages(frame, articles.map((a) => articlePageParts(model, a)), staging, (a) => sourceKeyOf(a as Article), true);
    // Once the worker has answered its first batch, this thread takes batches from the far end until it
    // meets the worker (which skips those taken here).
    await takeArticlePage(articles[0]!.url);
    renderUnclaimedArticlePages((parts) => articlePageKey(fingerprints, sourceKeyOf(parts.article)!, frame, parts));
    await Promise.all(articles.slice(1).map((a) => takeArticlePage(a.url)));
    const keys = takeArticlePageKeys();
    await stopArticlePageWorkers();
    const [fromWorkers, fromHere] = [articlePagesRenderedByWorkers() - byWorkers, articlePagesRenderedHere() - here];
    expect(fromWorkers).toBeGreaterThanOrEqual(40);
    expect(fromWorkers + fromHere).toBe(articles.length);
    for (const a of articles) {
      const rel = pagePath(a.url);
      expect(readFileSync(path.join(staging, rel), "utf8")).toBe(renderArticlePageFrom(frame, articlePageParts(model, a)));
      expect(keys.get(rel)).toBe(pageKey(fingerprints, sourceKeyOf(a)!, articlePageInputs(model, a)));
    }
  });

  it("render here at once a page waited for before it was sent to a worker", async () => {
    const model = await sampleModel();
    const articles = model.content.articles;
    const frame = articlePageFrame(model);
    startArticlePageWorkers(1);
    const staging = mkdtempSync(path.join(tmpdir(), "newsdesk-pages-"));
    requestArticlePages(frame, articles.map((a) => articlePageParts(model, a)), staging, (a) => sourceKeyOf(a as Article), true);
    // Kept back for this thread (the last third of the pages, with one worker) and not sent: waited for,
    // as Eleventy waits for every page it goes through, it comes back whole and unwritten, where it would
    // otherwise wait for this thread to take the pages no worker has begun.
    const last = articles[articles.length - 1]!;
    expect(await takeArticlePage(last.url)).toBe(renderArticlePageFrom(frame, articlePageParts(model, last)));
    expect(existsSync(path.join(staging, pagePath(last.url)))).toBe(false);
    // The first is not kept back: it waits for the worker, which writes it (its HTML does not come back).
    const first = articles[0]!;
    expect(await takeArticlePage(first.url)).not.toBe(renderArticlePageFrom(frame, articlePageParts(model, first)));
    expect(existsSync(path.join(staging, pagePath(first.url)))).toBe(true);
    renderUnclaimedArticlePages();
    await Promise.all(articles.slice(1, -1).map((a) => takeArticlePage(a.url)));
    await stopArticlePageWorkers();
    for (const a of articles.slice(0, -1)) {
      expect(readFileSync(path.join(staging, pagePath(a.url)), "utf8")).toBe(renderArticlePageFrom(frame, articlePageParts(model, a)));
    }
  });

  it("leave every page to this thread when it asks before a worker is ready", async () => {
    const model = await sampleModel();
    const articles = model.content.articles;
    startArticlePageWorkers(1);
    const [byWorkers, here] = [articlePagesRenderedByWorkers(), articlePagesRenderedHere()];
    requestArticlePages(articlePageFrame(model), articles.map((a) => articlePageParts(model, a)));
    renderUnclaimedArticlePages();
    const pages = await Promise.all(articles.map((a) => takeArticlePage(a.url)));
    await stopArticlePageWorkers();
    expect(articlePagesRenderedHere() - here).toBe(articles.length);
    expect(articlePagesRenderedByWorkers() - byWorkers).toBe(0);
    expect(pages).toEqual(articles.map((a) => renderArticlePageFrom(articlePageFrame(model), articlePageParts(model, a))));
  });

  it("are not asked for without workers: the template renders them on the spot", async () => {
    const model = await sampleModel();
    requestArticlePages(articlePageFrame(model), model.content.articles.map((a) => articlePageParts(model, a)));
    expect(await takeArticlePage(model.content.articles[0]!.url)).toBeUndefined();
  });
});
