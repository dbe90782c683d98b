// The reader toolbar in a real Chromium, driven by the keyboard only: 字号, 长者模式, 打印, 分享 (URL and a
// QR code made at build time). Choices persist across a navigation; without JavaScript the page is complete
// and no dead control shows. Saves screenshots of the article page to test-artifacts/.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "node-html-parser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shareCodeSvg } from "../../src/site/share-code.ts";
import { launchChromium } from "../support/browser.ts";
import { readOutput } from "../support/fixtures.ts";
import { ARTIFACTS_DIR, SEED_PATH, buildReaderSite, type ReaderSite } from "../support/reader-site.ts";

const CANONICAL = `https://www.bmy-online.example.cn${SEED_PATH}`;
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

async function open(options: { width?: number; javaScript?: boolean; path?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    javaScriptEnabled: options.javaScript ?? true,
  });
  const page = await context.newPage();
  await page.goto(`${site.server.url}${options.path ?? SEED_PATH}`);
  return { context, page };
}

/** Every focusable element a reader can see, in document order, as "tag:href-or-text". */
async function focusableInOrder(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("a[href], button, summary, input, select, textarea, [tabindex]"))
      .filter((el) => el.getClientRects().length > 0 && !el.closest("[hidden], details:not([open]) > :not(summary)"))
      .map((el) => `${el.tagName.toLowerCase()}:${(el.getAttribute("href") ?? (el as HTMLElement).innerText).trim()}`),
  );
}

/** Presses Tab `count` times and records what has focus after each press, described like focusableInOrder. */
async function tabThrough(page: Page, count: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press("Tab");
    seen.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return `${el.tagName.toLowerCase()}:${(el.getAttribute("href") ?? el.innerText).trim()}`;
      }),
    );
  }
  return seen;
}

/** Presses Tab until the focused element has `text` (a button's label), at most 60 times. */
async function tabTo(page: Page, text: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => (document.activeElement as HTMLElement).innerText.trim())) === text) return;
  }
  throw new Error(`Tab never reached "${text}"`);
}

const bodyFontSize = (page: Page) => page.locator(".article-body p").first().evaluate((p) => getComputedStyle(p).fontSize);
const pressed = (page: Page, label: string) =>
  page.getByRole("button", { name: label, exact: true }).getAttribute("aria-pressed");

describe("the reader toolbar, by keyboard", () => {
  it("Tab reaches every toolbar control and every link, in document order", async () => {
    const { context, page } = await open();
    const expected = await focusableInOrder(page);
    const toolbar = ["button:大", "button:中", "button:小", "button:长者模式", "button:打印", "summary:分享"];
    const start = expected.indexOf("button:大");
    expect(expected.slice(start, start + toolbar.length)).toEqual(toolbar);
    expect(expected[0]).toBe("a:#main");
    expect(expected).toContain("a:https://beian.miit.gov.cn/");
    expect(await tabThrough(page, expected.length)).toEqual(expected);

    // Opened with the keyboard, the share panel's address and copy button join the order after 分享.
    await page.locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".share").getAttribute("open")).toBe("");
    const withPanel = await focusableInOrder(page);
    const after = withPanel.slice(withPanel.indexOf("summary:分享") + 1, withPanel.indexOf("summary:分享") + 3);
    expect(after).toEqual([`a:${CANONICAL}`, "button:复制网址"]);
    await page.locator(".skip-link").focus(); // from the top again
    expect(await tabThrough(page, withPanel.length - 1)).toEqual(withPanel.slice(1));
    await context.close();
  });

  it("shows a visible focus ring on toolbar controls", async () => {
    const { context, page } = await open();
    await tabTo(page, "大");
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(outline).toEqual({ style: "solid", width: "3px" });
    await context.close();
  });

  it("remembers 字号 大 and 长者模式 across a navigation", async () => {
    const { context, page } = await open();
    expect(await bodyFontSize(page)).toBe("18px");
    expect(await pressed(page, "中")).toBe("true");
    const normalHeight = await page.getByRole("button", { name: "大", exact: true }).evaluate((el) => el.getBoundingClientRect().height);
    expect(normalHeight).toBe(36);

    await tabTo(page, "大");
    await page.keyboard.press("Enter");
    expect(await pressed(page, "大")).toBe("true");
    expect(await pressed(page, "中")).toBe("false");
    expect(await bodyFontSize(page)).toBe("21px");

    await tabTo(page, "长者模式");
    await page.keyboard.press("Space");
    expect(await pressed(page, "长者模式")).toBe("true");
    expect(await page.locator("html").getAttribute("class")).toBe("font-large elder");
    expect(await bodyFontSize(page)).toBe("26.25px");
    // Bigger targets: every toolbar control at least 60 px square in elder mode (36 px otherwise).
    const boxes = await page.locator(".reader-tools .tool:visible").evaluateAll((els) => els.map((el) => el.getBoundingClientRect()));
    expect(boxes).toHaveLength(6);
    for (const box of boxes) expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(60);

    // Follow the first 全站热点 link with the keyboard to another article.
    const firstHot = page.locator(".hot-topics a").first();
    const target = await firstHot.getAttribute("href");
    expect(target).not.toBe(SEED_PATH);
    await firstHot.focus();
    await Promise.all([page.waitForURL(`**${target}`), page.keyboard.press("Enter")]);
    expect(await page.locator("html").getAttribute("class")).toBe("font-large elder");
    expect(await pressed(page, "大")).toBe("true");
    expect(await pressed(page, "长者模式")).toBe("true");
    expect(await bodyFontSize(page)).toBe("26.25px");

    // And back to normal: 小 and elder mode off, still remembered on the next page.
    await tabTo(page, "小");
    await page.keyboard.press("Enter");
    await tabTo(page, "长者模式");
    await page.keyboard.press("Enter");
    await page.goto(`${site.server.url}${SEED_PATH}`);
    expect(await page.locator("html").getAttribute("class")).toBe("font-small");
    expect(await pressed(page, "小")).toBe("true");
    expect(await pressed(page, "长者模式")).toBe("false");
    expect(await bodyFontSize(page)).toBe("16px");
    await context.close();
  });

  it("打印 opens the print dialog", async () => {
    const { context, page } = await open();
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await tabTo(page, "打印");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await context.close();
  });

  it("分享 shows the page address and a QR code that encodes it", async () => {
    const { context, page } = await open();
    await expect(page.locator(".share-panel").isVisible()).resolves.toBe(false);
    await tabTo(page, "分享");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".share-panel").isVisible()).toBe(true);
    expect(await page.locator(".share-url a").innerText()).toBe(CANONICAL);
    const qr = page.getByRole("img", { name: "本页二维码" });
    expect(await qr.isVisible()).toBe(true);
    // The symbol drawn is the one of the page's canonical address (tests/site/share-code.test.ts reads it back).
    const drawn = await qr.locator("path[stroke]").getAttribute("d");
    expect(drawn).toBe(/stroke="#000000" d="([^"]+)"/.exec(shareCodeSvg(CANONICAL))![1]);
    const box = (await qr.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(150);
    expect(box.height).toBe(box.width);
    await context.close();
  });
});

describe("without JavaScript", () => {
  it("the article and the 全站热点 sidebar are complete, and no script-only control shows", async () => {
    const { context, page } = await open({ javaScript: false });
    const built = parse(readOutput(site.root, SEED_PATH)).querySelectorAll(".article-body p").map((p) => p.text);
    expect(built).toHaveLength(10);
    expect(await page.locator(".article-body p").allInnerTexts()).toEqual(built);
    expect(await page.locator("h1").innerText()).toBe('长安人民的忠诚"卫"士');
    expect(await page.locator(".article-meta").innerText()).toMatch(/^2020-02-27 11:31\s+来源:长安区人民政府网站\s+兵马俑在线$/);
    for (const p of await page.locator(".article-body p").all()) expect(await p.isVisible()).toBe(true);
    const hot = page.locator(".hot-topics li a");
    expect(await hot.count()).toBe(7);
    for (const a of await hot.all()) expect(await a.isVisible()).toBe(true);

    for (const label of ["大", "中", "小", "长者模式", "打印"]) {
      expect(await page.getByRole("button", { name: label, exact: true }).isVisible()).toBe(false);
    }
    // 分享 needs no script: it is a <details>.
    await page.locator("summary").click();
    expect(await page.getByRole("img", { name: "本页二维码" }).isVisible()).toBe(true);
    expect(await page.locator(".share-url a").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "复制网址" }).isVisible()).toBe(false);
    await context.close();
  });
});

describe("printing", () => {
  it("prints the article alone, with its title, date, source and address", async () => {
    const { context, page } = await open();
    await page.emulateMedia({ media: "print" });
    for (const hidden of [".site-header", ".breadcrumb", ".sidebar", ".site-footer", ".reader-tools"]) {
      expect(await page.locator(hidden).isVisible(), hidden).toBe(false);
    }
    expect(await page.locator("h1").isVisible()).toBe(true);
    expect(await page.locator(".article-meta").innerText()).toMatch(/^2020-02-27 11:31\s+来源:长安区人民政府网站\s+兵马俑在线$/);
    expect(await page.locator(".print-url").innerText()).toBe(`本页网址：${CANONICAL}`);
    for (const gone of [".article-pager", ".related", ".article-terms"]) {
      expect(await page.locator(gone).isVisible(), gone).toBe(false);
    }
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, "article-print-preview.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });
    expect(await page.locator(".print-url").isVisible()).toBe(false);
    const pdf = await page.pdf({ path: path.join(ARTIFACTS_DIR, "article-print.pdf"), format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await context.close();
  });
});

describe("screenshots (test-artifacts/)", () => {
  it.each([
    ["article-360.png", 360, false],
    ["article-1280.png", 1280, false],
    ["article-elder-360.png", 360, true],
    ["article-elder-1280.png", 1280, true],
  ])("saves %s", async (name, width, elder) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    if (elder) await context.addInitScript(() => localStorage.setItem("newsdesk.elder", "on"));
    const page = await context.newPage();
    await page.goto(`${site.server.url}${SEED_PATH}`);
    expect(await page.locator("html").evaluate((el) => el.classList.contains("elder"))).toBe(elder);
    // Nothing may overflow sideways at any width: a reader on a phone never scrolls horizontally.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const file = path.join(ARTIFACTS_DIR, name);
    await page.screenshot({ path: file, fullPage: true });
    expect(readFileSync(file).subarray(1, 4).toString()).toBe("PNG");
    await context.close();
  });

  it("puts the 全站热点 sidebar beside the article on a desktop and below it on a phone", async () => {
    for (const [width, beside] of [[1280, true], [360, false]] as const) {
      const { context, page } = await open({ width });
      const article = (await page.locator("article").boundingBox())!;
      const sidebar = (await page.locator(".sidebar").boundingBox())!;
      expect(sidebar.x > article.x + article.width - 1, `width ${width}`).toBe(beside);
      expect(sidebar.y > article.y + article.height - 1, `width ${width}`).toBe(!beside);
      await context.close();
    }
  });
});
