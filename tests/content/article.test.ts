import { describe, expect, it } from "vitest";
import { plainFrontMatter } from "../../src/content/article.ts";
import { decodeArticle, formatProblem, frontMatterSchema, parseArticle, parseSiteConfig, type SiteConfig } from "../../src/content/index.ts";
import { makeArticle, readSeed, SITE_YAML } from "../support/fixtures.ts";

const site = parseSiteConfig(SITE_YAML).config as SiteConfig;
const FILE = "content/news/2020-02-27-changan.md";

function errors(text: string, file = FILE): string[] {
  return parseArticle(text, file, site).problems.map(formatProblem);
}

describe("parseArticle: the content contract", () => {
  it("reads every field of the seed article", () => {
    const { article, problems } = parseArticle(readSeed(), FILE, site);
    expect(problems).toEqual([]);
    expect(article).toMatchObject({
      file: FILE,
      title: '长安人民的忠诚"卫"士',
      subtitle: "长安区卫生健康局党委疫情防控工作侧记",
      source: "长安区人民政府网站",
      byline: "特约记者 师展",
      district: { name: "长安区", slug: "changan" },
      tags: [
        { name: "疫情防控", slug: "yi-qing-fang-kong" },
        { name: "卫生健康", slug: "wei-sheng-jian-kang" },
      ],
      hot: false,
      draft: false,
      slug: "changan",
      url: "/news/2020/02/changan/",
      dateText: "2020-02-27 11:31",
      dateIso: "2020-02-27T11:31:00+08:00",
    });
    expect(article!.headings.map((h) => h.text)).toEqual([
      "雷霆出击,战斗堡垒坚不可催",
      "尽锐出战,先锋模范锐不可挡",
      "科学防控,创新方法措施有力",
      "人文关怀,党的力量凝聚人心",
    ]);
  });

  it("reads editor, hot, draft and an explicit slug", () => {
    const { article } = parseArticle(makeArticle({ editor: "李明", hot: true, draft: true, slug: "长安 卫士" }), FILE, site);
    expect(article).toMatchObject({ editor: "李明", hot: true, draft: true, slug: "chang-an-wei-shi", url: "/news/2020/02/chang-an-wei-shi/" });
  });

  it("derives the summary from the first paragraph when there is none", () => {
    const body = `## 小标题\n\n${"长".repeat(130)}\n\n第二段`;
    const { article } = parseArticle(makeArticle({}, body), FILE, site);
    expect(article!.summary).toBe(`${"长".repeat(120)}…`);
  });

  it("treats an empty optional value as absent", () => {
    const { article, problems } = parseArticle("---\ntitle: 标题\nsubtitle:\ndate: 2020-02-27\ndistrict: 长安区\n---\n正文", FILE, site);
    expect(problems).toEqual([]);
    expect(article!.subtitle).toBeUndefined();
  });

  it("folds tags that differ only in case or width", () => {
    const { article } = parseArticle(makeArticle({ tags: ["COVID", "ｃｏｖｉｄ", "Covid", "防控"] }), FILE, site);
    expect(article!.tags).toEqual([
      { name: "COVID", slug: "covid" },
      { name: "防控", slug: "fang-kong" },
    ]);
  });

  it("gives the same article for BOM and CRLF twins", () => {
    const plain = readSeed();
    const twin = `\uFEFF${plain.replace(/\n/g, "\r\n")}`;
    expect(parseArticle(twin, FILE, site)).toEqual(parseArticle(plain, FILE, site));
  });

  it("takes the URL's year and month from Beijing time", () => {
    const { article } = parseArticle(makeArticle({ date: "2020-03-01 00:30" }), "content/news/x.md", site);
    expect(article!.url).toBe("/news/2020/03/x/");
    const utc = parseArticle(makeArticle({ date: "2020-02-29T17:00:00Z" }), "content/news/x.md", site);
    expect(utc.article!.url).toBe("/news/2020/03/x/");
  });
});

describe("plainFrontMatter", () => {
  it("gives what the schema gives for every record the schema takes, and declines every other", () => {
    const full: Record<string, unknown> = {
      title: " 长安人民的忠诚卫士 ",
      subtitle: "侧记",
      date: "2020-02-27 11:31",
      source: " 长安区人民政府网站",
      byline: "特约记者 师展 ",
      district: "长安区",
      tags: ["疫情防控", " 卫生健康 "],
      summary: "摘要",
      editor: "刘敏",
      hot: true,
      draft: false,
      slug: " changan ",
    };
    const values: unknown[] = ["", "  ", " 文字 ", "2020", 0, 42, true, false, [], ["甲"], [" 乙 "], ["甲", " "], [1], [true], {}, { a: "b" }];
    const records: Record<string, unknown>[] = [full, { title: "标题", date: "2020-02-27 11:31", district: "长安区" }, { ...full, 标题: "多余" }];
    for (const field of Object.keys(full)) {
      const { [field]: _, ...without } = full;
      records.push(without);
      for (const value of values) records.push({ ...full, [field]: value });
    }
    let taken = 0;
    for (const record of records) {
      const fast = plainFrontMatter({ ...record });
      const checked = frontMatterSchema.safeParse({ ...record });
      expect(fast !== undefined, JSON.stringify(record)).toBe(checked.success);
      if (fast) {
        expect(fast).toStrictEqual(checked.data);
        taken++;
      }
    }
    // The bare and the full record, and among the variants those of optional or free-form text.
    expect(taken).toBeGreaterThan(40);
    expect(plainFrontMatter({ ...full })).toMatchObject({ title: "长安人民的忠诚卫士", tags: ["疫情防控", "卫生健康"], slug: "changan" });
  });
});

describe("parseArticle: one shape", () => {
  it("gives every article the same fields in the same order, those not given undefined", () => {
    const full = parseArticle(readSeed(), FILE, site).article!;
    const bare = parseArticle(makeArticle({ title: "标题" }), "content/news/2020-03-01-bare.md", site).article!;
    expect(bare.subtitle).toBeUndefined();
    expect(bare.editor).toBeUndefined();
    expect(Object.keys(bare)).toEqual(Object.keys(full));
  });
});

describe("parseArticle: rejected input", () => {
  it.each([
    [
      "a missing title",
      "---\ndate: 2020-02-27\ndistrict: 长安区\n---\n",
      [`${FILE}:4:1  title  is required: expected the headline as text\n  hint: 标题不能为空；含数字或特殊符号时请加引号`],
    ],
    [
      "an unknown field, with did-you-mean",
      "---\ntitle: 标题\ndate: 2020-02-27\ndistrict: 长安区\nsumary: 摘要\n---\n",
      [`${FILE}:5:9  sumary  unknown field; did you mean "summary"?\n  hint: 字段名写错了吗？应为 summary`],
    ],
    [
      "a title written as a number",
      "---\ntitle: 2020\ndate: 2020-02-27\ndistrict: 长安区\n---\n",
      [`${FILE}:2:8  title  expected the headline as text, received number 2020\n  hint: 这个值被读成了数字，请加引号：title: "2020"`],
    ],
    [
      "a number YAML reads differently from how it was written",
      "---\ntitle: 0123\ndate: 2020-02-27\ndistrict: 长安区\n---\n",
      [`${FILE}:2:8  title  expected the headline as text, received number 123 (written 0123)\n  hint: 这个值被读成了数字，请加引号：title: "0123"`],
    ],
    [
      "an impossible date",
      "---\ntitle: 标题\ndate: 2024-02-30 10:00\ndistrict: 长安区\n---\n",
      [`${FILE}:3:7  date  expected a date that exists: 2024-02 has no day 30 (it has 29), received "2024-02-30 10:00"\n  hint: 日期不存在，请检查年月日与时分`],
    ],
    [
      "a slug with a folder separator",
      "---\ntitle: 标题\ndate: 2020-02-27\ndistrict: 长安区\nslug: ../../etc\n---\n",
      [`${FILE}:5:7  slug  slug contains ".." (parent folder)\n  hint: 网址片段只能包含字母、数字和连字符 -`],
    ],
  ])("reports %s", (_, text, expected) => {
    expect(errors(text)).toEqual(expected);
  });

  it("never makes an empty slug", () => {
    expect(errors("---\ntitle: '!!!'\ndate: 2020-02-27\ndistrict: 长安区\n---\n", "content/news/2020-02-27.md")).toEqual([
      "content/news/2020-02-27.md  no URL slug can be made from the file name or title\n  hint: 请在文件名中使用汉字、字母或数字，或者写 slug 字段",
    ]);
  });
});

describe("decodeArticle", () => {
  const strict = new TextDecoder("utf-8", { fatal: true });

  it("gives the text a strict UTF-8 decoder gives, byte order mark dropped", () => {
    const texts = ["", "---\ntitle: a\n---\n", "长安区卫生健康局：全力做好疫情防控", "\ufeff---\ntitle: 标题\n", "𠀀𪚥 and 🧧, four bytes each", "\u0000\u007f\u0080\u07ff\u0800\uffff"];
    for (const text of texts) {
      const bytes = new TextEncoder().encode(text);
      expect(decodeArticle(bytes, "a.md")).toEqual({ text: strict.decode(bytes), problems: [] });
    }
  });

  it("refuses what a strict UTF-8 decoder refuses, saying where", () => {
    const bad = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe4, 0xb8], [0x80], [0xf5, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xb3, 0xa4, 0xb0, 0xb2]];
    for (const tail of bad) {
      const bytes = Uint8Array.from([...new TextEncoder().encode("---\ntitle: 长安\n"), ...tail]);
      expect(() => strict.decode(bytes)).toThrow();
      const { text, problems } = decodeArticle(bytes, "a.md");
      expect(text).toBeUndefined();
      expect(problems.map(formatProblem)[0]).toMatch(/^a\.md:3:1 +the file is not valid UTF-8/);
    }
  });
});
