// The registry links and government meta tags, as pure functions of the site config and an article.
import { describe, expect, it } from "vitest";
import { articleMeta, parseArticle, parseSiteConfig, policeRecordCode, policeRegistryUrl, siteMeta } from "../../src/content/index.ts";
import { SITE_YAML, readSeed, makeArticle } from "../support/fixtures.ts";

const site = parseSiteConfig(SITE_YAML).config!;

describe("policeRecordCode", () => {
  it.each([
    ["陕公网安备 61010002000000号", "61010002000000"],
    ["陕公网安备61011602000001号", "61011602000001"],
    ["京公网安备 11010502030143 号", "11010502030143"],
  ])("%s → %s", (police, code) => {
    expect(policeRecordCode(police)).toBe(code);
  });

  it("links the record to the MPS registry's search", () => {
    expect(policeRegistryUrl("陕公网安备 61010002000000号")).toBe(
      "https://beian.mps.gov.cn/#/query/webSearch?code=61010002000000",
    );
  });
});

describe("government meta tags", () => {
  it("names the site, its domain, its identification code and the page's column", () => {
    expect(siteMeta(site, "区县播报")).toEqual([
      ["SiteName", "兵马俑在线"],
      ["SiteDomain", "www.bmy-online.example.cn"],
      ["SiteIDCode", "6101000000"],
      ["ColumnName", "区县播报"],
    ]);
  });

  it("describes the seed article with its title, Beijing time, source, byline and tags", () => {
    const { article } = parseArticle(readSeed(), "content/news/2020-02-27-changan-health-bureau.md", site);
    expect(articleMeta(site, article!)).toEqual([
      ["ArticleTitle", '长安人民的忠诚"卫"士'],
      ["PubDate", "2020-02-27 11:31"],
      ["ContentSource", "长安区人民政府网站"],
      ["Author", "特约记者 师展"],
      ["Keywords", "疫情防控,卫生健康"],
    ]);
  });

  it("falls back to the site as source and author, and to the district as keyword", () => {
    const { article } = parseArticle(makeArticle({ title: "无来源" }), "content/news/a.md", site);
    expect(articleMeta(site, article!)).toEqual([
      ["ArticleTitle", "无来源"],
      ["PubDate", "2020-02-27 11:31"],
      ["ContentSource", "兵马俑在线"],
      ["Author", "兵马俑在线"],
      ["Keywords", "长安区"],
    ]);
  });

  it("uses the source as author when there is no byline", () => {
    const { article } = parseArticle(makeArticle({ source: "雁塔区融媒体中心" }), "content/news/a.md", site);
    expect(articleMeta(site, article!).find(([name]) => name === "Author")).toEqual(["Author", "雁塔区融媒体中心"]);
  });
});
