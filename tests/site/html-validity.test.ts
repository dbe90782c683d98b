// html-validate on every page the sample site (content/) builds, and on the reader-test site (the sample
// plus the seed article, with paginated lists): 0 errors.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { buildReaderSite, type ReaderSite } from "../support/reader-site.ts";

const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    // `<!doctype html>` in lower case is what the HTML standard itself writes; the rule is only a style.
    "doctype-style": "off",
  },
});

const sites: Record<string, { root: string; pages: string[] }> = {};

function listHtml(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html"))
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

beforeAll(async () => {
  for (const [name, sample] of [["sample", true], ["reader", false]] as const) {
    const site: ReaderSite = await buildReaderSite({ sample });
    await site.server.close();
    sites[name] = { root: site.root, pages: listHtml(path.join(site.root, "_site")) };
  }
});

describe("html-validate (recommended preset)", () => {
  it("finds every kind of page", () => {
    expect(sites.sample!.pages).toEqual(expect.arrayContaining(["index.html", "news/index.html", "districts/index.html", "tags/index.html", "districts/changan/index.html", "news/2026/11/changan-farmers-market-opening/index.html"]));
    expect(sites.sample!.pages.length).toBeGreaterThanOrEqual(40);
    expect(sites.reader!.pages).toEqual(expect.arrayContaining(["news/page/2/index.html", "news/2020/02/changan-health-bureau/index.html"]));
  });

  it.each(["sample", "reader"])("reports 0 errors on every page of the %s site", async (name) => {
    const { root, pages } = sites[name]!;
    const errors: string[] = [];
    for (const page of pages) {
      const report = await validator.validateString(readFileSync(path.join(root, "_site", page), "utf8"), page);
      for (const result of report.results) {
        for (const m of result.messages) errors.push(`${page}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
      }
    }
    expect(errors).toEqual([]);
    expect(pages.length).toBeGreaterThan(0);
  });
});
