// Every page type in a real Chromium: Tab reaches every link and control in document order, and without
// JavaScript the lists, pager and 全站热点 sidebar are all there, exactly as built.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parse } from "node-html-parser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { readOutput } from "../support/fixtures.ts";
import { listItems } from "../support/pages.ts";
import { ARTIFACTS_DIR, READER_PAGES, buildReaderSite, type ReaderSite } from "../support/reader-site.ts";

let browser: Browser;
let site: ReaderSite;

beforeAll(async () => {
  site = await buildReaderSite();
  browser = await launchChromium();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.server.close();
});

const pages = Object.entries(READER_PAGES);

/** What has focus (or every visible focusable element, in document order), as "tag:href-or-text". */
const focusable = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll("a[href], button, summary, input, select, textarea, [tabindex]"))
      .filter((el) => el.getClientRects().length > 0 && !el.closest("[hidden], details:not([open]) > :not(summary)"))
      .map((el) => `${el.tagName.toLowerCase()}:${(el.getAttribute("href") ?? (el as HTMLElement).innerText).trim()}`),
  );
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    return `${el.tagName.toLowerCase()}:${(el.getAttribute("href") ?? el.innerText).trim()}`;
  });

describe("keyboard only", () => {
  it.each(pages)("%s page (%s): Tab reaches every link and control in document order", async (_name, url) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${site.server.url}${url}`);
    const expected = await focusable(page);
    expect(expected[0]).toBe("a:#main");
    expect(expected).toContain("a:https://beian.miit.gov.cn/");
    expect(expected.length).toBeGreaterThan(15); // header, breadcrumb, content, 7 hot entries, footer
    const seen: string[] = [];
    for (let i = 0; i < expected.length; i++) {
      await page.keyboard.press("Tab");
      seen.push(await focused(page));
    }
    expect(seen).toEqual(expected);
    await context.close();
  });
});

describe("without JavaScript", () => {
  it.each(pages)("%s page (%s): main content and the 全站热点 sidebar are complete", async (_name, url) => {
    // <noscript> is parsed as markup (as a browser without JavaScript does), not as raw text.
    const built = parse(readOutput(site.root, url), { blockTextElements: { script: true, style: true, pre: true } });
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.server.url}${url}`);
    expect(await page.locator("html").getAttribute("class")).toBeNull();

    // The list, item by item, as built, and visible.
    const items = listItems(built);
    const shown = page.locator("main ol.article-list > li");
    expect(await shown.count()).toBe(items.length);
    for (const [i, item] of items.entries()) {
      const li = shown.nth(i);
      expect(await li.isVisible()).toBe(true);
      expect(await li.locator(".item-title a").getAttribute("href")).toBe(item.href);
      expect((await li.locator(".item-title a").innerText()).trim()).toBe(item.text.split(" | ")[0]);
    }
    // The pager, the district and tag links, 上一篇/下一篇 and 相关阅读: every link of <main> is visible.
    const mainLinks = built.querySelectorAll("main a").length;
    expect(await page.locator("main a").count()).toBe(mainLinks);
    for (const a of await page.locator("main a").all()) {
      if (await a.evaluate((el) => el.closest("details") !== null)) continue; // the share panel, closed
      expect(await a.isVisible(), await a.innerText()).toBe(true);
    }
    // The sidebar: every 全站热点 entry.
    const hot = built.querySelectorAll(".hot-topics li a").map((a) => a.getAttribute("href"));
    expect(hot.length).toBe(7);
    expect(await page.locator(".hot-topics li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(hot);
    for (const a of await page.locator(".hot-topics li a").all()) expect(await a.isVisible()).toBe(true);
    await context.close();
  });

  it("the 区县播报 index's pager leads to page 2", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.server.url}/news/`);
    expect(await page.locator("main ol.article-list > li").count()).toBe(6);
    expect(await page.getByRole("navigation", { name: "分页" }).isVisible()).toBe(true);
    await page.getByRole("link", { name: "下一页" }).click();
    expect(new URL(page.url()).pathname).toBe("/news/page/2/");
    expect(await page.locator("main a[aria-current=page]").innerText()).toBe("2");
    await context.close();
  });
});

describe("screenshots (test-artifacts/)", () => {
  it.each([
    ["home", "/"],
    ["news", "/news/"],
    ["district", "/districts/changan/"],
  ])("saves the %s page at 360 px and 1280 px", async (name, url) => {
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${site.server.url}${url}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}-${width}.png`), fullPage: true });
      await context.close();
    }
  });
});
