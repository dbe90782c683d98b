// 上一篇 / 下一篇 and 相关阅读 on built article pages.
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/index.ts";
import { SITE_YAML, makeArticle, makeSite } from "../support/fixtures.ts";
import { readPage, relatedTitles } from "../support/pages.ts";

let root: string;

beforeAll(async () => {
  const a = (title: string, date: string, district: string, tags: string[]) => makeArticle({ title, date, district, tags });
  root = makeSite(
    {
      "oldest.md": a("最早", "2020-01-01 08:00", "长安区", ["疫情防控", "卫生健康"]),
      "middle.md": a("中间", "2020-01-05 08:00", "新城区", ["疫情防控"]),
      "both.md": a("两个标签", "2020-01-03 08:00", "碑林区", ["疫情防控", "卫生健康"]),
      "district.md": a("同区县", "2020-01-04 08:00", "长安区", []),
      "all.md": a("全部相同", "2020-01-02 08:00", "长安区", ["卫生健康", "疫情防控"]),
      "newest.md": a("最新", "2020-01-09 08:00", "周至县", ["教育"]),
    },
    SITE_YAML.replace("relatedCount: 5", "relatedCount: 3"),
  );
  const result = await buildSite({ root, now: new Date("2021-01-01T00:00:00Z") });
  expect(result.problems).toEqual([]);
});

function neighbours(url: string): string[] {
  return readPage(root, url)
    .querySelectorAll("nav.article-pager li")
    .map((li) => {
      const a = li.querySelector("a");
      return a ? `${li.text}→${a.getAttribute("href")}` : li.text;
    });
}

describe("上一篇 / 下一篇", () => {
  it.each([
    ["/news/2020/01/oldest/", ["上一篇：没有了", "下一篇：全部相同→/news/2020/01/all/"]],
    ["/news/2020/01/all/", ["上一篇：最早→/news/2020/01/oldest/", "下一篇：两个标签→/news/2020/01/both/"]],
    ["/news/2020/01/middle/", ["上一篇：同区县→/news/2020/01/district/", "下一篇：最新→/news/2020/01/newest/"]],
    ["/news/2020/01/newest/", ["上一篇：中间→/news/2020/01/middle/", "下一篇：没有了"]],
  ])("%s", (url, expected) => {
    expect(neighbours(url)).toEqual(expected);
    expect(readPage(root, url).querySelector("nav.article-pager")!.getAttribute("aria-label")).toBe("上一篇和下一篇");
  });
});

describe("相关阅读", () => {
  it.each([
    // Shares district + both tags with 全部相同; both tags with 两个标签; one group with the others.
    ["/news/2020/01/oldest/", ["全部相同", "两个标签", "中间"]],
    ["/news/2020/01/all/", ["最早", "两个标签", "中间"]],
    ["/news/2020/01/district/", ["全部相同", "最早"]],
  ])("%s lists the articles sharing the most, the newer first", (url, expected) => {
    expect(relatedTitles(readPage(root, url))).toEqual(expected);
  });

  it("is left out when nothing is related", () => {
    expect(readPage(root, "/news/2020/01/newest/").querySelector("section.related")).toBeNull();
  });

  it("shows each entry's date", () => {
    const first = readPage(root, "/news/2020/01/oldest/").querySelector("section.related li")!;
    expect(first.querySelector("time")!.text).toBe("2020-01-02 08:00");
    expect(first.querySelector("a")!.getAttribute("href")).toBe("/news/2020/01/all/");
  });
});
