import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, listArticleFiles, loadSite } from "../../src/content/index.ts";
import { makeArticle, makeSite } from "../support/fixtures.ts";

const NOW = { now: new Date("2026-01-01T00:00:00Z") };

describe("loadSite", () => {
  it("fails two articles that map to one URL, naming both files", async () => {
    const root = makeSite({
      "2020-02-27-changan.md": makeArticle({ title: "一" }),
      "sub/changan.md": makeArticle({ title: "二" }),
      "2020-02-28-other.md": makeArticle({ title: "三", slug: "changan" }),
    });
    const { problems } = await loadSite(root, NOW);
    expect(problems.map(formatProblem)).toEqual([
      "content/news/2020-02-28-other.md  slug  URL /news/2020/02/changan/ is already used by content/news/2020-02-27-changan.md\n  hint: 两篇文章的网址相同，请修改文件名或写不同的 slug",
      "content/news/sub/changan.md  slug  URL /news/2020/02/changan/ is already used by content/news/2020-02-27-changan.md\n  hint: 两篇文章的网址相同，请修改文件名或写不同的 slug",
    ]);
  });

  it("does not collide across months", async () => {
    const root = makeSite({
      "2020-02-27-changan.md": makeArticle({ date: "2020-02-27 10:00" }),
      "2020-03-27-changan.md": makeArticle({ date: "2020-03-27 10:00" }),
    });
    const { content, problems } = await loadSite(root, NOW);
    expect(problems).toEqual([]);
    expect(content!.articles.map((a) => a.url)).toEqual(["/news/2020/03/changan/", "/news/2020/02/changan/"]);
  });

  it("orders articles newest first, equal times by URL, whatever the file order", async () => {
    const root = makeSite({
      "a.md": makeArticle({ date: "2020-01-01 08:00" }),
      "b.md": makeArticle({ date: "2020-01-02 08:00" }),
      "c.md": makeArticle({ date: "2020-01-01 08:00" }),
    });
    const { content } = await loadSite(root, NOW);
    expect(content!.articles.map((a) => a.url)).toEqual(["/news/2020/01/b/", "/news/2020/01/a/", "/news/2020/01/c/"]);
  });

  it("reports problems of every file in one run", async () => {
    const root = makeSite({
      "a.md": "---\ntitle: a\n---\n",
      "b.md": makeArticle({ district: "长按区" }),
      "ok.md": makeArticle(),
    });
    const { problems } = await loadSite(root, NOW);
    expect(problems.map((p) => `${p.file} ${p.field}`)).toEqual([
      "content/news/a.md date",
      "content/news/a.md district",
      "content/news/b.md district",
    ]);
  });
});

describe("listArticleFiles", () => {
  it("lists the Markdown files in every folder under content/news/, sorted, but for hidden and underscored ones", async () => {
    const root = makeSite({
      "b.md": "",
      "a.md": "",
      "notes.txt": "",
      "2020/02/c.md": "",
      "2020/01/d.md": "",
      "2020/.e.md": "",
      "_drafts/f.md": "",
      ".git/g.md": "",
      "2021/_h.md": "",
      "folder.md/i.md": "",
    });
    // A link to a folder is not followed (nor was it by Node's recursive readdir); a folder named *.md is
    // looked into, not listed.
    symlinkSync(path.join(root, "content/news/2020"), path.join(root, "content/news/linked"));
    expect(await listArticleFiles(root)).toEqual([
      "content/news/2020/01/d.md",
      "content/news/2020/02/c.md",
      "content/news/a.md",
      "content/news/b.md",
      "content/news/folder.md/i.md",
    ]);
  });

  it("lists nothing when there is no content/news/ folder", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "newsdesk-test-"));
    mkdirSync(path.join(root, "content"));
    try {
      expect(await listArticleFiles(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
