// The sample article in a real Chromium: the page renders its title and meta line as readers see them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { buildSite } from "../../src/site/index.ts";
import { launchChromium } from "../support/browser.ts";
import { makeSite, readSeed } from "../support/fixtures.ts";
import { serveFolder, type StaticServer } from "../support/static-server.ts";

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  const root = makeSite({ "2020-02-27-changan-health-bureau.md": readSeed() });
  await buildSite({ root, now: new Date("2026-01-01T00:00:00Z") });
  server = await serveFolder(`${root}/_site`);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the article page in Chromium", () => {
  it("shows the title, meta line and applies the hashed stylesheet", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/news/2020/02/changan-health-bureau/`);
    expect(await page.locator("h1").innerText()).toBe('长安人民的忠诚"卫"士');
    expect(await page.locator(".article-meta").innerText()).toMatch(/^2020-02-27 11:31\s+来源:长安区人民政府网站\s+兵马俑在线$/);
    const color = await page.locator(".site-name").evaluate((el) => getComputedStyle(el).color);
    expect(color).toBe("rgb(164, 22, 26)");
    await page.close();
  });
});
