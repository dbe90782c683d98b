// Turns zod validation issues into problems editors can act on: the field, what was expected, what was
// received (as written in the file), where, and a hint. Raw zod messages never reach editors.
import type { z } from "zod";
import { describeValue, suggestClosest, type Problem } from "./problems.ts";
import type { YamlSource } from "./yaml.ts";

export interface FieldHelp {
  /** What the field expects, in words ("text", "true or false"). */
  expected: string;
  /** A hint for the editor. */
  hint: string;
  /** Names editors write by mistake for this field (标题 for title), suggested when they appear. */
  aliases?: readonly string[];
}

/**
 * Validates `data` against `schema`. Unknown keys are reported with the closest known one; every other
 * issue is reported with the field's help text. Returns the parsed value only when there is no problem.
 */
export function validateRecord<S extends z.ZodType>(
  schema: S,
  data: Record<string, unknown>,
  source: YamlSource,
  file: string,
  help: Record<string, FieldHelp>,
): { value: z.output<S> | undefined; problems: Problem[] } {
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, problems: [] };
  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    const basePath = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = basePath ? `${basePath}.${key}` : key;
        const siblings = Object.keys(help).filter((k) => parentOf(k) === basePath);
        const parentHelp = siblings.map(lastSegment);
        const alias = siblings.find((k) => help[k]!.aliases?.includes(key.trim()));
        const suggestion = alias ? lastSegment(alias) : suggestClosest(key, parentHelp);
        problems.push({
          severity: "error",
          file,
          ...source.positions.get(path),
          field: path,
          message: `unknown field${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
          hint: suggestion
            ? `字段名写错了吗？应为 ${suggestion}`
            : `不认识的字段，可用的字段有：${parentHelp.join(", ")}`,
        });
      }
      continue;
    }
    const fieldHelp = help[genericPath(basePath)];
    const received = receivedText(data, issue.path, source, basePath);
    const expected = fieldHelp?.expected ?? issue.message;
    let message: string;
    let hint = fieldHelp?.hint;
    if (issue.code === "custom") {
      const value = valueAt(data, issue.path);
      message = typeof value === "string" || typeof value === "number" ? `${issue.message}, received ${received}` : issue.message;
    }
    else if (received === undefined) message = source.empty?.has(basePath) ? `is empty: expected ${expected}` : `is required: expected ${expected}`;
    else if (issue.code === "too_small" && issue.origin === "string") message = `must not be empty: expected ${expected}, received ${received}`;
    else message = `expected ${expected}, received ${received}`;
    // A number or true/false where text was expected: YAML changed what was typed, so quoting is the fix.
    const written = source.written.get(basePath);
    if (issue.code === "invalid_type" && issue.expected === "string" && received !== undefined && written && !/^["']/.test(written)) {
      const key = lastSegment(basePath);
      hint = `这个值被读成了${typeof valueAt(data, issue.path) === "boolean" ? " true/false" : "数字"}，请加引号：${/^\d+$/.test(key) ? "" : `${key}: `}"${written}"`;
    }
    problems.push({
      severity: "error",
      file,
      ...(source.positions.get(basePath) ?? source.positions.get(parentOf(basePath))),
      field: basePath || "(front matter)",
      message,
      ...(hint ? { hint } : {}),
    });
  }
  return { value: undefined, problems };
}

function valueAt(data: Record<string, unknown>, path: readonly PropertyKey[]): unknown {
  let value: unknown = data;
  for (const segment of path) {
    if (value === null || typeof value !== "object" || !Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function receivedText(
  data: Record<string, unknown>,
  path: readonly PropertyKey[],
  source: YamlSource,
  key: string,
): string | undefined {
  let value: unknown = data;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  const written = source.written.get(key);
  if (written !== undefined && typeof value !== "string" && value !== null && written !== String(value)) {
    return `${describeValue(value)} (written ${written})`;
  }
  return describeValue(value);
}

/** "districts.3.slug" → "districts.*.slug", the key the help table uses for list items. */
function genericPath(path: string): string {
  return path.replace(/\.\d+(?=\.|$)/g, ".*");
}

function parentOf(path: string): string {
  const i = path.lastIndexOf(".");
  return i < 0 ? "" : path.slice(0, i);
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf(".") + 1);
}
