// Page keys (page-keys.ts): an article or list page's key, put together from its parts (articlePageKey, as
// the page workers and build.ts work it out; listPageKey), is the key of the generic fingerprint of its
// inputs, whatever the fingerprinter knows; and it changes with anything the page shows of another article.
import { describe, expect, it } from "vitest";
import { loadSite, sourceKeyOf, type Article } from "../../src/content/index.ts";
import { createSiteModel } from "../../src/site/model.ts";
import { Fingerprinter, keysOfJob, pageKey } from "../../src/site/page-keys.ts";
import { articleKeyJob, articlePageFrame, articlePageInputs, articlePageKey, articlePageParts } from "../../src/site/pages/article-pages.ts";
import { listPageInputs, listPageKey, listPagesOf } from "../../src/site/pages/list-pages.ts";
import { makeArticle, makeSite } from "../support/fixtures.ts";

const DISTRICTS = ["长安区", "碑林区", "雁塔区"];
// Tags whose names need quoting in JSON, and many of them on some articles.
const TAGS = ['引号"标签', "反斜杠\\标签", "城市建设", "教育", "卫生健康", "疫情防控", "乡村振兴", "文化旅游"];

async function model() {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const tags = i % 5 === 0 ? TAGS : [TAGS[i % TAGS.length]!, TAGS[(i + 3) % TAGS.length]!];
    files[`2024-05-${day}-key-${i}.md`] = makeArticle(
      {
        title: `第${i}篇：<标题> & "引号"`,
        date: `2024-05-${day} ${String(8 + (i % 10)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}`,
        district: DISTRICTS[i % DISTRICTS.length]!,
        ...(i % 9 === 0 ? {} : { tags }),
        ...(i % 6 === 0 ? { hot: true } : {}),
      },
      `第${i}篇正文。\n`,
    );
  }
  const loaded = await loadSite(makeSite(files), { now: new Date("2024-06-01T00:00:00Z") });
  if (!loaded.content) throw new Error(JSON.stringify(loaded.problems));
  return createSiteModel(loaded.content);
}

describe("article page keys", () => {
  it("come out the same from a job of tables (keysOfJob)", async () => {
    const m = await model();
    const articles = m.content.articles;
    const sources = articles.map((a) => sourceKeyOf(a)!);
    const fingerprints = () => new Fingerprinter(new Map(articles.map((a, i) => [a, sources[i]!])));
    const expected = articles.map((a) => articlePageKey(fingerprints(), sourceKeyOf(a)!, articlePageFrame(m), articlePageParts(m, a)));
    const job = articleKeyJob(m, fingerprints(), sources);
    expect(keysOfJob(job)).toEqual(expected);
    expect(new Set(expected).size).toBe(articles.length);
  });


  it("equal the generic fingerprint's keys, with every article known or only some", async () => {
    const m = await model();
    const articles = m.content.articles;
    const frame = articlePageFrame(m);
    // Only every other article known: links to the others are fingerprinted field by field, and a page's
    // related reading then runs past the length at which a text stands as its digest.
    const all = () => new Fingerprinter(new Map(articles.map((a) => [a, sourceKeyOf(a)!])));
    const some = () => new Fingerprinter(new Map(articles.filter((_, i) => i % 2 === 0).map((a) => [a, sourceKeyOf(a)!])));
    for (const fingerprints of [all, some]) {
      const fast = fingerprints();
      const generic = fingerprints();
      for (const a of articles) {
        expect(articlePageKey(fast, sourceKeyOf(a)!, frame, articlePageParts(m, a)), a.url).toBe(pageKey(generic, sourceKeyOf(a)!, articlePageInputs(m, a)));
      }
    }
    // What the cases above went through: pages without neighbours on either side, without tags, with many
    // tags, and related reading long enough to stand as its digest.
    const parts = articles.map((a) => articlePageParts(m, a));
    expect(parts.some((p) => !p.neighbours.previous) && parts.some((p) => !p.neighbours.next)).toBe(true);
    expect(parts.some((p) => p.tags.length === 0) && parts.some((p) => p.tags.length === TAGS.length)).toBe(true);
    const unknownLink = some().textOf(parts[1]!.article);
    expect(unknownLink.length * Math.max(...parts.map((p) => p.related.length))).toBeGreaterThan(512);
  });

  it("change with a linked article's source, a tag, the hot list's read counts, and the page's own source", async () => {
    const m = await model();
    const articles = m.content.articles;
    const frame = articlePageFrame(m);
    const a = articles[10]!;
    const parts = articlePageParts(m, a);
    const sources = new Map<Article, string>(articles.map((x) => [x, sourceKeyOf(x)!]));
    const key = (changes: { sources?: Map<Article, string>; parts?: typeof parts; source?: string; views?: boolean } = {}) =>
      articlePageKey(
        new Fingerprinter(changes.sources ?? sources),
        changes.source ?? sourceKeyOf(a)!,
        changes.views ? { ...frame, hot: frame.hot.map((e) => ({ ...e, views: 7 })) } : frame,
        changes.parts ?? parts,
      );
    const base = key();
    expect(key()).toBe(base);
    const neighbour = parts.neighbours.next as Article;
    expect(key({ sources: new Map([...sources, [neighbour, "edited"]]) })).not.toBe(base);
    const related = parts.related[0] as Article;
    expect(key({ sources: new Map([...sources, [related, "edited"]]) })).not.toBe(base);
    expect(key({ parts: { ...parts, tags: parts.tags.map((t, i) => (i === 0 ? { ...t, url: "/tags/other/" } : t)) } })).not.toBe(base);
    expect(key({ views: true })).not.toBe(base);
    expect(key({ source: "other" })).not.toBe(base);
  });
});

describe("list page keys", () => {
  it("equal the generic fingerprint's keys, with every article known or only some", async () => {
    const m = await model();
    const articles = m.content.articles;
    const lists = listPagesOf(m);
    const all = () => new Fingerprinter(new Map(articles.map((a) => [a, sourceKeyOf(a)!])));
    const some = () => new Fingerprinter(new Map(articles.filter((_, i) => i % 2 === 0).map((a) => [a, sourceKeyOf(a)!])));
    for (const fingerprints of [all, some]) {
      const fast = fingerprints();
      const generic = fingerprints();
      for (const page of lists) expect(listPageKey(fast, m, page), page.url).toBe(pageKey(generic, "list", listPageInputs(m, page)));
    }
    // What that went through: every kind of list, numbered pages past the first, and items long enough to
    // stand as their digest.
    expect(new Set(lists.map((p) => p.kind))).toEqual(new Set(["news", "district", "tag"]));
    expect(lists.some((p) => p.pageNumber > 1)).toBe(true);
    expect(some().textOf(articles[1]!).length * Math.max(...lists.map((p) => p.items.length))).toBeGreaterThan(512);
  });

  it("change with a listed article's source, the hot list, the district links and the page's place", async () => {
    const m = await model();
    const sources = new Map<Article, string>(m.content.articles.map((x) => [x, sourceKeyOf(x)!]));
    const page = m.newsPages[1]!;
    const key = (changes: { sources?: Map<Article, string>; model?: typeof m; page?: typeof page } = {}) =>
      listPageKey(new Fingerprinter(changes.sources ?? sources), changes.model ?? m, changes.page ?? page);
    const base = key();
    expect(key()).toBe(base);
    expect(key({ sources: new Map([...sources, [page.items[0]!, "edited"]]) })).not.toBe(base);
    expect(key({ model: { ...m, hot: m.hot.map((e) => ({ ...e, views: 7 })) } })).not.toBe(base);
    expect(key({ model: { ...m, districts: m.districts.slice(1) } })).not.toBe(base);
    expect(key({ page: { ...page, total: page.total + 1 } })).not.toBe(base);
    expect(key({ page: { ...page, pageNumber: 1, url: page.baseUrl } })).not.toBe(base);
  });
});
