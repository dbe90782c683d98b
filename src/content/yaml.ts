// A strict YAML reader for front matter and the site configuration. It keeps the line and column of every
// value, and refuses the YAML features that silently change what an editor meant: comments that cut a
// value short, anchors and aliases, custom tags, duplicate keys, full-width colons and spaces.
import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Node, Scalar } from "yaml";
import type { Problem } from "./problems.ts";

export interface Position {
  line: number;
  column: number;
}

/** Where each value was written (key "title", "districts.2.slug", …) and how, for error messages. */
export interface YamlSource {
  positions: Map<string, Position>;
  /** The scalar exactly as written, before YAML resolved it ("0123" for the number 123). */
  written: Map<string, string>;
  /** Keys written with no value (`title:`), which callers treat as absent but report as empty. */
  empty?: Set<string>;
}

export interface YamlRecord extends YamlSource {
  /** The top-level mapping, with a null prototype; undefined when the text is not a mapping. */
  data: Record<string, unknown> | undefined;
  problems: Problem[];
}

const FULL_WIDTH_COLON = "：";
const FULL_WIDTH_SPACE = "\u3000";

/**
 * Reads YAML that must be a mapping of keys to values. `lineOffset` is the number of lines in the file
 * before the YAML text (1 for front matter after its opening `---`), so reported lines are the file's.
 */
export function readYamlRecord(text: string, file: string, lineOffset = 0): YamlRecord {
  return readPlainRecord(text, lineOffset) ?? readYamlDocument(text, file, lineOffset);
}

// Most front matter is one `key: value` per line with plain text, `true`/`false` or a flow list of plain
// words. Such text is read here directly, giving exactly what the YAML library gives (tested on many
// inputs, tests/content/yaml-plain.test.ts) at a fraction of its cost; anything else, including every
// text that could hold a problem, goes through the library.
const PLAIN_LINE = /^([A-Za-z_][A-Za-z0-9_-]*): (.+)$/;
// The YAML 1.2 core schema's non-string plain scalars: null, booleans other than true/false, numbers.
const CORE_NOT_TEXT = [
  /^(?:~|[Nn]ull|NULL)$/,
  /^(?:True|TRUE|False|FALSE)$/,
  /^[-+]?[0-9]+$/,
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
// What every scalar of CORE_NOT_TEXT starts with: other values need not be tried against each pattern.
const MAYBE_NOT_TEXT = /^[~nNtTfF0-9+.-]/;
// Characters that make a value anything but plain text when they start it, or anywhere in it.
const INDICATOR_FIRST = /^[-?:,[\]{}#&*!|>'"%@`]/;
const UNSAFE_ANYWHERE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\u3000\uff1a]|: | #|:$/;
const UNSAFE_IN_LIST_ITEM = /[,[\]{}#:]/;

function isPlainText(value: string): boolean {
  return (
    value.trim() === value &&
    value !== "" &&
    !INDICATOR_FIRST.test(value) &&
    !UNSAFE_ANYWHERE.test(value) &&
    !(MAYBE_NOT_TEXT.test(value) && CORE_NOT_TEXT.some((pattern) => pattern.test(value)))
  );
}

/** The shortcut alone: the record, or undefined when the text needs the library. */
export function readPlainRecord(text: string, lineOffset: number): YamlRecord | undefined {
  const lines = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
  if (lines.length === 0 || (lines.length === 1 && lines[0] === "")) return undefined;
  // Keys and values are collected first and put into the record at the end: storing into the record (a
  // dictionary, having no prototype) in this loop kept resetting V8's count of the function's calls, so
  // that it was never optimised and took 25-29 µs a front matter of the bench corpus instead of 7-10 µs.
  const keys: string[] = [];
  const values: unknown[] = [];
  const positions = new Map<string, Position>();
  const written = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const match = PLAIN_LINE.exec(lines[i]!);
    if (!match) return undefined;
    const key = match[1]!;
    const value = match[2]!;
    // A key YAML reads as null or a boolean, or one given twice, is for the library to report.
    if (positions.has(key) || /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(key)) return undefined;
    const line = i + 1 + lineOffset;
    const column = key.length + 3;
    if (value === "true" || value === "false") {
      values.push(value === "true");
      written.set(key, value);
    } else if (value.startsWith("[") && value.endsWith("]")) {
      const inner = value.slice(1, -1);
      const items: string[] = [];
      if (inner.trim() !== "") {
        let offset = 1;
        for (const part of inner.split(",")) {
          const item = part.trim();
          if (!isPlainText(item) || UNSAFE_IN_LIST_ITEM.test(item) || item === "true" || item === "false" || /\s\s|\t/.test(part)) return undefined;
          const itemColumn = column + offset + part.indexOf(item);
          positions.set(`${key}.${items.length}`, { line, column: itemColumn });
          written.set(`${key}.${items.length}`, item);
          items.push(item);
          offset += part.length + 1;
        }
      } else if (inner !== "") {
        return undefined;
      }
      values.push(items);
    } else if (isPlainText(value)) {
      values.push(value);
      written.set(key, value);
    } else {
      return undefined;
    }
    keys.push(key);
    positions.set(key, { line, column });
  }
  const data = Object.create(null) as Record<string, unknown>;
  for (let k = 0; k < keys.length; k++) data[keys[k]!] = values[k];
  return { data, positions, written, problems: [] };
}

/** The YAML library's reading of any mapping, with every check (see readYamlRecord). */
export function readYamlDocument(text: string, file: string, lineOffset = 0): YamlRecord {
  const lineCounter = new LineCounter();
  const positions = new Map<string, Position>();
  const written = new Map<string, string>();
  const problems: Problem[] = [];
  const at = (offset: number): Position => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + lineOffset, column: pos.col };
  };
  const problem = (pos: Position | undefined, message: string, hint?: string, field?: string): void => {
    problems.push({ severity: "error", file, ...pos, ...(field ? { field } : {}), message, ...(hint ? { hint } : {}) });
  };

  const characterProblems = findFullWidthPunctuation(text, lineOffset);
  for (const p of characterProblems) problems.push({ ...p, file });

  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    schema: "core",
    merge: false,
    strict: true,
  });
  for (const error of doc.errors) {
    const pos = at(error.pos[0]);
    // A full-width character already explains this line; one message is clearer than two.
    if (characterProblems.some((p) => p.line === pos.line)) continue;
    if (error.code === "DUPLICATE_KEY") {
      const key = keyAt(text, error.pos[0]);
      problem(pos, `duplicate key${key ? ` "${key}"` : ""}: it is already set above`, "同一个字段写了两次，请删掉其中一个", key);
    } else {
      problem(pos, `invalid YAML: ${firstLine(error.message)}`, yamlHint(text, pos.line - lineOffset));
    }
  }
  if (problems.length > 0) return { data: undefined, positions, written, problems };

  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ""))) {
    return { data: Object.create(null) as Record<string, unknown>, positions, written, problems };
  }
  if (!isMap(contents)) {
    const pos = contents.range ? at(contents.range[0]) : undefined;
    const received = isSeq(contents) ? "a list" : `text ${JSON.stringify(text.slice(contents.range?.[0] ?? 0, contents.range?.[1] ?? 0).split("\n")[0])}`;
    problem(pos, `expected key: value pairs (field: value), received ${received}`, "每行写成“字段: 值”，冒号是半角并且后面有一个空格");
    return { data: undefined, positions, written, problems };
  }

  const convert = (node: unknown, path: string): unknown => {
    if (node === null || node === undefined) return null;
    const n = node as Node;
    const pos = n.range ? at(n.range[0]) : undefined;
    if (pos && path) positions.set(path, pos);
    if (isAlias(n)) {
      problem(pos, `alias "*${n.source}" is not allowed`, "不要使用 * 引用，请直接写出内容；以 * 开头的文字请加引号", path);
      return null;
    }
    if ((n as Scalar).anchor) {
      const anchor = (n as Scalar).anchor!;
      // The node starts after its anchor; point at the "&" the editor typed.
      const amp = n.range ? text.lastIndexOf(`&${anchor}`, n.range[0]) : -1;
      problem(amp >= 0 ? at(amp) : pos, `"&${anchor}" was read as a YAML anchor and dropped from the value`, `以 & 开头的内容请加引号，例如 "&${anchor} …"`, path);
    }
    if (n.tag && !n.tag.startsWith("tag:yaml.org,2002:")) {
      problem(pos, `custom YAML tag "${n.tag}" is not allowed`, "请去掉以 ! 开头的标记", path);
    }
    if (isScalar(n)) {
      if (typeof n.source === "string") written.set(path, n.source);
      if (n.comment && n.type === Scalar.PLAIN && typeof n.value === "string") {
        problem(
          pos,
          `the value was cut short at " #": YAML read "#${n.comment}" as a comment`,
          `值里有“ #”时请给整个值加引号，例如 "${n.value} #${n.comment}"`,
          path,
        );
      }
      return n.value;
    }
    if (isSeq(n)) return n.items.map((item, i) => convert(item, `${path}.${i}`));
    if (isMap(n)) {
      const out = Object.create(null) as Record<string, unknown>;
      for (const pair of n.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
        const keyPos = keyNode?.range ? at(keyNode.range[0]) : pos;
        if (key === undefined || !isScalar(keyNode) || typeof keyNode.value !== "string") {
          problem(keyPos, "keys must be plain names", "字段名请写成英文字母，例如 title");
          continue;
        }
        const childPath = path ? `${path}.${key}` : key;
        if (keyPos) positions.set(childPath, keyPos);
        out[key] = convert(pair.value, childPath);
        // Point at the key when the value is empty, since there is nothing else to point at.
        if (pair.value === null && keyPos) positions.set(childPath, keyPos);
      }
      return out;
    }
    return null;
  };

  const data = convert(contents, "") as Record<string, unknown>;
  return { data, positions, written, problems };
}

/** Full-width colons and spaces where YAML syntax needs half-width ones: a common slip with Chinese input. */
function findFullWidthPunctuation(text: string, lineOffset: number): Omit<Problem, "file">[] {
  const found: Omit<Problem, "file">[] = [];
  const lines = text.split("\n");
  lines.forEach((line, index) => {
    const lineNumber = index + 1 + lineOffset;
    const colon = line.indexOf(":");
    const fullColon = line.indexOf(FULL_WIDTH_COLON);
    // An English field name at any indent, or any word at the start of a line (标题：…), where only a key
    // can stand; indented Chinese text may be the continuation of a value.
    const keyLike = /^\s*[A-Za-z_][\w-]*\s*$|^[\p{L}_][\p{L}\p{N}_-]*\s*$/u;
    if (fullColon >= 0 && (colon < 0 || fullColon < colon) && keyLike.test(line.slice(0, fullColon))) {
      found.push({
        severity: "error",
        line: lineNumber,
        column: fullColon + 1,
        field: line.slice(0, fullColon).trim(),
        message: `full-width colon "：" after the field name; YAML needs ":" followed by a space`,
        hint: "检测到全角冒号“：”，请改成半角冒号“:”并在后面加一个空格",
      });
      return;
    }
    const space = line.indexOf(FULL_WIDTH_SPACE);
    const prefix = space >= 0 ? line.slice(0, space) : "";
    const inSyntax = /^\s*$/.test(prefix) || /^\s*[A-Za-z_][\w-]*:\s*$/.test(prefix) || /^\s*-\s*$/.test(prefix);
    if (space >= 0 && inSyntax) {
      const field = /^\s*([A-Za-z_][\w-]*):/.exec(line)?.[1];
      found.push({
        severity: "error",
        line: lineNumber,
        column: space + 1,
        ...(field ? { field } : {}),
        message: 'full-width space "\u3000" where YAML needs a plain space',
        hint: "检测到全角空格，请改成半角空格",
      });
    }
  });
  return found;
}

function yamlHint(text: string, line: number): string {
  const source = text.split("\n")[line - 1] ?? "";
  if (/^\s*[A-Za-z_][\w-]*:\S/.test(source)) return "冒号后面要加一个空格，例如 title: 标题";
  if (/^\s*[A-Za-z_][\w-]*:\s*["'].*["'].+/.test(source)) return "引号里的内容之后不能再有文字；请把整个值放进一对引号里";
  return "请检查这一行的格式：每行“字段: 值”，含特殊符号的值请加引号";
}

function keyAt(text: string, offset: number): string | undefined {
  return /^([A-Za-z_][\w-]*)\s*:/.exec(text.slice(offset))?.[1];
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}
