// A 10,000-article corpus that follows the content contract builds with every list and sidebar correct.
// The expected lists are worked out here from the corpus itself (not from the site's own functions), and
// checked on a sample of pages: the ends and the middle of every kind of list, and a few article pages.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CORPUS_END, generateCorpus, writeCorpus, type CorpusArticle } from "../../src/bench/corpus.ts";
import { buildSite } from "../../src/site/index.ts";
import { SITE_YAML, makeSite } from "../support/fixtures.ts";
import { breadcrumb, hotEntries, listItems, pagerLinks, readPage, relatedTitles } from "../support/pages.ts";

const COUNT = 10_000;
// Just after the corpus's newest article; the default 30-day window holds articles 9185 … 9999.
const NOW = CORPUS_END;
const DISTRICT_SLUGS: Record<string, string> = { 长安区: "changan", 新城区: "xincheng", 周至县: "zhouzhi" };

interface Expected {
  index: number;
  source: CorpusArticle;
  url: string;
  /** "title | district | date | summary", as listItems reads an item. */
  item: string;
}

let root: string;
let corpus: CorpusArticle[];
/** The whole corpus, newest first: generation order reversed (every article has its own minute). */
let newestFirst: Expected[];

const urlOf = (a: CorpusArticle) => `/news/${a.date.slice(0, 4)}/${a.date.slice(5, 7)}/${a.fileName.slice(11, -3)}/`;
const items = (list: Expected[]) => list.map((e) => ({ text: e.item, href: e.url }));
const hrefs = (list: Expected[]) => list.map((e) => e.url);
const byIndex = (i: number) => newestFirst[COUNT - 1 - i]!;

beforeAll(async () => {
  root = makeSite({});
  corpus = generateCorpus(COUNT);
  writeCorpus(root, corpus, SITE_YAML.replace(/hot:\n  count: 7/, "hot:\n  count: 15"));
  mkdirSync(path.join(root, "content/_data"), { recursive: true });
  const views = {
    [urlOf(corpus[9990]!)]: 300,
    [urlOf(corpus[9500]!)]: 5000,
    [urlOf(corpus[9200]!)]: 100000,
    [urlOf(corpus[9100]!)]: 999999, // outside the window
    [urlOf(corpus[9970]!)]: 77, // pinned
  };
  writeFileSync(path.join(root, "content/_data/views.json"), JSON.stringify(views, null, 2));
  newestFirst = corpus
    .map((source, index) => ({ index, source, url: urlOf(source), item: [source.title, source.district, source.date, source.summary].join(" | ") }))
    .reverse();
  // The lists are under test here: the search index is tested on small sites (search-index.test.ts) and its
  // time at 10,000 pages is measured by the bench.
  const result = await buildSite({ root, now: NOW, search: false });
  expect(result.problems).toEqual([]);
  expect(result.ok).toBe(true);
  expect(result.articles).toBe(COUNT);
});

describe(`a corpus of ${COUNT} articles`, () => {
  it("builds every article page", () => {
    const pages = readdirSync(path.join(root, "_site/news"), { recursive: true }).filter((p) => /^\d{4}[/\\]\d{2}[/\\].+index\.html$/.test(String(p)));
    expect(pages).toHaveLength(COUNT);
    const last = corpus[COUNT - 1]!;
    expect(readPage(root, urlOf(last)).querySelector("h1")!.text).toBe(last.title);
  });

  it.each([1, 2, 250, 500])("lists /news/ page %i exactly", (n) => {
    const page = readPage(root, n === 1 ? "/news/" : `/news/page/${n}/`);
    expect(listItems(page)).toEqual(items(newestFirst.slice((n - 1) * 20, n * 20)));
    expect(page.querySelector("main .list-count")!.text).toBe(n === 1 ? "共 10,000 篇" : `共 10,000 篇，第${n}页`);
  });

  it("has 500 pages of /news/ and a pager that reaches both ends", () => {
    expect(existsSync(path.join(root, "_site/news/page/501/index.html"))).toBe(false);
    expect(pagerLinks(readPage(root, "/news/page/250/"))).toEqual([
      "首页→/news/",
      "上一页→/news/page/249/",
      "1→/news/",
      "…",
      "248→/news/page/248/",
      "249→/news/page/249/",
      "*250→/news/page/250/",
      "251→/news/page/251/",
      "252→/news/page/252/",
      "…",
      "500→/news/page/500/",
      "下一页→/news/page/251/",
      "尾页→/news/page/500/",
    ]);
  });

  it.each(Object.entries(DISTRICT_SLUGS))("lists %s on its first and last page, with its count", (name, slug) => {
    const expected = newestFirst.filter((e) => e.source.district === name);
    const pages = Math.ceil(expected.length / 20);
    expect(listItems(readPage(root, `/districts/${slug}/`))).toEqual(items(expected.slice(0, 20)));
    const last = readPage(root, `/districts/${slug}/page/${pages}/`);
    expect(listItems(last)).toEqual(items(expected.slice((pages - 1) * 20)));
    expect(breadcrumb(last)).toEqual(["网站首页→/", "区县播报→/news/", `${name}→/districts/${slug}/`, `第${pages}页*`]);
    expect(existsSync(path.join(root, `_site/districts/${slug}/page/${pages + 1}/index.html`))).toBe(false);
    const row = readPage(root, "/districts/").querySelectorAll("main .district-links li").find((li) => li.querySelector("a")!.text === name)!;
    expect(row.querySelector(".count")!.text).toBe(`${expected.length.toLocaleString("en-US")} 篇`);
  });

  it.each([
    ["疫情防控", "yi-qing-fang-kong"],
    ["营商环境", "ying-shang-huan-jing"],
  ])("lists tag %s on its first and last page", (tag, slug) => {
    const expected = newestFirst.filter((e) => e.source.tags.includes(tag));
    const pages = Math.ceil(expected.length / 20);
    expect(listItems(readPage(root, `/tags/${slug}/`))).toEqual(items(expected.slice(0, 20)));
    expect(listItems(readPage(root, `/tags/${slug}/page/${pages}/`))).toEqual(items(expected.slice((pages - 1) * 20)));
    const row = readPage(root, "/tags/").querySelectorAll("main .tag-links li").find((li) => li.querySelector("a")!.text === tag)!;
    expect(row.querySelector("a")!.getAttribute("href")).toBe(`/tags/${slug}/`);
    expect(row.querySelector(".count")!.text).toBe(`${expected.length.toLocaleString("en-US")} 篇`);
  });

  it("shows the same 全站热点 on every sampled page: 11 pins, the most read in the window, then the newest", () => {
    const pins = newestFirst.filter((e) => e.source.hot);
    expect(pins).toHaveLength(11);
    const entry = (e: Expected, views?: string) => [e.source.title, e.source.date, views].filter(Boolean).join(" | ");
    const expected = [
      ...pins.map((e) => entry(e, e.index === 9970 ? "阅读 77" : undefined)),
      entry(byIndex(9200), "阅读 100,000"),
      entry(byIndex(9500), "阅读 5,000"),
      entry(byIndex(9990), "阅读 300"),
      entry(byIndex(9999)),
    ];
    for (const url of ["/", "/news/", "/news/page/500/", "/districts/changan/", "/tags/yi-qing-fang-kong/", "/tags/", byIndex(0).url, byIndex(5000).url]) {
      expect(hotEntries(readPage(root, url)), url).toEqual(expected);
    }
  });

  it.each([0, 5000, COUNT - 1])("links article %i to its neighbours and its best related articles", (index) => {
    const page = readPage(root, byIndex(index).url);
    const links = page.querySelectorAll("nav.article-pager li").map((li) => li.querySelector("a")?.getAttribute("href") ?? li.text);
    expect(links).toEqual([index > 0 ? byIndex(index - 1).url : "上一篇：没有了", index < COUNT - 1 ? byIndex(index + 1).url : "下一篇：没有了"]);

    const me = byIndex(index).source;
    const shared = (c: CorpusArticle) => (c.district === me.district ? 1 : 0) + c.tags.filter((t) => me.tags.includes(t)).length;
    const related = newestFirst
      .map((e, order) => ({ e, order, score: shared(e.source) }))
      .filter((x) => x.e.index !== index && x.score > 0)
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .slice(0, 5);
    expect(page.querySelectorAll("section.related li a").map((a) => a.getAttribute("href"))).toEqual(hrefs(related.map((x) => x.e)));
    expect(relatedTitles(page)).toHaveLength(5);
  });
});
