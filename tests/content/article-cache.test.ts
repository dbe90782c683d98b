// The in-memory article cache behind `newsdesk serve`: an edit parses only the edited file, a text edit is
// copied into the Article objects the site model already holds, and anything that moves an article in the
// site asks for a rebuild.
import { rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ArticleCache } from "../../src/content/index.ts";
import { SITE_YAML, makeArticle, makeSite } from "../support/fixtures.ts";

const NOW = new Date("2024-04-01T00:00:00Z");

async function cacheOf(count: number) {
  const articles: Record<string, string> = {};
  for (let i = 1; i <= count; i++) articles[`2024-03-01-a${i}.md`] = makeArticle({ title: `文章${i}`, date: "2024-03-01 09:00", tags: ["民生"] });
  const root = makeSite(articles);
  const cache = new ArticleCache(root, () => ({ now: NOW }));
  const first = await cache.refreshAll();
  return { root, cache, first };
}

const write = (root: string, name: string, text: string) => {
  const file = path.join(root, "content/news", name);
  writeFileSync(file, text);
  // A later mtime, as a real save gives, even within the file system's timestamp resolution.
  const later = new Date(Date.now() + 5_000);
  utimesSync(file, later, later);
};

describe("ArticleCache", () => {
  it("parses every file once, then only the file that changed", async () => {
    const { root, cache, first } = await cacheOf(30);
    expect(first.parsed).toBe(30);
    expect(first.result.content!.articles).toHaveLength(30);
    write(root, "2024-03-01-a7.md", makeArticle({ title: "改过的标题", date: "2024-03-01 09:00", tags: ["民生"] }));
    const update = await cache.refresh(["content/news/2024-03-01-a7.md"]);
    expect(update.parsed).toBe(1);
    expect(update.result.content!.articles.find((a) => a.file.endsWith("a7.md"))!.title).toBe("改过的标题");
    expect((await cache.refresh(["content/news/2024-03-01-a7.md"])).parsed).toBe(0);
    expect((await cache.refreshAll()).parsed).toBe(0);
  });

  it("copies a text edit into the Article object already in the site model", async () => {
    const { root, cache, first } = await cacheOf(3);
    const before = first.result.content!.articles.find((a) => a.file.endsWith("a2.md"))!;
    expect(before.subtitle).toBeUndefined();
    write(root, "2024-03-01-a2.md", makeArticle({ title: "新标题", subtitle: "新副标题", date: "2024-03-01 09:00", tags: ["民生"] }, "新的正文。\n"));
    const update = await cache.refresh(["content/news/2024-03-01-a2.md"]);
    expect(update.inPlace).toBe(true);
    expect(before.title).toBe("新标题");
    expect(before.subtitle).toBe("新副标题");
    expect(before.html).toBe("<p>新的正文。</p>\n");
    write(root, "2024-03-01-a2.md", makeArticle({ title: "新标题", date: "2024-03-01 09:00", tags: ["民生"] }));
    expect((await cache.refresh(["content/news/2024-03-01-a2.md"])).inPlace).toBe(true);
    expect(before.subtitle).toBeUndefined();
  });

  it.each([
    ["a new date", { date: "2024-03-02 09:00", tags: ["民生"] }],
    ["new tags", { date: "2024-03-01 09:00", tags: ["教育"] }],
    ["another district", { date: "2024-03-01 09:00", tags: ["民生"], district: "雁塔区" }],
    ["draft: true", { date: "2024-03-01 09:00", tags: ["民生"], draft: true }],
  ])("asks for a rebuild when an edit gives the article %s", async (_what, fields) => {
    const { root, cache } = await cacheOf(3);
    write(root, "2024-03-01-a1.md", makeArticle({ title: "文章1", ...fields }));
    const update = await cache.refresh(["content/news/2024-03-01-a1.md"]);
    expect(update.parsed).toBe(1);
    expect(update.inPlace).toBe(false);
  });

  it("reports a broken article and drops a deleted one", async () => {
    const { root, cache } = await cacheOf(3);
    write(root, "2024-03-01-a1.md", makeArticle({ title: "文章1", date: "2024年3月1日" }));
    const broken = await cache.refresh(["content/news/2024-03-01-a1.md"]);
    expect(broken.inPlace).toBe(false);
    expect(broken.result.problems.map((p) => `${p.file}:${p.line}  ${p.field}`)).toEqual(["content/news/2024-03-01-a1.md:3  date"]);
    rmSync(path.join(root, "content/news/2024-03-01-a1.md"));
    const gone = await cache.refresh(["content/news/2024-03-01-a1.md"]);
    expect(gone.result.problems).toEqual([]);
    expect(gone.result.content!.articles.map((a) => a.file)).toEqual(["content/news/2024-03-01-a2.md", "content/news/2024-03-01-a3.md"]);
  });

  it("ignores editors' temporary files and parses everything again when site.yaml changes", async () => {
    const { root, cache } = await cacheOf(4);
    expect((await cache.refresh(["content/news/.a1.md.swp", "content/news/sedXy12ab"])).parsed).toBe(0);
    writeFileSync(path.join(root, "content/site.yaml"), SITE_YAML.replace("name: 兵马俑在线", "name: 另一个站"));
    const update = await cache.refresh(["content/site.yaml"]);
    expect(update.parsed).toBe(4);
    expect(update.result.content!.site.name).toBe("另一个站");
  });
});
