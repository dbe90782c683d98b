// The weight budget: the seed article page's HTML plus every stylesheet and script it loads, each
// gzip-compressed as a CDN would serve it, stays under 30 KB.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { parse } from "node-html-parser";
import { expect, it } from "vitest";
import { readOutput } from "../support/fixtures.ts";
import { SEED_PATH, buildReaderSite } from "../support/reader-site.ts";

const BUDGET = 30 * 1024;

it("an article page's HTML + CSS + JS, gzip-compressed, weighs under 30 KB", async () => {
  const site = await buildReaderSite();
  await site.server.close();
  const html = readOutput(site.root, SEED_PATH);
  const doc = parse(html);
  const assets = [
    ...doc.querySelectorAll('link[rel="stylesheet"]').map((l) => l.getAttribute("href")!),
    ...doc.querySelectorAll("script[src]").map((s) => s.getAttribute("src")!),
  ];
  expect(assets.filter((a) => a.endsWith(".css"))).toHaveLength(1);
  expect(assets.filter((a) => a.endsWith(".js"))).toHaveLength(1);
  const sizes: Record<string, number> = { [SEED_PATH]: gzipSync(html, { level: 9 }).length };
  for (const asset of assets) {
    sizes[asset] = gzipSync(readFileSync(path.join(site.root, "_site", asset)), { level: 9 }).length;
  }
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  console.log(`weight budget: ${JSON.stringify(sizes)} total ${total} bytes gzip (budget ${BUDGET})`);
  expect(total).toBeLessThan(BUDGET);
});
