// A built fixture site's feeds, sitemap and robots.txt: valid for their formats (xmllint, the sitemaps.org
// structure, JSON Feed 1.1's required fields), and without drafts or scheduled articles anywhere.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/index.ts";
import { readTree } from "../support/tree.ts";
import { PROJECT_DIR, makeArticle, makeSite, readSeed } from "../support/fixtures.ts";
import { checkWellFormed, validateSchema, xpath } from "../support/xmllint.ts";

const BASE = "https://www.bmy-online.example.cn";
const NOW = new Date("2026-01-01T00:00:00Z");
const DISTRICT_SLUGS = ["xincheng", "beilin", "lianhu", "baqiao", "weiyang", "yanta", "yanliang", "lintong", "changan", "gaoling", "huyi", "lantian", "zhouzhi"];

let out: string;
let files: Map<string, Buffer>;

beforeAll(async () => {
  const root = makeSite({
    "2020-02-27-changan-health-bureau.md": readSeed(),
    "2025-06-01-beilin-library.md": makeArticle({ title: "碑林区图书馆延长开放时间", district: "碑林区", date: "2025-06-01 09:00", tags: ["文化"] }),
    "2025-07-15-yanta-park.md": makeArticle({ title: "雁塔区新建口袋公园", district: "雁塔区", date: "2025-07-15 18:45", byline: "记者 王敏" }),
    "2025-08-01-changan-roads.md": makeArticle({ title: "长安区改造背街小巷", district: "长安区", date: "2025-08-01" }),
    "2025-09-01-draft-secret.md": makeArticle({ title: "草稿不应发布", district: "长安区", date: "2025-09-01 10:00", draft: true }),
    "2026-03-01-scheduled-later.md": makeArticle({ title: "定时稿不应提前发布", district: "碑林区", date: "2026-03-01 10:00" }),
  });
  const result = await buildSite({ root, now: NOW, search: false });
  expect(result.problems).toEqual([]);
  expect(result.ok).toBe(true);
  out = result.outDir;
  files = readTree(out);
});

const feedDirs = ["", ...DISTRICT_SLUGS.map((s) => `districts/${s}/`)];
const atom = (q: string) => `*[local-name()='${q}' and namespace-uri()='http://www.w3.org/2005/Atom']`;

describe("Atom feeds", () => {
  it.each(feedDirs)("/%sfeed.xml is well-formed Atom with every required element", (dir) => {
    const file = path.join(out, dir, "feed.xml");
    expect(checkWellFormed(file).ok).toBe(true);
    expect(xpath(file, `count(/${atom("feed")})`)).toBe("1");
    for (const required of ["id", "title", "updated", "author"]) expect(xpath(file, `count(/${atom("feed")}/${atom(required)})`)).toBe("1");
    expect(xpath(file, `string(/${atom("feed")}/${atom("link")}[@rel='self']/@href)`)).toBe(`${BASE}/${dir}feed.xml`);
    // Every entry: id, title, updated, published and an alternate link, dates RFC 3339 in +08:00.
    const entries = `/${atom("feed")}/${atom("entry")}`;
    expect(xpath(file, `count(${entries}[not(${atom("id")}) or not(${atom("title")}) or not(${atom("updated")}) or not(${atom("published")}) or not(${atom("link")}[@rel='alternate'])])`)).toBe("0");
    expect(xpath(file, `count(//${atom("updated")}[string-length(.) != 25 or substring(., 20) != '+08:00'])`)).toBe("0");
    expect(xpath(file, `count(${entries}/${atom("link")}[not(starts-with(@href, '${BASE}/news/'))])`)).toBe("0");
  });

  it("lists the site's articles newest first, and each district only its own", () => {
    const titles = (dir: string) => {
      const file = path.join(out, dir, "feed.xml");
      const n = Number(xpath(file, `count(/${atom("feed")}/${atom("entry")})`));
      return Array.from({ length: n }, (_, i) => xpath(file, `string(/${atom("feed")}/${atom("entry")}[${i + 1}]/${atom("title")})`));
    };
    expect(titles("")).toEqual(["长安区改造背街小巷", "雁塔区新建口袋公园", "碑林区图书馆延长开放时间", '长安人民的忠诚"卫"士']);
    expect(titles("districts/changan/")).toEqual(["长安区改造背街小巷", '长安人民的忠诚"卫"士']);
    expect(titles("districts/beilin/")).toEqual(["碑林区图书馆延长开放时间"]);
    expect(titles("districts/gaoling/")).toEqual([]);
  });
});

describe("RSS feeds", () => {
  it.each(feedDirs)("/%srss.xml is well-formed RSS 2.0 with every required element", (dir) => {
    const file = path.join(out, dir, "rss.xml");
    expect(checkWellFormed(file).ok).toBe(true);
    expect(xpath(file, "count(/rss[@version='2.0']/channel)")).toBe("1");
    for (const required of ["title", "link", "description"]) expect(xpath(file, `count(/rss/channel/${required})`)).toBe("1");
    expect(xpath(file, "string(/rss/channel/link)")).toBe(`${BASE}/${dir}`);
    expect(xpath(file, "count(/rss/channel/item[not(title) or not(link) or not(guid) or not(pubDate) or not(description)])")).toBe("0");
    expect(xpath(file, "count(//pubDate[substring(., string-length(.) - 4) != '+0800'])")).toBe("0");
    expect(xpath(file, "count(//lastBuildDate[substring(., string-length(.) - 4) != '+0800'])")).toBe("0");
  });

  it("dates the seed article in RFC 822 Beijing time", () => {
    const file = path.join(out, "districts/changan/rss.xml");
    expect(xpath(file, "string(/rss/channel/item[2]/pubDate)")).toBe("Thu, 27 Feb 2020 11:31:00 +0800");
  });
});

describe("JSON feeds", () => {
  it.each(feedDirs)("/%sfeed.json has JSON Feed 1.1's required fields", (dir) => {
    const feed = JSON.parse(readFileSync(path.join(out, dir, "feed.json"), "utf8"));
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(typeof feed.title).toBe("string");
    expect(feed.feed_url).toBe(`${BASE}/${dir}feed.json`);
    expect(feed.home_page_url).toBe(`${BASE}/${dir}`);
    expect(Array.isArray(feed.items)).toBe(true);
    for (const item of feed.items) {
      expect(typeof item.id).toBe("string");
      expect(typeof item.content_html === "string" || typeof item.content_text === "string").toBe(true);
      expect(item.url).toMatch(new RegExp(`^${BASE}/news/`));
      expect(item.date_published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    }
  });
});

describe("feed autodiscovery", () => {
  it("every page links the site's three feeds", () => {
    const page = files.get("news/2020/02/changan-health-bureau/index.html")!.toString();
    expect(page).toContain(`<link rel="alternate" type="application/atom+xml" title="兵马俑在线 - 区县播报 (Atom)" href="/feed.xml">
<link rel="alternate" type="application/rss+xml" title="兵马俑在线 - 区县播报 (RSS)" href="/rss.xml">
<link rel="alternate" type="application/feed+json" title="兵马俑在线 - 区县播报 (JSON Feed)" href="/feed.json">`);
  });
});

describe("district feed autodiscovery", () => {
  it("a district page links its own feeds after the site's", () => {
    const page = files.get("districts/changan/index.html")!.toString();
    expect(page).toContain(`<link rel="alternate" type="application/atom+xml" title="长安区 - 兵马俑在线 (Atom)" href="/districts/changan/feed.xml">
<link rel="alternate" type="application/rss+xml" title="长安区 - 兵马俑在线 (RSS)" href="/districts/changan/rss.xml">
<link rel="alternate" type="application/feed+json" title="长安区 - 兵马俑在线 (JSON Feed)" href="/districts/changan/feed.json">`);
  });
});

describe("sitemap.xml and robots.txt", () => {
  it("validates against the sitemaps.org structure with lastmod in +08:00", () => {
    const file = path.join(out, "sitemap.xml");
    const result = validateSchema(file, path.join(PROJECT_DIR, "tests/fixtures/sitemap.xsd"));
    expect(result.output).toContain("validates");
    expect(xpath(file, "string(//*[local-name()='url'][*[local-name()='loc'] = 'https://www.bmy-online.example.cn/news/2020/02/changan-health-bureau/']/*[local-name()='lastmod'])")).toBe("2020-02-27T11:31:00+08:00");
    expect(xpath(file, "count(//*[local-name()='lastmod'][substring(., 20) != '+08:00'])")).toBe("0");
  });

  it("lists only pages the build wrote, and every article and list first page", () => {
    const locs = [...files.get("sitemap.xml")!.toString().matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!.slice(BASE.length + 1));
    expect(locs.filter((p) => !files.has(`${p}index.html`))).toEqual([]);
    // Every page but later list pages and the search page (robots.txt keeps crawlers off /search/).
    const pages = [...files.keys()]
      .filter((p) => p.endsWith("index.html") && !p.includes("/page/") && p !== "search/index.html")
      .map((p) => p.slice(0, -"index.html".length));
    expect(locs).not.toContain("search/");
    expect([...locs].sort()).toEqual(pages.sort());
  });

  it("robots.txt points to the sitemap", () => {
    expect(files.get("robots.txt")!.toString()).toContain(`Sitemap: ${BASE}/sitemap.xml\n`);
  });
});

describe("drafts and scheduled articles", () => {
  it("appear in no feed, sitemap or robots file", () => {
    const published = [...files.keys()].filter((p) => /\.(xml|json|txt)$/.test(p));
    expect(published.length).toBe(3 * 14 + 2);
    for (const p of published) {
      const text = files.get(p)!.toString();
      for (const unpublished of ["草稿不应发布", "draft-secret", "定时稿不应提前发布", "scheduled-later"]) {
        expect(text, `${p} mentions ${unpublished}`).not.toContain(unpublished);
      }
    }
    expect([...files.keys()].filter((p) => p.includes("draft-secret") || p.includes("scheduled-later"))).toEqual([]);
  });
});
