// Plain front matter is read without the YAML library (a shortcut for speed): for every input, the
// result must equal the library's reading exactly: data, positions, values as written and problems.
import { describe, expect, it } from "vitest";
import { formatCorpusArticle, generateCorpus } from "../../src/bench/corpus.ts";
import { readPlainRecord, readYamlDocument, readYamlRecord } from "../../src/content/yaml.ts";

function frontMatterOf(file: string): string {
  return file.split("\n---\n")[0]!.replace(/^---\n/, "");
}

const tricky = [
  "title: 标题",
  "title: C# 入门",
  "title: 标题 # 注释",
  "title: a: b",
  "title: 标题:",
  "title: '标题'",
  'title: "标题"',
  "title:  两个空格",
  "title: 尾部空格 ",
  "title: 全角　空格",
  "title：全角冒号",
  "title: 2020",
  "title: 0123",
  "title: 1.5",
  "title: .5",
  "title: 1e3",
  "title: .inf",
  "title: ~",
  "title: null",
  "title: Null",
  "title: True",
  "title: -5",
  "title: +86 029 1234",
  "title: 12:30",
  "title: http://example.cn/a?b=c&d",
  "title: &anchor 值",
  "title: *alias",
  "title: !tag 值",
  "title: |",
  "title: >",
  "title: @at",
  "title: `tick",
  "title: %pct",
  "title: 100%",
  "title: 他说：好",
  "title: a, b",
  "title: [a, b] x",
  "title: {a: b}",
  "title: 制表\t符",
  "title: x\u00a0",
  "hot: true",
  "hot: false",
  "hot: yes",
  "hot: TRUE",
  "tags: []",
  "tags: [ ]",
  "tags: [a]",
  "tags: [疫情防控, 卫生健康]",
  "tags: [疫情防控,卫生健康]",
  "tags: [疫情 防控, 卫生健康]",
  "tags: [a,  b]",
  "tags: [a, b,]",
  "tags: [a, 'b']",
  "tags: [a, 2020]",
  "tags: [a, true]",
  "tags: [a, b: c]",
  "tags: [a, [b]]",
  "tags: [a, #b]",
  "tags: [a,]",
  "true: x",
  "null: x",
  "__proto__: x",
  "my-key: x",
  "_k: x",
  "subtitle:",
  "  indented: x",
  "- item",
  "# comment",
  "",
];

describe("plain front matter read without the YAML library", () => {
  it.each(tricky.map((line) => [line]))("%j reads as the library reads it", (line) => {
    for (const text of [`${line}\n`, `title: 标题\n${line}\n`, `${line}\nsummary: 摘要\n`, line]) {
      expect(readYamlRecord(text, "f.md", 1)).toEqual(readYamlDocument(text, "f.md", 1));
    }
  });

  it("reads every article of a generated corpus as the library does", () => {
    for (const article of generateCorpus(300)) {
      const text = frontMatterOf(formatCorpusArticle(article));
      expect(readPlainRecord(text, 1)).toBeDefined();
      expect(readYamlRecord(text, "f.md", 1)).toEqual(readYamlDocument(text, "f.md", 1));
    }
  });

  it("takes the shortcut for plain front matter (so the comparison above is not vacuous)", () => {
    const text = "title: 标题\ndate: 2020-02-27 11:31\ntags: [疫情防控, 卫生健康]\nhot: true\n";
    // The library keeps values as written only for scalars; the shortcut must too, and positions must
    // point at the values: line 2 (after the opening ---), column 8 for "标题", column 14 for "卫生健康".
    const fast = readPlainRecord(text, 1)!;
    expect(fast).toBeDefined();
    expect(fast.positions.get("title")).toEqual({ line: 2, column: 8 });
    expect(fast.positions.get("tags.1")).toEqual({ line: 4, column: 14 });
    expect(fast).toEqual(readYamlDocument(text, "f.md", 1));
  });
});
