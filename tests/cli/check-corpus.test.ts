// `newsdesk check` on the 10,000-article corpus with 20 mistakes scattered through it: one run reports all
// 20, each at its file, line and column, and nothing else.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateCorpus, writeCorpus } from "../../src/bench/corpus.ts";
import { SITE_YAML, makeSite, runCli, type CliRun } from "../support/fixtures.ts";

const COUNT = 10_000;

interface Mistake {
  what: string;
  /** Changes the article's lines; returns the 1-based line and column of the error, and its field. */
  apply(lines: string[]): { line: number; column: number; field?: string };
  /** Optional: write bytes instead of the joined lines (for encodings). */
  bytes?(text: string): Buffer;
}

const lineOf = (lines: string[], prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
const closing = (lines: string[]) => lines.indexOf("---", 1);
/** Inserts a field just before the closing ---; its line number is the closing line's old number. */
const addField = (lines: string[], text: string) => {
  const at = closing(lines);
  lines.splice(at, 0, text);
  return at + 1;
};

const MISTAKES: Mistake[] = [
  { what: "full-width colon", apply: (l) => { const i = lineOf(l, "title: "); l[i] = l[i]!.replace("title: ", "title："); return { line: i + 1, column: 6, field: "title" }; } },
  { what: "draft: no", apply: (l) => ({ line: addField(l, "draft: no"), column: 8, field: "draft" }) },
  { what: "Chinese date", apply: (l) => { const i = lineOf(l, "date: "); l[i] = "date: 2024年3月1日"; return { line: i + 1, column: 7, field: "date" }; } },
  { what: "unknown district", apply: (l) => { const i = lineOf(l, "district: "); l[i] = "district: 长按区"; return { line: i + 1, column: 11, field: "district" }; } },
  { what: "unknown field", apply: (l) => { const i = lineOf(l, "tags: "); l[i] = l[i]!.replace("tags:", "tag:"); return { line: i + 1, column: 6, field: "tag" }; } },
  { what: "duplicate key", apply: (l) => ({ line: addField(l, "title: 又一个标题"), column: 1, field: "title" }) },
  { what: "impossible date", apply: (l) => { const i = lineOf(l, "date: "); l[i] = "date: 2023-02-29 09:00"; return { line: i + 1, column: 7, field: "date" }; } },
  { what: "comment in a title", apply: (l) => { const i = lineOf(l, "title: "); l[i] = "title: 第 #1 名"; return { line: i + 1, column: 8, field: "title" }; } },
  { what: "anchor", apply: (l) => { const i = lineOf(l, "source: "); l[i] = "source: &重要 新闻"; return { line: i + 1, column: 9, field: "source" }; } },
  {
    what: "GBK bytes",
    apply: (l) => ({ line: lineOf(l, "title: ") + 1, column: 8 }),
    bytes: (text) => {
      const at = Buffer.from(text.slice(0, text.indexOf("title: ") + 7));
      return Buffer.concat([at, Buffer.from([0xb3, 0xa4, 0xb0, 0xb2]), Buffer.from(text.slice(text.indexOf("title: ") + 7))]);
    },
  },
  { what: "unclosed front matter", apply: (l) => { l.splice(closing(l), 1); return { line: 1, column: 1 }; } },
  { what: "unsafe slug", apply: (l) => ({ line: addField(l, "slug: ../../etc"), column: 7, field: "slug" }) },
  { what: "missing title", apply: (l) => { l.splice(lineOf(l, "title: "), 1); return { line: closing(l) + 1, column: 1, field: "title" }; } },
  { what: "---js", apply: (l) => { l[0] = "---js"; return { line: 1, column: 4 }; } },
  { what: "__proto__", apply: (l) => ({ line: addField(l, "__proto__: x"), column: 12, field: "__proto__" }) },
  { what: "empty title", apply: (l) => { const i = lineOf(l, "title: "); l[i] = "title:"; return { line: i + 1, column: 7, field: "title" }; } },
  { what: "hot: yes", apply: (l) => { const hot = lineOf(l, "hot: "); if (hot >= 0) l.splice(hot, 1); return { line: addField(l, "hot: yes"), column: 6, field: "hot" }; } },
  { what: "full-width space", apply: (l) => { const i = lineOf(l, "district: "); l[i] = l[i]!.replace("district: ", "district:\u3000"); return { line: i + 1, column: 10, field: "district" }; } },
  { what: "number tag", apply: (l) => { const i = lineOf(l, "tags: "); l[i] = "tags: [2020]"; return { line: i + 1, column: 8, field: "tags.0" }; } },
  { what: "draft as a string", apply: (l) => ({ line: addField(l, 'draft: "false"'), column: 8, field: "draft" }) },
];

let root: string;
let run: CliRun;
const expected: string[] = [];

beforeAll(async () => {
  root = makeSite({});
  const corpus = generateCorpus(COUNT);
  writeCorpus(root, corpus, SITE_YAML);
  MISTAKES.forEach((mistake, n) => {
    // Scattered: one every ~500 files, starting at a different offset.
    const file = `content/news/${corpus[37 + n * 499]!.fileName}`;
    const full = path.join(root, file);
    const lines = readFileSync(full, "utf8").split("\n");
    const at = mistake.apply(lines);
    const text = lines.join("\n");
    writeFileSync(full, mistake.bytes ? mistake.bytes(text) : text);
    expected.push(`${file}:${at.line}:${at.column}  ${at.field ? `${at.field}  ` : ""}`);
  });
  run = await runCli(["check", "--root", root]);
}, 600_000);

describe("newsdesk check on 10,000 articles with 20 scattered mistakes", () => {
  it("reports all 20 in one run, each at its file:line:column, and exits 1", () => {
    const reported = run.stderr.split("\n").filter((line) => line.startsWith("content/"));
    expect(reported).toHaveLength(20);
    expect(reported.map((line, i) => line.slice(0, expected[i]!.length))).toEqual(expected);
    expect(run.stderr.endsWith(
      "Found 20 errors and 0 warnings in 20 of 10000 article files.\n  hint: 请按上面每条提示修改（文件:行:列 指出了位置），然后再运行 npm run check\n",
    )).toBe(true);
    expect(run.code).toBe(1);
  });
});
