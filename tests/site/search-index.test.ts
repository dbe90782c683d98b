// The Pagefind index as part of the build: articles only, `--no-search` skips it, and a failing indexer
// fails the build and leaves the previous site untouched.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/index.ts";
import { diffTrees, readTree } from "../support/tree.ts";
import { makeArticle, makeSite, readSeed, runCli, writeArticle } from "../support/fixtures.ts";

const NOW = new Date("2026-01-01T00:00:00Z");
const SOURCE_DATE_EPOCH = String(NOW.getTime() / 1000);

function fixture(): string {
  return makeSite({
    "2020-02-27-changan-health-bureau.md": readSeed(),
    "2025-06-01-beilin-library.md": makeArticle({ title: "碑林区图书馆延长开放时间", district: "碑林区", date: "2025-06-01 09:00" }),
    "2025-09-01-draft.md": makeArticle({ title: "草稿", date: "2025-09-01 10:00", draft: true }),
  });
}

describe("the search index", () => {
  it("is written to /pagefind/ with one result per published article", async () => {
    const root = fixture();
    const result = await buildSite({ root, now: NOW });
    expect(result.ok).toBe(true);
    expect(result.searchPages).toBe(2);
    const entry = JSON.parse(readFileSync(path.join(root, "_site/pagefind/pagefind-entry.json"), "utf8"));
    expect(Object.keys(entry.languages)).toEqual(["zh-cn"]);
    expect(entry.languages["zh-cn"].page_count).toBe(2);
    expect(existsSync(path.join(root, "_site/pagefind/pagefind.js"))).toBe(true);
  });

  it("marks the article body, district filter, date and sort key on article pages", async () => {
    const root = fixture();
    await buildSite({ root, now: NOW, search: false });
    const page = readFileSync(path.join(root, "_site/news/2020/02/changan-health-bureau/index.html"), "utf8");
    expect(page).toContain(
      '<article class="article" data-pagefind-body data-pagefind-filter="district:长安区" data-pagefind-meta="date:2020-02-27 11:31" data-pagefind-sort="date:2020-02-27T11:31:00+08:00">',
    );
    expect(page.match(/data-pagefind-body/g)).toHaveLength(1);
  });

  it("is skipped by `newsdesk build --no-search`", async () => {
    const root = fixture();
    const run = await runCli(["build", "--root", root, "--no-search"], { env: { SOURCE_DATE_EPOCH } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Built 2 articles into .+ \(no search index\) in [\d.]+ s\.\n$/);
    expect(existsSync(path.join(root, "_site/pagefind"))).toBe(false);
    expect(existsSync(path.join(root, "_site/news/2020/02/changan-health-bureau/index.html"))).toBe(true);
  });

  it("leaves the previous site untouched when the indexer fails", async () => {
    const root = fixture();
    const first = await runCli(["build", "--root", root], { env: { SOURCE_DATE_EPOCH } });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Built 2 articles into .+ \(search index: 2 pages\) in [\d.]+ s\.\n$/);
    const before = readTree(path.join(root, "_site"));
    // A new article, then a build whose indexer exits with an error.
    writeArticle(root, "2025-10-01-new.md", makeArticle({ title: "新文章", date: "2025-10-01 10:00" }));
    const second = await runCli(["build", "--root", root], { env: { SOURCE_DATE_EPOCH, PAGEFIND_EXTENDED_BINARY_PATH: "/bin/false" } });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^newsdesk build failed: the search index could not be built: .+\nRun again with --debug for details.\n$/);
    expect(diffTrees(before, readTree(path.join(root, "_site")))).toEqual([]);
    // Nothing left beside the site: no staging folder, journal or lock.
    expect(readdirSync(root).filter((name) => name.startsWith("_site")).sort()).toEqual(["_site"]);
  });

  it("builds a site without articles, with no index to search", async () => {
    const root = makeSite({});
    const result = await buildSite({ root, now: NOW });
    expect(result.ok).toBe(true);
    expect(result.searchPages).toBe(0);
    expect(existsSync(path.join(root, "_site/pagefind"))).toBe(false);
  });
});
