// `newsdesk new`: the real command writes a contract-following article dated now in Beijing time, named by
// the title's pinyin, refuses to overwrite, and validates the district before writing anything.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeSite, runCli } from "../support/fixtures.ts";

// 2024-02-29 23:30 UTC is 2024-03-01 07:30 in Beijing: the date must be Beijing's, not the machine's.
const EPOCH = { SOURCE_DATE_EPOCH: String(Date.parse("2024-02-29T23:30:00Z") / 1000) };

describe("newsdesk new", () => {
  it("writes content/news/YYYY-MM-DD-<pinyin>.md with the front matter and the Beijing time, and prints its path", async () => {
    const root = makeSite({});
    const run = await runCli(["new", "长安区举办读书月活动", "--district", "长安区", "--tags", "文化,阅读，教育", "--root", root], { env: { ...EPOCH, TZ: "America/New_York" } });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("content/news/2024-03-01-chang-an-qu-ju-ban-du-shu-yue-huo-dong.md\n");
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(root, "content/news/2024-03-01-chang-an-qu-ju-ban-du-shu-yue-huo-dong.md"), "utf8")).toBe(
      [
        "---",
        "title: 长安区举办读书月活动",
        "subtitle:",
        "date: 2024-03-01 07:30",
        "source:",
        "byline:",
        "district: 长安区",
        "tags: [文化, 阅读, 教育]",
        "summary:",
        "editor:",
        "draft: false",
        "---",
        "",
        "",
      ].join("\n"),
    );
  });

  it("quotes a title YAML would misread, and the file passes check and builds with that exact title", async () => {
    const root = makeSite({});
    const title = "第 #1 名：长安区 & 雁塔区 [联合] 发布";
    const made = await runCli(["new", title, "--district", "雁塔区", "--slug", "Joint Release", "--root", root], { env: EPOCH });
    expect(made.stdout).toBe("content/news/2024-03-01-joint-release.md\n");
    const text = readFileSync(path.join(root, "content/news/2024-03-01-joint-release.md"), "utf8");
    expect(text).toContain(`title: "第 #1 名：长安区 & 雁塔区 [联合] 发布"\n`);
    expect(text).toContain("slug: joint-release\n");
    writeFileSync(path.join(root, "content/news/2024-03-01-joint-release.md"), `${text}正文第一段。\n`);
    const built = await runCli(["build", "--root", root], { env: EPOCH });
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    const html = readFileSync(path.join(root, "_site/news/2024/03/joint-release/index.html"), "utf8");
    expect(html).toContain("<h1>第 #1 名：长安区 &amp; 雁塔区 [联合] 发布</h1>");
  });

  it("refuses to overwrite an existing article and leaves it unchanged", async () => {
    const root = makeSite({ "2024-03-01-ce-shi.md": "编辑已经写好的文章\n" });
    const run = await runCli(["new", "测试", "--district", "长安区", "--root", root], { env: EPOCH });
    expect(run.stderr).toBe(
      "newsdesk new: content/news/2024-03-01-ce-shi.md already exists; it was left unchanged\n  hint: 文件已存在，没有覆盖；请换一个标题或用 --slug 指定另一个网址片段\n",
    );
    expect(run.stdout).toBe("");
    expect(run.code).toBe(1);
    expect(readFileSync(path.join(root, "content/news/2024-03-01-ce-shi.md"), "utf8")).toBe("编辑已经写好的文章\n");
  });

  it("refuses a slug another article of the same month already uses", async () => {
    const root = makeSite({ "2024-03-01-ce-shi.md": "x" });
    const run = await runCli(["new", "测试", "--district", "长安区", "--root", root], { env: { SOURCE_DATE_EPOCH: String(Date.parse("2024-03-20T00:00:00Z") / 1000) } });
    expect(run.stderr).toBe(
      'newsdesk new: content/news/2024-03-01-ce-shi.md already uses the URL slug "ce-shi" this month\n  hint: 本月已有同名网址的文章，请用 --slug 指定另一个网址片段\n',
    );
    expect(run.code).toBe(1);
    expect(readdirSync(path.join(root, "content/news"))).toEqual(["2024-03-01-ce-shi.md"]);
  });

  it("checks the district before writing, with a did-you-mean", async () => {
    const root = makeSite({});
    const run = await runCli(["new", "测试", "--district", "长按区", "--root", root], { env: EPOCH });
    expect(run.stderr).toBe('newsdesk new  --district  unknown district "长按区"; did you mean "长安区"?\n  hint: 区县名称应为 长安区\nNothing was written.\n');
    expect(run.code).toBe(1);
    expect(readdirSync(path.join(root, "content/news"))).toEqual([]);
  });

  it("refuses an unsafe --slug", async () => {
    const root = makeSite({});
    const run = await runCli(["new", "测试", "--district", "长安区", "--slug", "../../etc", "--root", root], { env: EPOCH });
    expect(run.stderr).toBe('newsdesk new  --slug  slug contains ".." (parent folder)\n  hint: 网址片段只能包含字母、数字和连字符 -\nNothing was written.\n');
    expect(run.code).toBe(1);
    expect(readdirSync(path.join(root, "content/news"))).toEqual([]);
  });

  it("is a usage error without a title or district", async () => {
    const root = makeSite({});
    const run = await runCli(["new", "测试", "--root", root]);
    expect(run.stderr).toBe('Usage: newsdesk new "标题" --district 长安区 [--tags 标签一,标签二] [--slug x] [--draft]\n  hint: 标题要用引号括起来，并用 --district 写明区县\n');
    expect(run.code).toBe(2);
  });
});
