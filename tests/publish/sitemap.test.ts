// The sitemap generator: which pages it lists, lastmod in the site's zone, splitting into an index, and
// validation against the sitemaps.org structure (tests/fixtures/*.xsd) with xmllint.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { collectSitemapEntries, renderRobots, renderSitemaps, sitemapPaths, type SitemapEntry } from "../../src/publish/sitemap.ts";
import { loadFixture } from "../support/content.ts";
import { PROJECT_DIR, makeArticle } from "../support/fixtures.ts";
import { validateSchema, xpath } from "../support/xmllint.ts";

const BASE = "https://www.bmy-online.example.cn";
const SITEMAP_XSD = path.join(PROJECT_DIR, "tests/fixtures/sitemap.xsd");
const INDEX_XSD = path.join(PROJECT_DIR, "tests/fixtures/siteindex.xsd");

function writeTemp(files: { path: string; contents: string }[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "newsdesk-sitemap-"));
  for (const f of files) {
    const file = path.join(dir, f.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, f.contents);
  }
  return dir;
}

const threeArticles = () => ({
  "2020-02-27-a.md": makeArticle({ title: "甲", district: "长安区", tags: ["疫情防控", "卫生健康"], date: "2020-02-27 11:31" }),
  "2020-02-28-b.md": makeArticle({ title: "乙", district: "碑林区", tags: ["疫情防控"], date: "2020-02-28 23:30" }),
  "2020-01-05-c.md": makeArticle({ title: "丙", district: "长安区", date: "2020-01-05" }),
});

describe("collectSitemapEntries", () => {
  it("lists home, index, overviews, districts, tags (most used first) and articles once, with each list's newest date", async () => {
    const content = await loadFixture(threeArticles());
    const entries = collectSitemapEntries(content);
    const show = (e: SitemapEntry) => [e.path, e.lastmod?.toISOString() ?? null];
    expect(entries.map(show)).toEqual([
      ["/", "2020-02-28T15:30:00.000Z"],
      ["/news/", "2020-02-28T15:30:00.000Z"],
      ["/districts/", "2020-02-28T15:30:00.000Z"],
      ["/districts/xincheng/", null],
      ["/districts/beilin/", "2020-02-28T15:30:00.000Z"],
      ["/districts/lianhu/", null],
      ["/districts/baqiao/", null],
      ["/districts/weiyang/", null],
      ["/districts/yanta/", null],
      ["/districts/yanliang/", null],
      ["/districts/lintong/", null],
      ["/districts/changan/", "2020-02-27T03:31:00.000Z"],
      ["/districts/gaoling/", null],
      ["/districts/huyi/", null],
      ["/districts/lantian/", null],
      ["/districts/zhouzhi/", null],
      ["/tags/", "2020-02-28T15:30:00.000Z"],
      ["/tags/yi-qing-fang-kong/", "2020-02-28T15:30:00.000Z"],
      ["/tags/wei-sheng-jian-kang/", "2020-02-27T03:31:00.000Z"],
      ["/news/2020/02/b/", "2020-02-28T15:30:00.000Z"],
      ["/news/2020/02/a/", "2020-02-27T03:31:00.000Z"],
      ["/news/2020/01/c/", "2020-01-04T16:00:00.000Z"],
    ]);
  });
});

describe("renderSitemaps", () => {
  it("writes one urlset with lastmod in +08:00 that validates against the sitemap schema", async () => {
    const content = await loadFixture(threeArticles());
    const files = renderSitemaps(collectSitemapEntries(content), content.site);
    expect(files.map((f) => f.path)).toEqual(["/sitemap.xml"]);
    const text = files[0]!.contents;
    expect(text).toContain(`<url><loc>${BASE}/news/2020/02/b/</loc><lastmod>2020-02-28T23:30:00+08:00</lastmod></url>`);
    expect(text).toContain(`<url><loc>${BASE}/news/2020/01/c/</loc><lastmod>2020-01-05T00:00:00+08:00</lastmod></url>`);
    expect(text).toContain(`<url><loc>${BASE}/districts/gaoling/</loc></url>`);
    const dir = writeTemp(files);
    const result = validateSchema(path.join(dir, "sitemap.xml"), SITEMAP_XSD);
    expect(result.output).toContain("validates");
    expect(result.ok).toBe(true);
    expect(xpath(path.join(dir, "sitemap.xml"), "count(/*[local-name()='urlset']/*[local-name()='url'])")).toBe("22");
  });

  it("splits above maxUrls into numbered files listed by a sitemap index, each valid", async () => {
    const content = await loadFixture(threeArticles());
    const entries = collectSitemapEntries(content);
    const files = renderSitemaps(entries, content.site, 7);
    expect(files.map((f) => f.path)).toEqual(["/sitemap.xml", "/sitemaps/1.xml", "/sitemaps/2.xml", "/sitemaps/3.xml", "/sitemaps/4.xml"]);
    const dir = writeTemp(files);
    const index = path.join(dir, "sitemap.xml");
    expect(validateSchema(index, INDEX_XSD).ok).toBe(true);
    expect(files[0]!.contents).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>${BASE}/sitemaps/1.xml</loc><lastmod>2020-02-28T23:30:00+08:00</lastmod></sitemap>
<sitemap><loc>${BASE}/sitemaps/2.xml</loc><lastmod>2020-02-27T11:31:00+08:00</lastmod></sitemap>
<sitemap><loc>${BASE}/sitemaps/3.xml</loc><lastmod>2020-02-28T23:30:00+08:00</lastmod></sitemap>
<sitemap><loc>${BASE}/sitemaps/4.xml</loc><lastmod>2020-01-05T00:00:00+08:00</lastmod></sitemap>
</sitemapindex>
`);
    const counts = [1, 2, 3, 4].map((n) => {
      const part = path.join(dir, `sitemaps/${n}.xml`);
      expect(validateSchema(part, SITEMAP_XSD).ok).toBe(true);
      return Number(xpath(part, "count(/*[local-name()='urlset']/*[local-name()='url'])"));
    });
    expect(counts).toEqual([7, 7, 7, 1]);
    // Every URL exactly once, in order, across the parts.
    const locs = [1, 2, 3, 4].flatMap((n) => [...files[n]!.contents.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]));
    expect(locs).toEqual(entries.map((e) => `${BASE}${e.path}`));
  });

  it("keeps exactly maxUrls in a single file", async () => {
    const content = await loadFixture(threeArticles());
    const entries = collectSitemapEntries(content);
    expect(renderSitemaps(entries, content.site, entries.length).map((f) => f.path)).toEqual(["/sitemap.xml"]);
    expect(renderSitemaps(entries, content.site, entries.length - 1).map((f) => f.path)).toEqual(["/sitemap.xml", "/sitemaps/1.xml", "/sitemaps/2.xml"]);
  });

  it("names its files ahead (sitemapPaths) as it makes them", async () => {
    const content = await loadFixture(threeArticles());
    const entries = collectSitemapEntries(content);
    for (const max of [7, 10, entries.length - 1, entries.length, 50_000]) {
      expect(sitemapPaths(entries.length, max)).toEqual(renderSitemaps(entries, content.site, max).map((f) => f.path));
    }
  });

  it("fails the validation when lastmod is not a W3C date (the schema can fail)", async () => {
    const content = await loadFixture(threeArticles());
    const [file] = renderSitemaps(collectSitemapEntries(content), content.site);
    const dir = writeTemp([{ path: "/sitemap.xml", contents: file!.contents.replace("2020-02-28T23:30:00+08:00", "2020-02-28 23:30") }]);
    const result = validateSchema(path.join(dir, "sitemap.xml"), SITEMAP_XSD);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("lastmod");
  });
});

describe("renderRobots", () => {
  it("points to the absolute sitemap address", async () => {
    const { site } = await loadFixture({});
    expect(renderRobots(site)).toBe(`User-agent: *\nDisallow: /search/\n\nSitemap: ${BASE}/sitemap.xml\n`);
  });
});
