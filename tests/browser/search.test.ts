// Site search in a real Chromium: the header box leads to /search/, Pagefind finds the seed article for
// 疫情防控, a district filter narrows results, two-character queries work, results never run markup from
// titles, and the header form reaches the search page with JavaScript off.
import axe from "axe-core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/index.ts";
import { launchChromium } from "../support/browser.ts";
import { makeArticle, makeSite, readSeed } from "../support/fixtures.ts";
import { serveFolder, type StaticServer } from "../support/static-server.ts";

const SEED_TITLE = '长安人民的忠诚"卫"士';
const SEED_URL = "/news/2020/02/changan-health-bureau/";
const NASTY_TITLE = '雁塔区<img src=x onerror="window.__searchXss=1">公园开放';

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  const root = makeSite({
    "2020-02-27-changan-health-bureau.md": readSeed(),
    "2025-06-01-beilin-wall.md": makeArticle(
      { title: "碑林区城墙步道完成修缮", district: "碑林区", date: "2025-06-01 09:00", summary: "城墙沿线步道修缮完工。" },
      "碑林区城墙南门至和平门段步道完成修缮，市民散步更加方便。\n\n修缮期间，施工单位分段施工，保障游客通行。\n",
    ),
    "2025-07-15-yanta-park.md": makeArticle(
      { title: NASTY_TITLE, district: "雁塔区", date: "2025-07-15 18:45" },
      "雁塔区新建的口袋公园正式向市民开放，园内设有健身步道和儿童游乐区。\n",
    ),
    "2025-08-01-lintong-tourism.md": makeArticle(
      { title: "临潼区温泉旅游推介", district: "临潼区", date: "2025-08-01 10:00" },
      "临潼区举办温泉康养旅游推介会，发布秋冬季精品线路。\n",
    ),
    "2025-09-01-changan-draft.md": makeArticle({ title: "长安区草稿不应被搜到", date: "2025-09-01 10:00", draft: true }, "疫情防控草稿。\n"),
    "2026-05-01-changan-scheduled.md": makeArticle({ title: "长安区定时稿不应被搜到", date: "2026-05-01 10:00" }, "疫情防控定时稿。\n"),
  });
  const result = await buildSite({ root, now: new Date("2026-01-01T00:00:00Z") });
  expect(result.problems).toEqual([]);
  expect(result.searchPages).toBe(4);
  server = await serveFolder(`${root}/_site`);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Result {
  title: string;
  href: string;
  meta: string;
  excerpt: string;
  marks: string[];
}

/** Waits for the search to settle (the status leaves "正在搜索……") and reads the results as shown. */
async function readResults(page: Page): Promise<{ status: string; results: Result[] }> {
  await page.waitForFunction(() => {
    const text = document.getElementById("search-status")?.textContent ?? "";
    return text !== "" && text !== "正在搜索……";
  });
  const status = (await page.locator("#search-status").textContent()) ?? "";
  const results = await page.locator("#search-results > li").evaluateAll((items) =>
    items.map((li) => ({
      title: li.querySelector("h2 a")?.textContent ?? "",
      href: li.querySelector("h2 a")?.getAttribute("href") ?? "",
      meta: (li.querySelector(".search-result-meta") as HTMLElement | null)?.innerText ?? "",
      excerpt: li.querySelector(".search-result-excerpt")?.textContent ?? "",
      marks: Array.from(li.querySelectorAll(".search-result-excerpt mark"), (m) => m.textContent ?? ""),
    })),
  );
  return { status, results };
}

describe("site search in Chromium", () => {
  it("types 疫情防控 into the header box, reaches /search/ and finds the Chang'an seed article", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}${SEED_URL}`);
    await page.getByRole("searchbox", { name: "搜索新闻" }).fill("疫情防控");
    await page.getByRole("searchbox", { name: "搜索新闻" }).press("Enter");
    await page.waitForURL(`${server.url}/search/?q=${encodeURIComponent("疫情防控")}`);
    const { status, results } = await readResults(page);
    expect(status).toBe("找到 1 篇与“疫情防控”相关的文章。");
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ title: SEED_TITLE, href: SEED_URL });
    expect(results[0]!.meta).toMatch(/^2020-02-27 11:31\s+长安区$/);
    // Pagefind marks the words of the query it matched, as its Chinese segmentation split them.
    expect(results[0]!.marks.length).toBeGreaterThan(0);
    // Pagefind matches each query word as a word prefix and marks the words it matched: 疫, 情, 防控, 防疫 …
    for (const mark of results[0]!.marks) expect("疫情防控").toContain(mark[0]);
    expect(results[0]!.marks.join("")).toMatch(/疫/);
    expect(await page.locator("#search-q").inputValue()).toBe("疫情防控");
    // The result leads to the article.
    await page.getByRole("link", { name: SEED_TITLE }).first().click();
    await page.waitForURL(`${server.url}${SEED_URL}`);
    await page.close();
  });

  it("finds a district's article by its name, and nothing when filtered to another district", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/search/?q=${encodeURIComponent("长安区")}`);
    const all = await readResults(page);
    expect({ status: all.status, urls: all.results.map((r) => r.href) }).toEqual({ status: "找到 1 篇与“长安区”相关的文章。", urls: [SEED_URL] });
    await page.getByLabel("区县").selectOption("碑林区");
    await page.waitForURL(/district=/);
    const filtered = await readResults(page);
    expect(filtered.status).toBe("在碑林区没有找到与“长安区”相关的文章。可以改选“全部区县”，或换个关键词再试。");
    expect(filtered.results).toEqual([]);
    expect(new URL(page.url()).searchParams.get("district")).toBe("碑林区");
    // The same filter finds 碑林区's own article, and going back restores the unfiltered results.
    await page.goto(`${server.url}/search/?q=${encodeURIComponent("城墙")}&district=${encodeURIComponent("碑林区")}`);
    expect((await readResults(page)).results.map((r) => r.title)).toEqual(["碑林区城墙步道完成修缮"]);
    await page.close();
  });

  it("answers a two-character query with highlighted words", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/search/`);
    await page.getByLabel("关键词").fill("城墙");
    await page.getByRole("button", { name: "搜索", exact: true }).last().click();
    const { status, results } = await readResults(page);
    expect(status).toBe("找到 1 篇与“城墙”相关的文章。");
    expect(results.map((r) => r.title)).toEqual(["碑林区城墙步道完成修缮"]);
    expect(results[0]!.meta).toMatch(/^2025-06-01 09:00\s+碑林区$/);
    expect(results[0]!.marks).toContain("城墙");
    expect(new URL(page.url()).searchParams.get("q")).toBe("城墙");
    await page.close();
  });

  it("never finds drafts or scheduled articles", async () => {
    // Only the four published articles are in the index (checked in beforeAll); words from the draft's and
    // the scheduled article's titles and bodies lead to published articles at most.
    const page = await browser.newPage();
    for (const query of ["长安区草稿不应被搜到", "长安区定时稿不应被搜到", "疫情防控草稿", "疫情防控定时稿", "草稿", "定时稿"]) {
      await page.goto(`${server.url}/search/?q=${encodeURIComponent(query)}`);
      const { results } = await readResults(page);
      expect(results.filter((r) => r.href !== SEED_URL), query).toEqual([]);
    }
    await page.close();
  });

  it("shows markup in a title as text and never runs it", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/search/?q=${encodeURIComponent("公园")}`);
    const { results } = await readResults(page);
    expect(results.map((r) => r.title)).toEqual([NASTY_TITLE]);
    expect(await page.locator("#search-results img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __searchXss?: number }).__searchXss)).toBeUndefined();
    await page.close();
  });

  it("has no WCAG 2.1 A/AA violation with results shown, at 360 and 1280 px", async () => {
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/search/?q=${encodeURIComponent("疫情防控")}`);
      expect((await readResults(page)).results).toHaveLength(1);
      await page.addScriptTag({ content: axe.source });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(" ")) }));
      });
      expect(violations).toEqual([]);
      await context.close();
    }
  });

  it("reaches /search/ from the header box with JavaScript off, and says search needs it", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole("searchbox", { name: "搜索新闻" }).fill("疫情防控");
    await page.getByRole("searchbox", { name: "搜索新闻" }).press("Enter");
    await page.waitForURL(`${server.url}/search/?q=${encodeURIComponent("疫情防控")}`);
    expect(await page.locator("h1").textContent()).toBe("站内搜索");
    expect(await page.locator("main").innerText()).toContain("站内搜索需要浏览器启用 JavaScript。也可以从区县播报、区县一览或标签浏览新闻。");
    await context.close();
  });
});
