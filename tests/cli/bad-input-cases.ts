// Every kind of bad input the editors' issue lists, as one fixture file each, with the exact report that
// `newsdesk check` and `newsdesk build` must print for it. Shared by the CLI tests.
import { existsSync } from "node:fs";

const PATH = "content/news/2024-03-01-case.md";

/** Front matter lines between the two ---, then a body. */
export function frontMatter(lines: readonly string[], body = "正文第一段。\n"): string {
  return `---\n${lines.join("\n")}\n---\n\n${body}`;
}

const VALID = ["title: 测试文章", "date: 2024-03-01 09:00", "district: 长安区"];

export interface BadInput {
  name: string;
  /** The article file content/news/2024-03-01-case.md. */
  file: string | Uint8Array;
  /** Exactly the lines the command prints for the file, before the summary. */
  report: string[];
}

/** A marker that executable front matter would create if it were ever run. */
export const JS_MARKER = `/tmp/newsdesk-js-front-matter-ran-${process.pid}`;

export const BAD_INPUTS: BadInput[] = [
  {
    name: "front matter that is not key: value pairs",
    file: frontMatter(["长安区卫生健康局召开会议", "2024年3月1日"]),
    report: [
      `${PATH}:2:1  expected key: value pairs (field: value), received text "长安区卫生健康局召开会议"`,
      "  hint: 每行写成“字段: 值”，冒号是半角并且后面有一个空格",
    ],
  },
  {
    name: "a full-width colon after a field name",
    file: frontMatter(["title：测试文章", "date: 2024-03-01 09:00", "district: 长安区"]),
    report: [
      `${PATH}:2:6  title  full-width colon "：" after the field name; YAML needs ":" followed by a space`,
      "  hint: 检测到全角冒号“：”，请改成半角冒号“:”并在后面加一个空格",
    ],
  },
  {
    name: "a full-width space after the colon",
    file: frontMatter(["title:\u3000测试文章", "date: 2024-03-01 09:00", "district: 长安区"]),
    report: [`${PATH}:2:7  title  full-width space "\u3000" where YAML needs a plain space`, "  hint: 检测到全角空格，请改成半角空格"],
  },
  {
    name: "a value cut short by a # comment",
    file: frontMatter(["title: 第 #1 名", "date: 2024-03-01 09:00", "district: 长安区"]),
    report: [
      `${PATH}:2:8  title  the value was cut short at " #": YAML read "#1 名" as a comment`,
      '  hint: 值里有“ #”时请给整个值加引号，例如 "第 #1 名"',
    ],
  },
  {
    name: "a value read as a YAML anchor",
    file: frontMatter(["title: &重要 新闻", "date: 2024-03-01 09:00", "district: 长安区"]),
    report: [`${PATH}:2:8  title  "&重要" was read as a YAML anchor and dropped from the value`, '  hint: 以 & 开头的内容请加引号，例如 "&重要 …"'],
  },
  {
    name: "draft: no (a string, not false)",
    file: frontMatter([...VALID, "draft: no"]),
    report: [`${PATH}:5:8  draft  expected true or false, received "no"`, "  hint: 请写 true 或 false（不要写 yes/no/是/否）"],
  },
  {
    name: "id: 0123 (an unknown field holding a number)",
    file: frontMatter([...VALID, "id: 0123"]),
    report: [
      `${PATH}:5:5  id  unknown field`,
      "  hint: 不认识的字段，可用的字段有：title, subtitle, date, source, byline, district, tags, summary, editor, hot, draft, slug",
    ],
  },
  {
    name: "source: 0123 (a number where text is expected)",
    file: frontMatter([...VALID, "source: 0123"]),
    report: [`${PATH}:5:9  source  expected text, received number 123 (written 0123)`, '  hint: 这个值被读成了数字，请加引号：source: "0123"'],
  },
  {
    name: "a missing title",
    file: frontMatter(["date: 2024-03-01 09:00", "district: 长安区"]),
    report: [`${PATH}:4:1  title  is required: expected the headline as text`, "  hint: 标题不能为空；含数字或特殊符号时请加引号"],
  },
  {
    name: "an empty title",
    file: frontMatter(["title:", "date: 2024-03-01 09:00", "district: 长安区"]),
    report: [`${PATH}:2:7  title  is empty: expected the headline as text`, "  hint: 标题不能为空；含数字或特殊符号时请加引号"],
  },
  {
    name: "a title of spaces",
    file: frontMatter(['title: "  "', "date: 2024-03-01 09:00", "district: 长安区"]),
    report: [`${PATH}:2:8  title  must not be empty: expected the headline as text, received "  "`, "  hint: 标题不能为空；含数字或特殊符号时请加引号"],
  },
  {
    name: "a missing date",
    file: frontMatter(["title: 测试文章", "district: 长安区"]),
    report: [
      `${PATH}:4:1  date  is required: expected "YYYY-MM-DD HH:mm" (Beijing time), "YYYY-MM-DD HH:mm:ss", "YYYY-MM-DD" or RFC 3339 with an offset`,
      "  hint: 日期请写成 2020-02-27 11:31 这样的格式（北京时间）",
    ],
  },
  {
    name: "an impossible date",
    file: frontMatter(["title: 测试文章", "date: 2023-02-29 09:00", "district: 长安区"]),
    report: [
      `${PATH}:3:7  date  expected a date that exists: 2023-02 has no day 29 (it has 28), received "2023-02-29 09:00"`,
      "  hint: 日期不存在，请检查年月日与时分",
    ],
  },
  {
    name: "a date written 2024年3月1日",
    file: frontMatter(["title: 测试文章", "date: 2024年3月1日", "district: 长安区"]),
    report: [
      `${PATH}:3:7  date  expected "YYYY-MM-DD HH:mm" (Beijing time), "YYYY-MM-DD HH:mm:ss", "YYYY-MM-DD" or RFC 3339 with an offset, received "2024年3月1日"`,
      "  hint: 日期请写成 2024-03-01 00:00",
    ],
  },
  {
    name: "an unknown district",
    file: frontMatter(["title: 测试文章", "date: 2024-03-01 09:00", "district: 长按区"]),
    report: [`${PATH}:4:11  district  unknown district "长按区"; did you mean "长安区"?`, "  hint: 区县名称应为 长安区"],
  },
  {
    name: "an unknown field",
    file: frontMatter([...VALID, "tag: [疫情防控]"]),
    report: [`${PATH}:5:6  tag  unknown field; did you mean "tags"?`, "  hint: 字段名写错了吗？应为 tags"],
  },
  {
    name: "a field name in Chinese",
    file: frontMatter(["date: 2024-03-01 09:00", "district: 长安区", "标题: 测试文章"]),
    report: [
      `${PATH}:4:5  标题  unknown field; did you mean "title"?`,
      "  hint: 字段名写错了吗？应为 title",
      `${PATH}:5:1  title  is required: expected the headline as text`,
      "  hint: 标题不能为空；含数字或特殊符号时请加引号",
    ],
  },
  {
    name: "a duplicate key",
    file: frontMatter([...VALID, "title: 另一个标题"]),
    report: [`${PATH}:5:1  title  duplicate key "title": it is already set above`, "  hint: 同一个字段写了两次，请删掉其中一个"],
  },
  {
    name: "unclosed front matter",
    file: `---\n${VALID.join("\n")}\n\n正文第一段。\n`,
    report: [`${PATH}:1:1  front matter is not closed: no line of three dashes (---) after the fields`, "  hint: 字段写完后要单独一行写 --- 结束"],
  },
  {
    name: "---js front matter (never executed)",
    file: `---js\n{ title: (() => { require("fs").writeFileSync(${JSON.stringify(JS_MARKER)}, "ran"); return "x"; })() }\n---\n\n正文。\n`,
    report: [
      `${PATH}:1:4  "---js" front matter is not allowed; only YAML is read (and nothing is executed)`,
      "  hint: 第一行只写 ---，不要在后面加 js、json 等",
    ],
  },
  {
    name: "a __proto__ key",
    file: frontMatter([...VALID, "__proto__: { draft: true }"]),
    report: [
      `${PATH}:5:12  __proto__  unknown field`,
      "  hint: 不认识的字段，可用的字段有：title, subtitle, date, source, byline, district, tags, summary, editor, hot, draft, slug",
    ],
  },
  {
    name: "a file saved as GBK",
    // "title: 长安" with 长安 in GBK (B3 A4 B0 B2).
    file: Buffer.concat([Buffer.from("---\ntitle: "), Buffer.from([0xb3, 0xa4, 0xb0, 0xb2]), Buffer.from("\ndate: 2024-03-01 09:00\ndistrict: 长安区\n---\n\n正文。\n")]),
    report: [
      `${PATH}:2:8  the file is not valid UTF-8: byte 0xB3 cannot start or continue a character (it may be saved as GBK or GB2312)`,
      "  hint: 文件编码不是 UTF-8，请用编辑器“另存为 UTF-8”后再提交",
    ],
  },
  {
    name: 'a slug with ".."',
    file: frontMatter([...VALID, "slug: ../../etc"]),
    report: [`${PATH}:5:7  slug  slug contains ".." (parent folder)`, "  hint: 网址片段只能包含字母、数字和连字符 -"],
  },
  {
    name: 'a slug with "/"',
    file: frontMatter([...VALID, "slug: news/extra"]),
    report: [`${PATH}:5:7  slug  slug contains "/" or "\\" (folder separator)`, "  hint: 网址片段只能包含字母、数字和连字符 -"],
  },
  {
    name: "a slug with an invisible character",
    file: frontMatter([...VALID, "slug: chang\u200ban"]),
    report: [`${PATH}:5:7  slug  slug contains invisible character U+200B`, "  hint: 网址片段只能包含字母、数字和连字符 -"],
  },
];

export function jsFrontMatterRan(): boolean {
  return existsSync(JS_MARKER);
}
