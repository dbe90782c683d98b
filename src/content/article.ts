// One article: front matter split off (gray-matter, with our strict YAML reader and no code execution),
// validated against the content contract, its body rendered under the Markdown policy, and its URL derived.
import { isUtf8, transcode } from "node:buffer";
import matter from "gray-matter";
import { z } from "zod";
import { DATE_FORMS, formatDisplay, formatIso, parseDate, toZonedTime } from "./dates.ts";
import { renderMarkdown, type Heading } from "./markdown.ts";
import { describeValue, suggestClosest, type Problem } from "./problems.ts";
import type { District, SiteConfig } from "./site-config.ts";
import { findUnsafeSlugCharacter, slugFromFileName, slugify } from "./slugs.ts";
import { tagKey } from "./taxonomies.ts";
import { validateRecord, type FieldHelp } from "./validation.ts";
import { readYamlRecord } from "./yaml.ts";

/** The content contract: every front-matter field an article may have. Unknown fields are errors. */
export const frontMatterSchema = z.strictObject({
  /** Headline. */
  title: z.string().trim().min(1),
  /** Shown after a dash under the title. */
  subtitle: z.string().trim().optional(),
  /** Publication time; parsed in the site's time zone (see dates.ts). */
  date: z.string(),
  /** 来源. */
  source: z.string().trim().optional(),
  /** Rendered in parentheses before the body: (特约记者 师展). */
  byline: z.string().trim().optional(),
  /** One of the site's districts, by name. */
  district: z.string().trim().min(1),
  /** Free tags; case and width variants fold together. */
  tags: z.array(z.string().trim().min(1)).default([]),
  /** Used in lists, the meta description and feeds; the first paragraph when absent. */
  summary: z.string().trim().optional(),
  /** 责任编辑. */
  editor: z.string().trim().optional(),
  /** Editor pin for the 全站热点 list. */
  hot: z.boolean().default(false),
  /** Drafts are never published; `build --drafts` previews them. */
  draft: z.boolean().default(false),
  /** URL segment override; transliterated and checked like file names. */
  slug: z.string().trim().min(1).optional(),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;
export const FRONT_MATTER_FIELDS = Object.keys(frontMatterSchema.shape);
const KNOWN_FIELDS = new Set(FRONT_MATTER_FIELDS);

/**
 * What the schema makes of a record it takes as it is (every field known and of its type, no required
 * text blank), worked out directly; undefined for any other record, which the schema then checks and
 * reports on. On 5,000 front matters of the bench corpus, the schema took 6.9–8.9 µs a record on a first
 * pass (as each parsing thread makes one) and 2.0–3.5 µs warmed; this 1.5–1.6 µs and 0.6–1.3 µs
 * (tests/content/article.test.ts holds the two to the same results).
 */
export function plainFrontMatter(data: Record<string, unknown>): FrontMatter | undefined {
  for (const key in data) if (!KNOWN_FIELDS.has(key)) return undefined;
  const title = data.title, date = data.date, district = data.district, tags = data.tags, hot = data.hot, draft = data.draft;
  if (typeof title !== "string" || typeof date !== "string" || typeof district !== "string") return undefined;
  const fm: FrontMatter = { title: title.trim(), date, district: district.trim(), tags: [], hot: hot === true, draft: draft === true };
  if (fm.title === "" || fm.district === "") return undefined;
  if ((hot !== undefined && typeof hot !== "boolean") || (draft !== undefined && typeof draft !== "boolean")) return undefined;
  if (tags !== undefined) {
    if (!Array.isArray(tags)) return undefined;
    for (const tag of tags) {
      const trimmed = typeof tag === "string" ? tag.trim() : "";
      if (trimmed === "") return undefined;
      fm.tags.push(trimmed);
    }
  }
  for (const field of OPTIONAL_TEXT) {
    const value = data[field];
    if (value === undefined) continue;
    if (typeof value !== "string") return undefined;
    fm[field] = value.trim();
  }
  return fm.slug === "" ? undefined : fm;
}

const OPTIONAL_TEXT = ["subtitle", "source", "byline", "summary", "editor", "slug"] as const;

const help: Record<string, FieldHelp> = {
  title: { expected: "the headline as text", hint: "标题不能为空；含数字或特殊符号时请加引号", aliases: ["标题", "题目"] },
  subtitle: { expected: "text", hint: "副标题是文字；含数字或特殊符号时请加引号", aliases: ["副标题"] },
  date: { expected: DATE_FORMS, hint: "日期请写成 2020-02-27 11:31 这样的格式（北京时间）", aliases: ["日期", "时间", "发布时间"] },
  source: { expected: "text", hint: "来源，例如 长安区人民政府网站", aliases: ["来源"] },
  byline: { expected: "text", hint: "作者，例如 特约记者 师展", aliases: ["作者", "记者", "author"] },
  district: { expected: "a district name from content/site.yaml", hint: "请填写区县名称，例如 长安区", aliases: ["区县", "地区", "区域"] },
  tags: { expected: "a list of text, e.g. [疫情防控, 卫生健康]", hint: "标签请写成 [标签一, 标签二]", aliases: ["标签", "关键词", "keywords"] },
  "tags.*": { expected: "text", hint: "每个标签都是文字；纯数字的标签请加引号" },
  summary: { expected: "text", hint: "摘要是文字；含特殊符号时请加引号", aliases: ["摘要", "简介", "description"] },
  editor: { expected: "text", hint: "责任编辑姓名", aliases: ["编辑", "责任编辑"] },
  hot: { expected: "true or false", hint: "请写 true 或 false（不要写 yes/no/是/否）", aliases: ["热点"] },
  draft: { expected: "true or false", hint: "请写 true 或 false（不要写 yes/no/是/否）", aliases: ["草稿"] },
  slug: { expected: "text", hint: "网址片段，例如 changan-weisheng", aliases: ["网址"] },
};

export interface Term {
  /** As written, NFKC-folded (full-width letters and digits made ASCII). */
  name: string;
  /** The tag's own pinyin slug: slugify of the tag as written, the same as of `name` (taxonomies.ts takes it
   *  for its key when `name` is spelled as the key). Its published page is the site's tag index entry
   *  (taxonomies.ts), which also folds case variants and numbers homophone tags apart (/tags/gong-shi-2/). */
  slug: string;
}

export interface Article {
  /** Source file, relative to the site root. */
  file: string;
  title: string;
  subtitle?: string;
  source?: string;
  byline?: string;
  editor?: string;
  /** The editor's summary, or the start of the first paragraph. */
  summary: string;
  district: District;
  tags: Term[];
  hot: boolean;
  draft: boolean;
  slug: string;
  /** Site-relative URL: /news/2020/02/<slug>/. */
  url: string;
  date: Date;
  /** "2020-02-27 11:31" in the site's zone. */
  dateText: string;
  /** "2020-02-27T11:31:00+08:00". */
  dateIso: string;
  headings: Heading[];
  /** Body HTML produced by the Markdown policy: the only unescaped string on a page. */
  html: string;
}

/** What a link to an article shows (lists of related, neighbouring and hot articles). */
export type ArticleLink = Pick<Article, "url" | "title" | "dateIso" | "dateText">;

export interface ParsedArticle {
  article?: Article;
  problems: Problem[];
}

const SUMMARY_LENGTH = 120;

/** Decodes file bytes as UTF-8, refusing anything else (GBK files would otherwise publish as mojibake). */
export function decodeArticle(bytes: Uint8Array, file: string): { text?: string; problems: Problem[] } {
  if (isUtf8(bytes)) {
    // Checked, then converted by ICU to UTF-16, which the string copies: the bench corpus's 10,000 files
    // took 32–36 ms this way, 95–100 ms through TextDecoder (V8's UTF-8 decoder is slow on Chinese text).
    // A byte order mark is dropped, as TextDecoder drops it.
    const text = transcode(bytes, "utf8", "utf16le").toString("utf16le");
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, problems: [] };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), problems: [] };
  } catch {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const at = findInvalidUtf8(bytes);
    const byte = bytes[at.offset]!.toString(16).toUpperCase().padStart(2, "0");
    return {
      problems: [
        {
          severity: "error",
          file,
          line: at.line,
          column: at.column,
          message: utf16
            ? "the file is saved as UTF-16, not UTF-8"
            : `the file is not valid UTF-8: byte 0x${byte} cannot start or continue a character (it may be saved as GBK or GB2312)`,
          hint: "文件编码不是 UTF-8，请用编辑器“另存为 UTF-8”后再提交",
        },
      ],
    };
  }
}

/** Where the first byte that is not part of a valid UTF-8 sequence sits (line and column in characters). */
function findInvalidUtf8(bytes: Uint8Array): { offset: number; line: number; column: number } {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) break;
    const sequence = bytes.subarray(i, i + length);
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(sequence);
    } catch {
      break;
    }
    i += length;
  }
  const lineStart = bytes.lastIndexOf(0x0a, i - 1) + 1;
  const line = bytes.subarray(0, lineStart).filter((b) => b === 0x0a).length + 1;
  const before = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, i)).replace(/^\uFEFF/, "");
  return { offset: Math.min(i, bytes.length - 1), line, column: Array.from(before).length + 1 };
}

/** Parses one article's text. `file` is the path relative to the site root, used in messages. */
export function parseArticle(rawText: string, file: string, site: SiteConfig): ParsedArticle {
  // A BOM and CRLF line endings give exactly the same article as their plain twins.
  const unmarked = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const text = unmarked.includes("\r") ? unmarked.replace(/\r\n?/g, "\n") : unmarked;
  const problems: Problem[] = [];
  const error = (message: string, hint: string, extra: Partial<Problem> = {}): ParsedArticle => ({
    problems: [...problems, { severity: "error", file, message, hint, ...extra }],
  });

  const opening = /^---([^\n]*)\n/.exec(text);
  if (!opening) return error("front matter is missing: the file must start with a line of three dashes (---)", "文件第一行必须是 ---，然后写标题、日期等字段，再以 --- 结束", { line: 1, column: 1 });
  const language = opening[1]!.trim();
  if (language !== "" && language !== "yaml") {
    return error(`"---${language}" front matter is not allowed; only YAML is read (and nothing is executed)`, "第一行只写 ---，不要在后面加 js、json 等", { line: 1, column: 4 });
  }
  const closing = /\n---[ \t]*(?:\n|$)/g;
  closing.lastIndex = opening[0].length - 1;
  const close = closing.exec(text);
  if (!close) {
    return error("front matter is not closed: no line of three dashes (---) after the fields", "字段写完后要单独一行写 --- 结束", { line: 1, column: 1 });
  }

  // gray-matter splits the front matter off; the YAML itself goes through our strict reader, never its
  // engines. It is given the lines up to the closing --- only (it copies and hashes what it is given): it
  // splits at the first line starting with ---, which is never after that one, so the split is the same.
  const headEnd = close.index + close[0].length;
  const split = matter(text.slice(0, headEnd), { engines: { yaml: () => ({}) }, language: "yaml" });
  const afterMatter = split.content + text.slice(headEnd);
  const frontMatterText = split.matter.replace(/^\n/, "");
  const body = afterMatter.replace(/^\n/, "");
  const bodyStartLine = text.slice(0, text.length - afterMatter.length).split("\n").length + (afterMatter.startsWith("\n") ? 1 : 0);

  const yaml = readYamlRecord(frontMatterText, file, 1);
  problems.push(...yaml.problems);
  if (!yaml.data) return { problems };

  // An empty value ("subtitle:") means the field is absent; a required one is reported as empty.
  yaml.empty = new Set();
  for (const [key, value] of Object.entries(yaml.data)) {
    if (value === null) {
      delete yaml.data[key];
      yaml.empty.add(key);
    }
  }
  // A missing field is reported at the closing ---, where it would be added.
  const closingLine = text.slice(0, close.index).split("\n").length + 1;
  yaml.positions.set("", { line: closingLine, column: 1 });

  const plain = plainFrontMatter(yaml.data);
  const validated = plain ? { value: plain, problems: [] } : validateRecord(frontMatterSchema, yaml.data, yaml, file, help);
  problems.push(...validated.problems);
  const fm = validated.value;
  const at = (field: string) => ({ field, ...yaml.positions.get(field) });

  // Fields that validated can be checked further even when others failed, so one run reports all.
  const raw = yaml.data;
  let instant: Date | undefined;
  if (typeof raw.date === "string") {
    const parsed = parseDate(raw.date, site.timeZone);
    if (parsed.ok) instant = parsed.instant;
    else problems.push({ severity: "error", file, ...at("date"), message: `expected ${parsed.expected}, received ${describeValue(raw.date)}`, hint: parsed.hint });
  }

  let district: District | undefined;
  if (typeof raw.district === "string" && raw.district.trim() !== "") {
    const name = raw.district.trim();
    district = site.districts.find((d) => d.name === name);
    if (!district) {
      const names = site.districts.map((d) => d.name);
      const suggestion = suggestClosest(name, names) ?? names.find((n) => n.startsWith(name) || name.startsWith(n));
      problems.push({
        severity: "error",
        file,
        ...at("district"),
        message: `unknown district ${describeValue(name)}${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
        hint: suggestion ? `区县名称应为 ${suggestion}` : `可选的区县：${names.join("、")}`,
      });
    }
  }

  let slug: string | undefined;
  if (typeof raw.slug === "string") {
    const unsafe = findUnsafeSlugCharacter(raw.slug);
    if (unsafe) {
      problems.push({ severity: "error", file, ...at("slug"), message: `slug contains ${unsafe}`, hint: "网址片段只能包含字母、数字和连字符 -" });
    } else {
      slug = slugify(raw.slug);
      if (!slug) problems.push({ severity: "error", file, ...at("slug"), message: `slug ${describeValue(raw.slug)} has no letters or digits to use`, hint: "网址片段只能包含字母、数字和连字符 -" });
    }
  } else {
    const fileName = file.slice(file.lastIndexOf("/") + 1);
    slug = slugFromFileName(fileName) || (typeof raw.title === "string" ? slugify(raw.title) : "");
    if (!slug) problems.push({ severity: "error", file, message: "no URL slug can be made from the file name or title", hint: "请在文件名中使用汉字、字母或数字，或者写 slug 字段" });
  }

  const tags: Term[] = [];
  if (fm) {
    fm.tags.forEach((name, i) => {
      const tagSlug = slugify(name);
      if (!tagSlug) {
        problems.push({ severity: "error", file, ...at(`tags.${i}`), field: "tags", message: `tag ${describeValue(name)} has no letters or digits to use in a URL`, hint: "标签需要包含汉字、字母或数字" });
      } else if (!tags.some((t) => tagKey(t.name) === tagKey(name))) {
        tags.push({ name: name.normalize("NFKC"), slug: tagSlug });
      }
    });
  }

  if (problems.some((p) => p.severity === "error") || !fm || !instant || !district || !slug) return { problems };

  const rendered = renderMarkdown(body);
  if (body.trim() === "") {
    problems.push({ severity: "warning", file, line: bodyStartLine, message: "the article has no body text", hint: "正文为空：请在第二个 --- 下面写正文" });
  }
  for (const w of rendered.warnings) {
    problems.push({ severity: "warning", file, line: bodyStartLine + w.line - 1, message: w.message, hint: w.hint });
  }
  const zoned = toZonedTime(instant, site.timeZone);
  const month = String(zoned.month).padStart(2, "0");
  // Every article has every field, those not given undefined: one shape (V8's hidden class) for all, so
  // the code that reads articles on every thread stays monomorphic (four shapes in the bench corpus made
  // the page templates and keys deoptimise and be compiled again in each page worker).
  const article: Article = {
    file,
    title: fm.title,
    subtitle: fm.subtitle || undefined,
    source: fm.source || undefined,
    byline: fm.byline || undefined,
    editor: fm.editor || undefined,
    summary: fm.summary || truncate(rendered.lead, SUMMARY_LENGTH),
    district,
    tags,
    hot: fm.hot,
    draft: fm.draft,
    slug,
    url: `/news/${zoned.year}/${month}/${slug}/`,
    date: instant,
    dateText: formatDisplay(zoned),
    dateIso: formatIso(zoned),
    headings: rendered.headings,
    // Last, where an article revived from the parse cache has it (as a getter until first read).
    html: rendered.html,
  };
  return { article, problems };
}

function truncate(text: string, length: number): string {
  const chars = Array.from(text);
  return chars.length <= length ? text : `${chars.slice(0, length).join("")}…`;
}
