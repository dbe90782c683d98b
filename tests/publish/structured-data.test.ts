import { describe, expect, it } from "vitest";
import { describeNewsArticle, describeOpenGraph } from "../../src/publish/structured-data.ts";
import { loadFixture } from "../support/content.ts";
import { makeArticle, readSeed } from "../support/fixtures.ts";

const BASE = "https://www.bmy-online.example.cn";

describe("describeNewsArticle", () => {
  it("describes the seed article as a NewsArticle with +08:00 dates", async () => {
    const content = await loadFixture({ "2020-02-27-changan-health-bureau.md": readSeed() });
    const url = `${BASE}/news/2020/02/changan-health-bureau/`;
    expect(describeNewsArticle(content.articles[0]!, content.site)).toEqual({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      mainEntityOfPage: { "@type": "WebPage", "@id": url },
      url,
      headline: '长安人民的忠诚"卫"士',
      alternativeHeadline: "长安区卫生健康局党委疫情防控工作侧记",
      description: "长安区卫生健康局党委把打赢疫情防控阻击战作为当前重大政治任务，充分发挥党支部战斗堡垒和党员先锋模范作用。",
      datePublished: "2020-02-27T11:31:00+08:00",
      dateModified: "2020-02-27T11:31:00+08:00",
      author: [{ "@type": "Person", name: "特约记者 师展" }],
      publisher: { "@type": "Organization", name: "兵马俑在线", url: `${BASE}/` },
      articleSection: "长安区",
      keywords: ["疫情防控", "卫生健康"],
      inLanguage: "zh-CN",
      sourceOrganization: { "@type": "Organization", name: "长安区人民政府网站" },
    });
  });

  it("adds the first body image, absolute, and credits the source when there is no byline", async () => {
    const content = await loadFixture({
      "2020-03-01-photo.md": makeArticle({ source: "碑林区融媒体中心" }, "导语。\n\n![现场](/uploads/2020/03/a.jpg)\n\n![另一张](b.jpg)\n"),
    });
    const ld = describeNewsArticle(content.articles[0]!, content.site);
    expect(ld.image).toEqual([`${BASE}/uploads/2020/03/a.jpg`]);
    expect(ld.author).toEqual([{ "@type": "Organization", name: "碑林区融媒体中心" }]);
  });

  it("has no image and names the site as author when the article has neither", async () => {
    const content = await loadFixture({ "2020-03-01-plain.md": makeArticle() });
    const ld = describeNewsArticle(content.articles[0]!, content.site);
    expect(ld).not.toHaveProperty("image");
    expect(ld.author).toEqual([{ "@type": "Organization", name: "兵马俑在线" }]);
  });
});

describe("describeOpenGraph", () => {
  it("lists the Open Graph properties of an article in order", async () => {
    const content = await loadFixture({ "2020-03-01-photo.md": makeArticle({ tags: ["民生", "交通"], summary: "摘要" }, "![图](/a.jpg)\n") });
    expect(describeOpenGraph(content.articles[0]!, content.site)).toEqual([
      ["og:type", "article"],
      ["og:title", "测试文章"],
      ["og:description", "摘要"],
      ["og:url", `${BASE}/news/2020/02/photo/`],
      ["og:site_name", "兵马俑在线"],
      ["og:locale", "zh_CN"],
      ["og:image", `${BASE}/a.jpg`],
      ["article:published_time", "2020-02-27T11:31:00+08:00"],
      ["article:modified_time", "2020-02-27T11:31:00+08:00"],
      ["article:section", "长安区"],
      ["article:tag", "民生"],
      ["article:tag", "交通"],
    ]);
  });
});
