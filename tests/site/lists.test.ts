// Fixture sites built in-process; every list is checked item by item, in order, as a reader sees it.
import { existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/index.ts";
import { SITE_YAML, makeArticle, makeSite } from "../support/fixtures.ts";
import { breadcrumb, hotEntries, listItems, listTitles, pagerLinks, readPage } from "../support/pages.ts";

const NOW = new Date("2021-01-01T00:00:00Z");
const pad = (n: number) => String(n).padStart(2, "0");

/** `count` articles 第1篇 … 第N篇, one a day from 2020-01-01 (第N篇 is the newest). */
function numberedSite(count: number, siteYaml = SITE_YAML): string {
  const files: Record<string, string> = {};
  for (let i = 1; i <= count; i++) {
    const day = new Date(Date.UTC(2020, 0, i));
    const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
    files[`${date}-item-${i}.md`] = makeArticle({ title: `第${i}篇`, date: `${date} 09:30`, summary: `摘要${i}` });
  }
  return makeSite(files, siteYaml);
}

async function build(root: string) {
  const result = await buildSite({ root, now: NOW });
  expect(result.problems).toEqual([]);
  expect(result.ok).toBe(true);
  return result;
}

const newestFirst = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => `第${from - i}篇`);

describe("the 区县播报 index at pagination boundaries", () => {
  it("0 articles: one page saying there is nothing yet, no pager, an empty hot list", async () => {
    const root = numberedSite(0);
    await build(root);
    const page = readPage(root, "/news/");
    expect(listTitles(page)).toEqual([]);
    expect(page.querySelector("main .empty")!.text).toBe("暂无文章");
    expect(page.querySelector("nav.pager")).toBeNull();
    expect(page.querySelector("main .list-count")!.text).toBe("共 0 篇");
    expect(existsSync(path.join(root, "_site/news/page/2/index.html"))).toBe(false);
    expect(hotEntries(page)).toEqual([]);
    expect(page.querySelector("aside.sidebar .empty")!.text).toBe("暂无文章");
    expect(readPage(root, "/").querySelector("main .empty")!.text).toBe("暂无文章");
    expect(existsSync(path.join(root, "_site/districts/changan/index.html"))).toBe(true);
  });

  it("1 article: one item with title link, district, date and summary", async () => {
    const root = numberedSite(1);
    await build(root);
    const page = readPage(root, "/news/");
    expect(listItems(page)).toEqual([{ text: "第1篇 | 长安区 | 2020-01-01 09:30 | 摘要1", href: "/news/2020/01/item-1/" }]);
    expect(page.querySelector("main ol.article-list .item-district")!.getAttribute("href")).toBe("/districts/changan/");
    expect(page.querySelector("nav.pager")).toBeNull();
  });

  it("20 articles: exactly one full page", async () => {
    const root = numberedSite(20);
    await build(root);
    expect(listTitles(readPage(root, "/news/"))).toEqual(newestFirst(20, 1));
    expect(readPage(root, "/news/").querySelector("nav.pager")).toBeNull();
    expect(existsSync(path.join(root, "_site/news/page/2/index.html"))).toBe(false);
  });

  describe("21 articles", () => {
    let root: string;
    beforeAll(async () => {
      root = numberedSite(21);
      await build(root);
    });

    it("page 1 holds the newest 20, page 2 the oldest one", () => {
      expect(listTitles(readPage(root, "/news/"))).toEqual(newestFirst(21, 2));
      expect(listTitles(readPage(root, "/news/page/2/"))).toEqual(["第1篇"]);
      expect(existsSync(path.join(root, "_site/news/page/3/index.html"))).toBe(false);
      expect(existsSync(path.join(root, "_site/news/page/1/index.html"))).toBe(false);
    });

    it("has a pager with first/previous/numbers/next/last and aria-current on the current page", () => {
      expect(pagerLinks(readPage(root, "/news/"))).toEqual(["首页", "上一页", "*1→/news/", "2→/news/page/2/", "下一页→/news/page/2/", "尾页→/news/page/2/"]);
      expect(pagerLinks(readPage(root, "/news/page/2/"))).toEqual(["首页→/news/", "上一页→/news/", "1→/news/", "*2→/news/page/2/", "下一页", "尾页"]);
      const pager = readPage(root, "/news/page/2/").querySelector("nav.pager")!;
      expect(pager.getAttribute("aria-label")).toBe("分页");
      expect(pager.querySelector('a[rel="prev"]')!.getAttribute("href")).toBe("/news/");
      expect(pager.querySelector(".pager-status")!.text).toBe("第 2 页，共 2 页");
    });

    it("titles and breadcrumbs page 2 as such", () => {
      const page = readPage(root, "/news/page/2/");
      expect(page.querySelector("title")!.text).toBe("区县播报 - 第2页 - 兵马俑在线");
      expect(breadcrumb(page)).toEqual(["网站首页→/", "区县播报→/news/", "第2页*"]);
      expect(breadcrumb(readPage(root, "/news/"))).toEqual(["网站首页→/", "区县播报*"]);
      expect(page.querySelector('link[rel="canonical"]')!.getAttribute("href")).toBe("https://www.bmy-online.example.cn/news/page/2/");
    });

    it("shows the newest page on the home page, with every district linked", () => {
      const home = readPage(root, "/");
      expect(home.querySelectorAll("main .home-latest li .item-title a").map((a) => a.text)).toEqual(newestFirst(21, 2));
      expect(breadcrumb(home)).toEqual(["网站首页*"]);
      expect(home.querySelector("title")!.text).toBe("兵马俑在线");
      const districts = home.querySelectorAll("main .home-districts li").map((li) => `${li.querySelector("a")!.text} ${li.querySelector(".count")!.text}`);
      expect(districts).toHaveLength(13);
      expect(districts).toContain("长安区 21 篇");
      expect(districts).toContain("周至县 0 篇");
    });
  });
});

describe("district and tag pages", () => {
  let root: string;
  beforeAll(async () => {
    const a = (title: string, date: string, district: string, tags: string[]) => makeArticle({ title, date, district, tags, summary: `${title}摘要` });
    root = makeSite(
      {
        "c1.md": a("长安一", "2020-03-01 08:00", "长安区", ["疫情防控", "COVID"]),
        "c2.md": a("长安二", "2020-03-02 08:00", "长安区", ["卫生健康"]),
        "c3.md": a("长安三", "2020-03-03 08:00", "长安区", ["covid"]),
        "c4.md": a("长安四", "2020-03-04 08:00", "长安区", []),
        "c5.md": a("长安五", "2020-03-05 08:00", "长安区", ["疫情防控"]),
        "x1.md": a("新城一", "2020-03-06 08:00", "新城区", ["ＣＯＶＩＤ", "卫生健康"]),
        "b1.md": a("碑林一", "2020-02-01 08:00", "碑林区", ["Covid"]),
      },
      SITE_YAML.replace("pageSize: 20", "pageSize: 2"),
    );
    await build(root);
  });

  it("lists one district, newest first, two a page", () => {
    expect(listTitles(readPage(root, "/districts/changan/"))).toEqual(["长安五", "长安四"]);
    expect(listTitles(readPage(root, "/districts/changan/page/2/"))).toEqual(["长安三", "长安二"]);
    expect(listTitles(readPage(root, "/districts/changan/page/3/"))).toEqual(["长安一"]);
    expect(listItems(readPage(root, "/districts/xincheng/"))).toEqual([
      { text: "新城一 | 新城区 | 2020-03-06 08:00 | 新城一摘要", href: "/news/2020/03/x1/" },
    ]);
  });

  it("gives every district page its breadcrumb and heading, page numbers included", () => {
    const page = readPage(root, "/districts/changan/page/3/");
    expect(breadcrumb(readPage(root, "/districts/changan/"))).toEqual(["网站首页→/", "区县播报→/news/", "长安区*"]);
    expect(breadcrumb(page)).toEqual(["网站首页→/", "区县播报→/news/", "长安区→/districts/changan/", "第3页*"]);
    expect(page.querySelector("main h1")!.text).toBe("长安区");
    expect(page.querySelector("title")!.text).toBe("长安区 - 第3页 - 兵马俑在线");
    expect(pagerLinks(page)).toEqual([
      "首页→/districts/changan/",
      "上一页→/districts/changan/page/2/",
      "1→/districts/changan/",
      "2→/districts/changan/page/2/",
      "*3→/districts/changan/page/3/",
      "下一页",
      "尾页",
    ]);
  });

  it("has a page for a district without articles", () => {
    const page = readPage(root, "/districts/zhouzhi/");
    expect(listTitles(page)).toEqual([]);
    expect(page.querySelector("main .empty")!.text).toBe("暂无文章");
  });

  it("lists every district with its count on /districts/", () => {
    const page = readPage(root, "/districts/");
    const rows = page.querySelectorAll("main .district-links li").map((li) => `${li.querySelector("a")!.text}→${li.querySelector("a")!.getAttribute("href")} ${li.querySelector(".count")!.text}`);
    expect(rows.slice(0, 3)).toEqual(["新城区→/districts/xincheng/ 1 篇", "碑林区→/districts/beilin/ 1 篇", "莲湖区→/districts/lianhu/ 0 篇"]);
    expect(rows).toContain("长安区→/districts/changan/ 5 篇");
    expect(rows).toHaveLength(13);
    expect(breadcrumb(page)).toEqual(["网站首页→/", "区县播报→/news/", "区县一览*"]);
  });

  it("folds tags that differ in case or width into one page at a pinyin or ASCII slug", () => {
    expect(listTitles(readPage(root, "/tags/covid/"))).toEqual(["新城一", "长安三"]);
    expect(listTitles(readPage(root, "/tags/covid/page/2/"))).toEqual(["长安一", "碑林一"]);
    expect(readPage(root, "/tags/covid/").querySelector("main h1")!.text).toBe("标签：COVID");
    expect(listTitles(readPage(root, "/tags/yi-qing-fang-kong/"))).toEqual(["长安五", "长安一"]);
    expect(breadcrumb(readPage(root, "/tags/covid/page/2/"))).toEqual(["网站首页→/", "标签→/tags/", "COVID→/tags/covid/", "第2页*"]);
  });

  it("lists every tag with its count on /tags/, most used first", () => {
    const page = readPage(root, "/tags/");
    expect(page.querySelectorAll("main .tag-links li").map((li) => `${li.querySelector("a")!.text}→${li.querySelector("a")!.getAttribute("href")} ${li.querySelector(".count")!.text}`)).toEqual([
      "COVID→/tags/covid/ 4 篇",
      "卫生健康→/tags/wei-sheng-jian-kang/ 2 篇",
      "疫情防控→/tags/yi-qing-fang-kong/ 2 篇",
    ]);
    expect(breadcrumb(page)).toEqual(["网站首页→/", "标签*"]);
  });

  it("links an article to its district and folded tags", () => {
    const page = readPage(root, "/news/2020/03/x1/");
    expect(page.querySelectorAll(".article-terms a").map((a) => `${a.text}→${a.getAttribute("href")}`)).toEqual([
      "新城区→/districts/xincheng/",
      "COVID→/tags/covid/",
      "卫生健康→/tags/wei-sheng-jian-kang/",
    ]);
  });
});
