// html-validate on every page the sample site (content/) builds, plus the seed article: 0 errors.
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

let site: ReaderSite;
let pages: string[];

function listHtml(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html"))
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

beforeAll(async () => {
  site = await buildReaderSite();
  await site.server.close();
  pages = listHtml(path.join(site.root, "_site"));
});

describe("html-validate (recommended preset)", () => {
  it("finds every page of the sample site", () => {
    expect(pages.length).toBeGreaterThanOrEqual(15);
    expect(pages).toContain("news/2020/02/changan-health-bureau/index.html");
  });

  it("reports 0 errors on every page", async () => {
    const errors: string[] = [];
    for (const page of pages) {
      const report = await validator.validateString(readFileSync(path.join(site.root, "_site", page), "utf8"), page);
      for (const result of report.results) {
        for (const m of result.messages) errors.push(`${page}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
      }
    }
    expect(errors).toEqual([]);
  });
});
