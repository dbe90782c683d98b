// axe-core in a real Chromium: no WCAG 2.1 A/AA violation on each page type readers meet, in normal and in
// 长者模式, on a 360 px phone and a 1280 px desktop, with the share panel closed and open.
import axe from "axe-core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { READER_PAGES, buildReaderSite, type ReaderSite } from "../support/reader-site.ts";

let browser: Browser;
let site: ReaderSite;

beforeAll(async () => {
  site = await buildReaderSite();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.server.close();
});

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

const cases = Object.entries(READER_PAGES).flatMap(([name, path]) =>
  (["normal", "elder"] as const).flatMap((mode) => [360, 1280].map((width) => ({ name, path, mode, width }))),
);

describe("axe-core, WCAG 2.1 A and AA", () => {
  it.each(cases)("$name page ($path), $mode mode, $width px: 0 violations", async ({ path, mode, width }) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    if (mode === "elder") await context.addInitScript(() => localStorage.setItem("newsdesk.elder", "on"));
    const page = await context.newPage();
    await page.goto(`${site.server.url}${path}`);
    expect(await page.locator("html").evaluate((el) => el.classList.contains("elder"))).toBe(mode === "elder");
    await page.addScriptTag({ content: axe.source });
    const run = () =>
      page.evaluate(async () => {
        const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.map(String) })) }));
      });
    const violations: AxeViolation[] = await run();
    expect(violations).toEqual([]);
    // The share panel, opened, is checked too (its QR code, address and copy button).
    const share = page.locator(".share summary");
    if ((await share.count()) > 0) {
      await share.click();
      expect(await page.locator(".share-panel").isVisible()).toBe(true);
      expect(await run()).toEqual([]);
    }
    await context.close();
  });
});
