// `newsdesk check` and `newsdesk build` on every kind of bad input the editors' issue lists: the real
// command, one fixture per mistake, asserting the exit code and exactly what the editor reads.
import { existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SITE_YAML, makeArticle, makeSite, runCli, type CliRun } from "../support/fixtures.ts";
import { BAD_INPUTS, frontMatter, jsFrontMatterRan } from "./bad-input-cases.ts";

const SUMMARY_HINT = "  hint: 请按上面每条提示修改（文件:行:列 指出了位置），然后再运行 npm run check";

/** Runs `task` over `items` with at most `limit` at once (two cores: spawning all at once only thrashes). */
async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe("newsdesk check on each bad input", () => {
  let runs: CliRun[];
  beforeAll(async () => {
    runs = await mapLimited(BAD_INPUTS, 2, (c) => runCli(["check", "--root", makeSite({ "2024-03-01-case.md": c.file })]));
  });

  it.each(BAD_INPUTS.map((c, i) => [c.name, i] as const))("reports %s with file:line:column and a hint, exit 1", (_name, i) => {
    const c = BAD_INPUTS[i]!;
    const run = runs[i]!;
    const errors = c.report.filter((line) => !line.startsWith("  hint:")).length;
    expect(run.stderr).toBe(
      `${c.report.join("\n")}\n\nFound ${errors} error${errors === 1 ? "" : "s"} and 0 warnings in 1 of 1 article file.\n${SUMMARY_HINT}\n`,
    );
    expect(run.stdout).toBe("");
    expect(run.code).toBe(1);
  });

  it("never executes ---js front matter", () => {
    expect(BAD_INPUTS.some((c) => c.name.startsWith("---js"))).toBe(true);
    expect(jsFrontMatterRan()).toBe(false);
  });
});

describe("newsdesk check on a whole site", () => {
  it("reports every problem in every file at once, sorted by file and line, then exits 1", async () => {
    const root = makeSite({
      "2024-03-01-good.md": makeArticle({ title: "正常的文章", date: "2024-03-01 09:00" }),
      "b/2024-03-02-two-mistakes.md": frontMatter(["title: 第 #1 名", "date: 2024-02-30 09:00", "district: 长安区", "draft: no"]),
      "a/2024-03-03-raw-html.md": makeArticle({ title: "带 HTML 的文章" }, "正文<script>alert(1)</script>\n"),
      "c/2024-03-04-district.md": frontMatter(["title: 测试", "date: 2024-03-04 09:00", "district: 雁塔"]),
    });
    const run = await runCli(["check", "--root", root]);
    expect(run.stderr).toBe(
      [
        "content/news/a/2024-03-03-raw-html.md:7  warning  raw HTML is not allowed in articles; it is shown as text",
        "  hint: 正文不支持 HTML 标签，请改用 Markdown 写法",
        "content/news/b/2024-03-02-two-mistakes.md:2:8  title  the value was cut short at \" #\": YAML read \"#1 名\" as a comment",
        '  hint: 值里有“ #”时请给整个值加引号，例如 "第 #1 名"',
        'content/news/b/2024-03-02-two-mistakes.md:3:7  date  expected a date that exists: 2024-02 has no day 30 (it has 29), received "2024-02-30 09:00"',
        "  hint: 日期不存在，请检查年月日与时分",
        'content/news/b/2024-03-02-two-mistakes.md:5:8  draft  expected true or false, received "no"',
        "  hint: 请写 true 或 false（不要写 yes/no/是/否）",
        'content/news/c/2024-03-04-district.md:4:11  district  unknown district "雁塔"; did you mean "雁塔区"?',
        "  hint: 区县名称应为 雁塔区",
        "",
        "Found 4 errors and 1 warning in 2 of 4 article files.",
        SUMMARY_HINT,
        "",
      ].join("\n"),
    );
    expect(run.code).toBe(1);
    expect(existsSync(path.join(root, "_site"))).toBe(false);
  });

  it("exits 0 with warnings only, and says what would be published", async () => {
    const root = makeSite({
      "2024-03-01-good.md": makeArticle({ title: "正常的文章", date: "2024-03-01 09:00" }),
      "2024-03-02-draft.md": makeArticle({ title: "草稿", date: "2024-03-02 09:00", draft: true }),
      "2024-03-03-later.md": makeArticle({ title: "定时发布", date: "2024-06-01 09:00" }),
      "2024-03-04-raw.md": makeArticle({ title: "带 HTML", date: "2024-03-04 09:00" }, "<b>粗体</b>\n"),
    });
    const run = await runCli(["check", "--root", root], { env: { SOURCE_DATE_EPOCH: String(Date.parse("2024-04-01T00:00:00Z") / 1000) } });
    expect(run.stderr).toBe(
      "content/news/2024-03-04-raw.md:7  warning  raw HTML is not allowed in articles; it is shown as text\n  hint: 正文不支持 HTML 标签，请改用 Markdown 写法\n",
    );
    expect(run.stdout).toBe("Checked 4 article files: no errors, 1 warning. 2 would be published, 1 draft and 1 scheduled left out.\n");
    expect(run.code).toBe(0);
  });

  it("names both files when two articles would have the same URL", async () => {
    const root = makeSite({
      "2024-03-01-changan.md": makeArticle({ title: "甲", date: "2024-03-01 09:00" }),
      "2024-03-09-other.md": makeArticle({ title: "乙", date: "2024-03-09 09:00", slug: "changan" }),
    });
    const run = await runCli(["check", "--root", root]);
    expect(run.stderr.split("\n").slice(0, 2)).toEqual([
      "content/news/2024-03-09-other.md  slug  URL /news/2024/03/changan/ is already used by content/news/2024-03-01-changan.md",
      "  hint: 两篇文章的网址相同，请修改文件名或写不同的 slug",
    ]);
    expect(run.code).toBe(1);
  });

  it("reports a broken site.yaml first, with what was received, and checks articles once it is fixed", async () => {
    const yaml = SITE_YAML.replace("timeZone: Asia/Shanghai", "timeZone: Asia/Xian").replace("pageSize: 20", "pageSize: 二十");
    const root = makeSite({ "2024-03-01-good.md": makeArticle({ title: "正常的文章", date: "2024-03-01 09:00" }) }, yaml);
    const run = await runCli(["check", "--root", root]);
    expect(run.stderr).toBe(
      [
        'content/site.yaml:6:11  timeZone  unknown time zone, received "Asia/Xian"',
        "  hint: 北京时间请写 Asia/Shanghai",
        'content/site.yaml:30:11  pageSize  expected a whole number from 1 to 500, received "二十"',
        "  hint: 每页显示的文章数，默认 20",
        "",
        "Found 2 errors in content/site.yaml; the articles are checked once it is fixed.",
        "  hint: 请先按上面的提示修改 content/site.yaml，然后再运行 npm run check",
        "",
      ].join("\n"),
    );
    expect(run.code).toBe(1);
  });
});
