import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, loadViews, normalizeViewsPath, parseViewsCsv, parseViewsJson } from "../../src/content/index.ts";
import { makeSite } from "../support/fixtures.ts";

const BASE = "https://www.bmy-online.example.cn/";
const A = "/news/2020/02/changan-health-bureau/";
const B = "/news/2020/03/lianhu-school/";
const context = { knownUrls: new Set([A, B]), baseUrl: BASE };
const json = (text: string) => parseViewsJson(text, "content/_data/views.json", context);
const csv = (text: string) => parseViewsCsv(text, "content/_data/views.csv", context);
const messages = (r: { problems: Parameters<typeof formatProblem>[0][] }) => r.problems.map(formatProblem);

describe("normalizeViewsPath", () => {
  it.each([
    [A, A],
    ["  /news/2020/02/changan-health-bureau  ", A],
    ["/news/2020/02/changan-health-bureau/index.html", A],
    ["/news/2020/02/changan-health-bureau/?from=weixin#top", A],
    [`https://www.bmy-online.example.cn${A}`, A],
    [`https://other.example.cn${A}`, `https://other.example.cn${A}`],
    ["news/2020/02/x/", "news/2020/02/x/"],
  ])("%s → %s", (raw, expected) => {
    expect(normalizeViewsPath(raw, BASE)).toBe(expected);
  });
});

describe("parseViewsJson", () => {
  it("reads an object of counts", () => {
    const r = json(`{\n  "${A}": 5953,\n  "${B}": 0\n}\n`);
    expect(r.problems).toEqual([]);
    expect([...r.views]).toEqual([
      [A, 5953],
      [B, 0],
    ]);
  });

  it("accepts an empty object and a BOM", () => {
    expect(json("\uFEFF{ }").views.size).toBe(0);
  });

  it("adds up keys that name one page", () => {
    expect([...json(`{"${A}": 10, "${A}?from=weixin": 5, "${A}index.html": 1}`).views]).toEqual([[A, 16]]);
  });

  it("warns about paths that are not articles, with their line, and ignores their counts", () => {
    const r = json(`{\n  "${A}": 3,\n  "/news/": 99,\n  "/news/2019/01/deleted/": 7\n}`);
    expect([...r.views]).toEqual([[A, 3]]);
    expect(messages(r)).toEqual([
      'content/_data/views.json:3:3  warning  "/news/" is not the URL of any article; its count is ignored\n  hint: 阅读数文件中的这个网址不是本站文章（可能已删除或写错），已忽略',
      'content/_data/views.json:4:3  warning  "/news/2019/01/deleted/" is not the URL of any article; its count is ignored\n  hint: 阅读数文件中的这个网址不是本站文章（可能已删除或写错），已忽略',
    ]);
  });

  it("reports ten unknown paths one by one and counts the rest in one warning", () => {
    const entries = Array.from({ length: 25 }, (_, i) => `"/gone/${i}/": ${i}`).join(",\n");
    const r = json(`{\n${entries}\n}`);
    expect(r.problems).toHaveLength(11);
    expect(r.problems.every((p) => p.severity === "warning")).toBe(true);
    expect(r.problems[9]!.line).toBe(11);
    expect(formatProblem(r.problems[10]!)).toBe(
      "content/_data/views.json  warning  15 more paths are not the URL of any article; their counts are ignored\n  hint: 还有更多网址不是本站文章，已忽略",
    );
  });

  it.each([
    ['{"/a/": "5953"}', '1:9  /a/  expected a whole number of reads, received the text "5953"'],
    ['{"/a/": -1}', "1:9  /a/  expected a whole number of reads, received -1"],
    ['{"/a/": 1.5}', "1:9  /a/  expected a whole number of reads, received 1.5"],
    ['{"/a/": null}', "1:9  /a/  expected a whole number of reads, received null"],
    ['{"/a/": {"views": 3}}', "1:9  /a/  expected a whole number of reads, received an object"],
    ["[1, 2]", "1:1  expected a JSON object mapping URL paths to read counts"],
    ['{"/a/": 1,}', '1:11  expected a quoted string, received "}"'],
    ['{"/a/": 1\n"/b/": 2}', '2:1  expected "}", received "\\"/b/\\": 2}"'],
    ["{'/a/': 1}", "1:2  expected a quoted string, received \"'/a/': 1}\""],
    ['{"/a/": 1} x', "1:12  unexpected text after the closing }"],
    ['{"/a/": 1', '1:10  expected "}", received the end of the file'],
    ['{"/a/": 1, "/a/": 2}', '1:12  "/a/" appears twice'],
  ])("refuses %s", (text, expected) => {
    const r = json(text);
    expect(r.problems.map((p) => p.severity)).toEqual(["error"]);
    expect(formatProblem(r.problems[0]!).split("\n")[0]).toBe(`content/_data/views.json:${expected}`);
    expect(r.problems[0]!.hint).toMatch(/[\u4e00-\u9fff]/);
  });

  it("reports every bad count in one pass", () => {
    const r = json(`{\n"/a/": "x",\n"/b/": true\n}`);
    expect(r.problems.map((p) => `${p.line}:${p.column}`)).toEqual(["2:8", "3:8"]);
  });
});

describe("parseViewsCsv", () => {
  it("reads path,views rows", () => {
    const r = csv(`path,views\n${A},5953\n${B},12\n`);
    expect(r.problems).toEqual([]);
    expect([...r.views]).toEqual([
      [A, 5953],
      [B, 12],
    ]);
  });

  it("takes the columns by name, in any order, among others; CRLF, BOM, quotes and thousands separators", () => {
    const r = csv(`\uFEFFtitle,Views,Path\r\n"长安人民的忠诚""卫""士, 侧记","5,953",${A}\r\n\r\n后来,12,${B}`);
    expect(r.problems).toEqual([]);
    expect([...r.views]).toEqual([
      [A, 5953],
      [B, 12],
    ]);
  });

  it("warns about unknown paths with their line", () => {
    const r = csv(`path,views\n${A},1\n/about/,5\n`);
    expect(messages(r)).toEqual([
      'content/_data/views.csv:3:1  warning  "/about/" is not the URL of any article; its count is ignored\n  hint: 阅读数文件中的这个网址不是本站文章（可能已删除或写错），已忽略',
    ]);
  });

  it.each([
    ["url,count\n/a/,1\n", 'content/_data/views.csv:1  expected a header row with the columns path and views, received "url,count"'],
    [`path,views\n${A},many\n`, 'content/_data/views.csv:2  views  expected a whole number of reads, received "many"'],
    [`path,views\n${A},-3\n`, 'content/_data/views.csv:2  views  expected a whole number of reads, received "-3"'],
    [`path,views\n${A},\n`, 'content/_data/views.csv:2  views  expected a whole number of reads, received ""'],
    [`title,path,views\nx,${A}\n`, "content/_data/views.csv:2  expected 3 columns as in the header, received 2"],
  ])("refuses %j", (text, expected) => {
    const r = csv(text);
    expect(r.problems.map((p) => p.severity)).toEqual(["error"]);
    expect(formatProblem(r.problems[0]!).split("\n")[0]).toBe(expected);
  });

  it("counts lines of quoted fields that span lines", () => {
    const r = csv(`title,path,views\n"two\nlines",${A},x\n`);
    expect(r.problems[0]!.line).toBe(2);
    const r2 = csv(`title,path,views\n"two\nlines",${A},1\nz,${B},y\n`);
    expect(r2.problems[0]!.line).toBe(4);
  });
});

describe("loadViews", () => {
  const write = (root: string, name: string, text: string) => {
    mkdirSync(path.join(root, "content/_data"), { recursive: true });
    writeFileSync(path.join(root, "content/_data", name), text);
  };

  it("gives no counts and no problems without a views file", async () => {
    expect(await loadViews(makeSite({}), context)).toEqual({ views: new Map(), problems: [] });
  });

  it.each([
    ["views.json", `{"${A}": 7}`],
    ["views.csv", `path,views\n${A},7\n`],
  ])("reads %s", async (name, text) => {
    const root = makeSite({});
    write(root, name, text);
    expect(await loadViews(root, context)).toEqual({ views: new Map([[A, 7]]), problems: [] });
  });

  it("refuses two sources of counts", async () => {
    const root = makeSite({});
    write(root, "views.json", "{}");
    write(root, "views.csv", "path,views\n");
    const r = await loadViews(root, context);
    expect(messages(r)).toEqual([
      "content/_data/views.csv  both content/_data/views.json and content/_data/views.csv exist; only one source of read counts is allowed\n  hint: 阅读数文件只能有一个，请删除其中一个",
    ]);
  });
});
