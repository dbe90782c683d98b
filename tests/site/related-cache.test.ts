// 相关阅读 kept between builds: the same lists as findRelated works out, and worked out again whenever
// anything it reads (order, URLs, districts, tags, the count) differs, or the stored file is not usable.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findRelated, loadSite, type Article } from "../../src/content/index.ts";
import { findRelatedCached } from "../../src/site/related-cache.ts";
import { formatCorpusArticle, generateCorpus } from "../../src/bench/corpus.ts";
import { makeSite } from "../support/fixtures.ts";

async function corpusArticles(count: number): Promise<Article[]> {
  const corpus = generateCorpus(count);
  const root = makeSite(Object.fromEntries(corpus.map((a) => [a.fileName, formatCorpusArticle(a)])));
  const loaded = await loadSite(root, { now: new Date("2027-01-01T00:00:00Z") });
  return loaded.content!.articles;
}

const urlsOf = (related: Map<string, Article[]>) => Object.fromEntries([...related].map(([url, list]) => [url, list.map((a) => a.url)]));

describe("findRelatedCached", () => {
  it("answers what findRelated answers, from the file when nothing it reads changed", async () => {
    const articles = await corpusArticles(200);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "newsdesk-related-")), "related.v8");
    const expected = urlsOf(findRelated(articles, 5));
    expect(urlsOf(findRelatedCached(file, "s1", articles, 5))).toEqual(expected);
    // Answered from the file: the same lists, made of these very article objects.
    const again = findRelatedCached(file, "s1", articles, 5);
    expect(urlsOf(again)).toEqual(expected);
    expect(articles).toContain(again.get(articles[0]!.url)![0]);
  });

  it("works the lists out again when tags, districts, order, count or salt differ, or the file is damaged", async () => {
    const articles = await corpusArticles(200);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "newsdesk-related-")), "related.v8");
    findRelatedCached(file, "s1", articles, 5);
    const retagged = articles.map((a, i) => (i === 3 ? { ...a, tags: [{ ...a.tags[0]!, name: "全新标签" }] } : a));
    const moved = articles.map((a, i) => (i === 4 ? { ...a, district: articles.find((b) => b.district.slug !== a.district.slug)!.district } : a));
    const reordered = [...articles.slice(1), articles[0]!];
    for (const [changed, count, salt] of [
      [retagged, 5, "s1"],
      [moved, 5, "s1"],
      [reordered, 5, "s1"],
      [articles, 3, "s1"],
    ] as const) {
      findRelatedCached(file, salt, articles, 5);
      expect(urlsOf(findRelatedCached(file, salt, changed, count))).toEqual(urlsOf(findRelated(changed, count)));
    }
    writeFileSync(file, "not a v8 value");
    expect(urlsOf(findRelatedCached(file, "s2", articles, 5))).toEqual(urlsOf(findRelated(articles, 5)));
  });
});
