// Publication rules and the output folder, through the real `newsdesk build`: drafts and scheduled
// articles are absent from every file of the output, deleted articles never linger, a failed build leaves
// the previous site byte-identical, a BOM/CRLF twin builds the same bytes, and what a killed build left
// behind is put right by the next one.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeArticle, makeSite, readOutput, runCli, writeArticle } from "../support/fixtures.ts";
import { diffTrees, readTree } from "../support/tree.ts";

const epoch = (iso: string) => ({ SOURCE_DATE_EPOCH: String(Date.parse(iso) / 1000) });

/** Output files (path → text) that mention any of `needles`. */
function filesMentioning(root: string, needles: string[]): string[] {
  const found: string[] = [];
  for (const [file, bytes] of readTree(path.join(root, "_site"))) {
    const text = bytes.toString("utf8");
    if (needles.some((n) => text.includes(n) || file.includes(n))) found.push(file);
  }
  return found;
}

const PUBLISHED = makeArticle({ title: "已发布的文章", date: "2024-03-01 09:00" });
// Each hidden article has a tag only it uses, so a tag page or tag cloud would give it away too.
const DRAFT = makeArticle({ title: "还没写完的草稿", date: "2024-03-02 09:00", draft: true, tags: ["草稿专用标签"], hot: true });
const SCHEDULED = makeArticle({ title: "五月一日定时发布", date: "2024-05-01 08:00", tags: ["定时专用标签"], hot: true });

describe("drafts and scheduled articles", () => {
  const root = makeSite({ "2024-03-01-published.md": PUBLISHED, "2024-03-02-caogao.md": DRAFT, "2024-05-01-dingshi.md": SCHEDULED });
  const hidden = ["还没写完的草稿", "caogao", "草稿专用标签", "cao-gao-zhuan-yong", "五月一日定时发布", "dingshi", "定时专用标签", "ding-shi-zhuan-yong"];

  it("are absent from every output file of a plain build", async () => {
    const run = await runCli(["build", "--root", root], { env: epoch("2024-04-01T00:00:00Z") });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Built 1 articles into .* in [\d.]+ s\.\n$/);
    expect(readOutput(root, "/news/2024/03/published/")).toContain("<h1>已发布的文章</h1>");
    expect(readTree(path.join(root, "_site")).size).toBeGreaterThan(1);
    expect(filesMentioning(root, hidden)).toEqual([]);
  });

  it("--drafts previews drafts (still not scheduled articles), and a plain build drops them again", async () => {
    const preview = await runCli(["build", "--drafts", "--root", root], { env: epoch("2024-04-01T00:00:00Z") });
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/^Built 2 articles into .* \(drafts included\)\.\n$/);
    expect(readOutput(root, "/news/2024/03/caogao/")).toContain("<h1>还没写完的草稿</h1>");
    // Proof that the scan would see a leak: the preview shows the draft on its page, lists and tag page.
    expect(filesMentioning(root, ["还没写完的草稿"]).length).toBeGreaterThan(3);
    expect(filesMentioning(root, ["cao-gao-zhuan-yong"])).toContain("tags/cao-gao-zhuan-yong-biao-qian/index.html");
    expect(filesMentioning(root, ["五月一日定时发布", "dingshi"])).toEqual([]);

    const plain = await runCli(["build", "--root", root], { env: epoch("2024-04-01T00:00:00Z") });
    expect(plain.code).toBe(0);
    expect(filesMentioning(root, hidden)).toEqual([]);
  });

  it("publishes a scheduled article once the reference time passes its date", async () => {
    const before = await runCli(["build", "--root", root], { env: epoch("2024-04-30T23:59:59Z") }); // 07:59:59 Beijing
    expect(before.code).toBe(0);
    expect(filesMentioning(root, ["五月一日定时发布"])).toEqual([]);
    const after = await runCli(["build", "--root", root], { env: epoch("2024-05-01T00:00:00Z") }); // 08:00:00, its time
    expect(after.code).toBe(0);
    expect(readOutput(root, "/news/2024/05/dingshi/")).toContain("<h1>五月一日定时发布</h1>");
    expect(filesMentioning(root, ["还没写完的草稿", "caogao"])).toEqual([]);
  });
});

describe("the output folder", () => {
  it("never keeps files of deleted or unpublished articles", async () => {
    const root = makeSite({
      "2024-03-01-published.md": PUBLISHED,
      "2024-03-03-to-delete.md": makeArticle({ title: "将被删除的文章", date: "2024-03-03 09:00" }),
      "2024-03-04-to-unpublish.md": makeArticle({ title: "将被撤回的文章", date: "2024-03-04 09:00" }),
    });
    expect((await runCli(["build", "--root", root])).code).toBe(0);
    expect(readOutput(root, "/news/2024/03/to-delete/")).toContain("将被删除的文章");
    rmSync(path.join(root, "content/news/2024-03-03-to-delete.md"));
    writeArticle(root, "2024-03-04-to-unpublish.md", makeArticle({ title: "将被撤回的文章", date: "2024-03-04 09:00", draft: true }));
    expect((await runCli(["build", "--root", root])).code).toBe(0);
    expect(existsSync(path.join(root, "_site/news/2024/03/to-delete"))).toBe(false);
    expect(existsSync(path.join(root, "_site/news/2024/03/to-unpublish"))).toBe(false);
    expect(filesMentioning(root, ["将被删除的文章", "将被撤回的文章", "to-delete", "to-unpublish"])).toEqual([]);
  });

  it("is left byte-identical by a build that fails on bad content", async () => {
    const root = makeSite({ "2024-03-01-published.md": PUBLISHED });
    expect((await runCli(["build", "--root", root])).code).toBe(0);
    const before = readTree(path.join(root, "_site"));
    writeArticle(root, "2024-03-05-bad.md", makeArticle({ title: "坏文章", date: "2024年3月5日" }));
    const run = await runCli(["build", "--root", root]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('content/news/2024-03-05-bad.md:3:7  date  expected "YYYY-MM-DD HH:mm" (Beijing time)');
    expect(run.stderr).toContain("Build stopped: nothing was written. Fix the errors above and build again.");
    expect(diffTrees(before, readTree(path.join(root, "_site")))).toEqual([]);
    // Nothing left behind but the site and the build cache (.cache/newsdesk/).
    expect(readdirSync(root).sort()).toEqual([".cache", "_site", "content"]);
  });

  it("is restored by the next build when a killed build had moved it aside, and leftovers are removed", async () => {
    const root = makeSite({ "2024-03-01-published.md": PUBLISHED });
    expect((await runCli(["build", "--root", root])).code).toBe(0);
    const before = readTree(path.join(root, "_site"));
    // What a build killed between its two renames leaves: the old site aside, a half-written staging
    // folder of a process that no longer exists, and its lock.
    renameSync(path.join(root, "_site"), path.join(root, "_site.previous-0badf00d"));
    mkdirSync(path.join(root, "_site.staging-999999999-deadbeef/news"), { recursive: true });
    writeFileSync(path.join(root, "_site.staging-999999999-deadbeef/news/half.html"), "<p>half");
    writeFileSync(path.join(root, "_site.lock"), "999999999");
    // Even a build that then fails on content puts the last complete site back.
    writeArticle(root, "2024-03-05-bad.md", makeArticle({ title: "坏文章", date: "2024-02-30 09:00" }));
    const run = await runCli(["build", "--root", root]);
    expect(run.code).toBe(1);
    expect(diffTrees(before, readTree(path.join(root, "_site")))).toEqual([]);
    // Nothing left behind but the site and the build cache (.cache/newsdesk/).
    expect(readdirSync(root).sort()).toEqual([".cache", "_site", "content"]);
  });
});

describe("a UTF-8 BOM and CRLF line endings", () => {
  it("give byte-identical output to the plain twin", async () => {
    const text = makeArticle({ title: "换行符测试", date: "2024-03-01 09:00", tags: ["民生", "社区服务"] }, "第一段。\n\n## 小标题\n\n第二段，**加粗**。\n");
    const plain = makeSite({ "2024-03-01-twin.md": text });
    const windows = makeSite({ "2024-03-01-twin.md": `\uFEFF${text.replace(/\n/g, "\r\n")}` });
    const [a, b] = await Promise.all([runCli(["build", "--root", plain]), runCli(["build", "--root", windows])]);
    expect([a.code, a.stderr, b.code, b.stderr]).toEqual([0, "", 0, ""]);
    const treeA = readTree(path.join(plain, "_site"));
    expect(readOutput(plain, "/news/2024/03/twin/")).toContain("<h2 id=\"xiao-biao-ti\">小标题</h2>");
    expect(diffTrees(treeA, readTree(path.join(windows, "_site")))).toEqual([]);
  });
});
