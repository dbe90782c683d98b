// Read counts (阅读 5,953) from the analytics export editors commit: content/_data/views.json, an object
// mapping an article's URL path to its count, or content/_data/views.csv with `path` and `views` columns.
// A malformed file is an error naming file, line and column; a path that is no article of the site is a
// warning (exports often hold list pages or deleted articles), and the count is left out.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "./problems.ts";

export const VIEWS_JSON = "content/_data/views.json";
export const VIEWS_CSV = "content/_data/views.csv";

/** Unknown paths reported one by one; past this many, one warning counts the rest. */
const UNKNOWN_REPORTED = 10;

export interface ViewsResult {
  /** Article URL → read count. */
  views: Map<string, number>;
  problems: Problem[];
}

export interface ViewsContext {
  /** URLs of the site's articles: the paths a count may belong to. */
  knownUrls: ReadonlySet<string>;
  /** The site's base URL: absolute URLs on it are accepted and reduced to their path. */
  baseUrl: string;
}

/** Reads whichever views file the site has; no file means no counts, which is fine. */
export async function loadViews(root: string, context: ViewsContext): Promise<ViewsResult> {
  const [json, csv] = await Promise.all([readOptional(path.join(root, VIEWS_JSON)), readOptional(path.join(root, VIEWS_CSV))]);
  if (json !== undefined && csv !== undefined) {
    return {
      views: new Map(),
      problems: [
        {
          severity: "error",
          file: VIEWS_CSV,
          message: `both ${VIEWS_JSON} and ${VIEWS_CSV} exist; only one source of read counts is allowed`,
          hint: "阅读数文件只能有一个，请删除其中一个",
        },
      ],
    };
  }
  if (json !== undefined) return parseViewsJson(json, VIEWS_JSON, context);
  if (csv !== undefined) return parseViewsCsv(csv, VIEWS_CSV, context);
  return { views: new Map(), problems: [] };
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

interface Entry {
  path: string;
  count: number;
  line: number;
  column: number;
}

/** Parses views.json: `{ "/news/2020/02/slug/": 5953, … }`. */
export function parseViewsJson(text: string, file: string, context: ViewsContext): ViewsResult {
  const reader = new JsonReader(text.replace(/^\uFEFF/, ""), file);
  const entries = reader.readFlatObject();
  if (reader.problems.length > 0) return { views: new Map(), problems: reader.problems };
  return collect(entries, file, context, reader.problems);
}

/** Parses views.csv: a header row naming `path` and `views` (any order, other columns ignored), then rows. */
export function parseViewsCsv(text: string, file: string, context: ViewsContext): ViewsResult {
  const problems: Problem[] = [];
  const records = readCsv(text.replace(/^\uFEFF/, ""));
  const header = records.find((r) => !isBlank(r.fields));
  if (!header) return { views: new Map(), problems };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const pathColumn = names.indexOf("path");
  const viewsColumn = names.indexOf("views");
  if (pathColumn === -1 || viewsColumn === -1) {
    problems.push({
      severity: "error",
      file,
      line: header.line,
      message: `expected a header row with the columns path and views, received ${JSON.stringify(header.fields.join(","))}`,
      hint: "第一行应为列名 path,views（网址路径,阅读数）",
    });
    return { views: new Map(), problems };
  }
  const entries: Entry[] = [];
  for (const record of records) {
    if (record === header || isBlank(record.fields)) continue;
    const rawPath = record.fields[pathColumn];
    const rawCount = record.fields[viewsColumn];
    if (rawPath === undefined || rawCount === undefined) {
      problems.push({
        severity: "error",
        file,
        line: record.line,
        message: `expected ${names.length} columns as in the header, received ${record.fields.length}`,
        hint: "这一行的列数与第一行不一致；含逗号的内容请加英文双引号",
      });
      continue;
    }
    const digits = rawCount.trim().replace(/[,_\s]/g, "");
    if (!/^\d+$/.test(digits) || !Number.isSafeInteger(Number(digits))) {
      problems.push({
        severity: "error",
        file,
        line: record.line,
        field: "views",
        message: `expected a whole number of reads, received ${JSON.stringify(rawCount)}`,
        hint: "阅读数必须是不小于 0 的整数，例如 5953",
      });
      continue;
    }
    entries.push({ path: rawPath.trim(), count: Number(digits), line: record.line, column: 1 });
  }
  if (problems.length > 0) return { views: new Map(), problems };
  return collect(entries, file, context, problems);
}

/** Keys analytics tools write differently for one page all count for that page: full URLs on the site,
 *  query strings, a missing trailing slash, index.html. */
export function normalizeViewsPath(raw: string, baseUrl: string): string {
  let p = raw.trim();
  if (/^https?:\/\//i.test(p)) {
    try {
      const url = new URL(p);
      if (url.origin !== new URL(baseUrl).origin) return p;
      p = url.pathname;
    } catch {
      return p;
    }
  }
  p = p.replace(/[?#].*$/, "").replace(/\/index\.html?$/i, "/");
  if (p.startsWith("/") && !p.endsWith("/")) p += "/";
  return p;
}

function collect(entries: readonly Entry[], file: string, context: ViewsContext, problems: Problem[]): ViewsResult {
  const views = new Map<string, number>();
  let unknown = 0;
  for (const entry of entries) {
    const url = normalizeViewsPath(entry.path, context.baseUrl);
    if (!context.knownUrls.has(url)) {
      unknown++;
      if (unknown <= UNKNOWN_REPORTED) {
        problems.push({
          severity: "warning",
          file,
          line: entry.line,
          column: entry.column,
          message: `${JSON.stringify(entry.path)} is not the URL of any article; its count is ignored`,
          hint: "阅读数文件中的这个网址不是本站文章（可能已删除或写错），已忽略",
        });
      }
      continue;
    }
    // Several keys for one page (query strings, with and without the slash) add up.
    views.set(url, (views.get(url) ?? 0) + entry.count);
  }
  if (unknown > UNKNOWN_REPORTED) {
    problems.push({
      severity: "warning",
      file,
      message: `${unknown - UNKNOWN_REPORTED} more paths are not the URL of any article; their counts are ignored`,
      hint: "还有更多网址不是本站文章，已忽略",
    });
  }
  return { views, problems };
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === "");
}

interface CsvRecord {
  fields: string[];
  /** Line the record starts on. */
  line: number;
}

/** RFC 4180 records: commas, "quoted, fields" with "" for a quote, CRLF or LF line ends. */
function readCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      records.push({ fields, line: start });
      fields = [];
      field = "";
      line++;
      start = line;
    } else field += c;
  }
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    records.push({ fields, line: start });
  }
  return records;
}

/** A strict JSON reader for one flat object of numbers, keeping each key's line and column. */
class JsonReader {
  readonly problems: Problem[] = [];
  private i = 0;
  /** Offsets where each line starts, for line and column without rescanning the text. */
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }

  readFlatObject(): Entry[] {
    const entries: Entry[] = [];
    try {
      this.skipSpace();
      if (this.text[this.i] !== "{") this.fail("expected a JSON object mapping URL paths to read counts", "文件应为 { \"/news/2020/02/wen-zhang/\": 5953 } 这样的格式");
      this.i++;
      const seen = new Set<string>();
      this.skipSpace();
      if (this.text[this.i] === "}") this.i++;
      else {
        for (;;) {
          this.skipSpace();
          const at = this.position();
          const key = this.readString();
          this.skipSpace();
          this.expect(":");
          this.skipSpace();
          const valueAt = this.position();
          const value = this.readValue();
          if (seen.has(key)) {
            this.problems.push({ severity: "error", file: this.file, ...at, message: `${JSON.stringify(key)} appears twice`, hint: "同一个网址只能写一次" });
          }
          seen.add(key);
          if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
            this.problems.push({
              severity: "error",
              file: this.file,
              ...valueAt,
              field: key,
              message: `expected a whole number of reads, received ${describeJson(value)}`,
              hint: "阅读数必须是不小于 0 的整数，例如 5953（不要加引号）",
            });
          } else {
            entries.push({ path: key, count: value, ...at });
          }
          this.skipSpace();
          if (this.text[this.i] === ",") {
            this.i++;
            continue;
          }
          this.expect("}");
          break;
        }
      }
      this.skipSpace();
      if (this.i < this.text.length) this.fail("unexpected text after the closing }", "} 之后不能再有内容");
    } catch (error) {
      if (!(error instanceof JsonStop)) throw error;
    }
    return entries;
  }

  private position(): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= this.i) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: this.i - this.lineStarts[low]! + 1 };
  }

  private fail(message: string, hint: string): never {
    this.problems.push({ severity: "error", file: this.file, ...this.position(), message, hint });
    throw new JsonStop();
  }

  private describeHere(): string {
    return this.i >= this.text.length ? "the end of the file" : JSON.stringify(this.text.slice(this.i, this.i + 12));
  }

  private skipSpace(): void {
    while (this.i < this.text.length && " \t\r\n".includes(this.text[this.i]!)) this.i++;
  }

  private expect(char: string): void {
    if (this.text[this.i] !== char) this.fail(`expected "${char}", received ${this.describeHere()}`, "JSON 格式错误：请检查引号、冒号和逗号（最后一项后面不要加逗号）");
    this.i++;
  }

  private readString(): string {
    STRING.lastIndex = this.i;
    const match = STRING.exec(this.text);
    if (!match) this.fail(`expected a quoted string, received ${this.describeHere()}`, "网址要用英文双引号括起来，例如 \"/news/2020/02/wen-zhang/\"");
    this.i += match[0].length;
    return JSON.parse(match[0]) as string;
  }

  private readValue(): unknown {
    const c = this.text[this.i];
    if (c === '"') return this.readString();
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      this.i++;
      this.skipSpace();
      const items: unknown[] = [];
      if (this.text[this.i] === close) {
        this.i++;
        return c === "{" ? {} : items;
      }
      for (;;) {
        this.skipSpace();
        if (c === "{") {
          this.readString();
          this.skipSpace();
          this.expect(":");
          this.skipSpace();
        }
        items.push(this.readValue());
        this.skipSpace();
        if (this.text[this.i] === ",") {
          this.i++;
          continue;
        }
        this.expect(close);
        return c === "{" ? {} : items;
      }
    }
    LITERAL.lastIndex = this.i;
    const literal = LITERAL.exec(this.text);
    if (!literal) this.fail(`expected a number, received ${this.describeHere()}`, "阅读数必须是不小于 0 的整数，例如 5953");
    this.i += literal[0].length;
    return JSON.parse(literal[0]) as unknown;
  }
}

class JsonStop extends Error {}

const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

function describeJson(value: unknown): string {
  if (typeof value === "string") return `the text ${JSON.stringify(value)}`;
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return String(value);
}
