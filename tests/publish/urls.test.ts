import { describe, expect, it } from "vitest";
import { absoluteUrl, absolutizeBody, findLeadImage } from "../../src/publish/urls.ts";
import { loadFixture } from "../support/content.ts";
import { makeArticle } from "../support/fixtures.ts";

const BODY = [
  "第一段，见[通知](/notices/1/)和[原文](https://gov.example.cn/a?x=1&y=2)以及[本页小节](#lei-ting)。",
  "",
  "![现场照片](images/site.jpg \"现场\")",
  "",
  "![第二张](/img/two.png)",
  "",
  "写信到[信箱](mailto:news@example.cn)，或看 [相对](../other/?a=1&b=2)。",
  "",
].join("\n");

describe("absolute URLs", () => {
  it("joins site paths to the base URL", async () => {
    const { site } = await loadFixture({});
    expect(absoluteUrl("/news/2020/02/a/", site)).toBe("https://www.bmy-online.example.cn/news/2020/02/a/");
    expect(absoluteUrl("/", site)).toBe("https://www.bmy-online.example.cn/");
  });

  it("joins every path as URL resolution does, whatever the base URL", async () => {
    const { site } = await loadFixture({});
    const bases = [site.baseUrl, "https://example.cn/sub/dir/", "http://user:pw@EXAMPLE.cn:8080/", "https://example.cn:443/", "https://例子.cn/"];
    const paths = [
      "/",
      "/news/2020/02/a/",
      "/news/2020/02/a",
      "/tags/wen-hua-lv-you/",
      "/a_b~c/",
      "/news/../x/",
      "/news/./x/",
      "//evil.example/x/",
      "/新闻/",
      "/a b/",
      "/a%20b/",
      "/a?x=1",
      "/a#b",
      "/A/",
      "/a\\b/",
      "news/relative/",
      "",
    ];
    for (const baseUrl of bases) {
      for (const path of paths) expect(absoluteUrl(path, { ...site, baseUrl }), `${path} on ${baseUrl}`).toBe(new URL(path, baseUrl).href);
    }
  });

  it("makes every link and image in a body absolute, relative ones against the article's URL", async () => {
    const content = await loadFixture({ "2020-02-27-links.md": makeArticle({}, BODY) });
    const [article] = content.articles;
    const body = absolutizeBody(article!, content.site);
    const base = "https://www.bmy-online.example.cn";
    expect(body).toContain(`<a href="${base}/notices/1/">通知</a>`);
    expect(body).toContain('<a href="https://gov.example.cn/a?x=1&amp;y=2">原文</a>');
    expect(body).toContain(`<a href="${base}/news/2020/02/links/#lei-ting">本页小节</a>`);
    expect(body).toContain(`<img src="${base}/news/2020/02/links/images/site.jpg" alt="现场照片" title="现场">`);
    expect(body).toContain(`<img src="${base}/img/two.png" alt="第二张">`);
    expect(body).toContain('<a href="mailto:news@example.cn">信箱</a>');
    expect(body).toContain(`<a href="${base}/news/2020/02/other/?a=1&amp;b=2">相对</a>`);
    // Text that only looks like a link is left as the escaped text it is.
    const text = await loadFixture({ "2020-02-27-text.md": makeArticle({}, 'href="/x" 与 <a href="/y">\n') });
    expect(absolutizeBody(text.articles[0]!, text.site)).toBe(text.articles[0]!.html);
  });

  it("finds the first body image, absolute, or nothing", async () => {
    const content = await loadFixture({
      "2020-02-27-with.md": makeArticle({ title: "有图" }, BODY),
      "2020-02-26-without.md": makeArticle({ title: "无图", date: "2020-02-26 09:00" }, "没有图片的正文。\n"),
    });
    const [withImage, without] = content.articles;
    expect(findLeadImage(withImage!, content.site)).toBe("https://www.bmy-online.example.cn/news/2020/02/with/images/site.jpg");
    expect(findLeadImage(without!, content.site)).toBeUndefined();
  });
});
