// Problems found in content: where (file, line, column), which field, what was expected and received,
// and a hint for the editor. Loading collects every problem instead of stopping at the first one.

export type Severity = "error" | "warning";

export interface Problem {
  severity: Severity;
  /** Path relative to the site root, with forward slashes. */
  file: string;
  line?: number;
  column?: number;
  /** Front-matter field or configuration option the problem is about. */
  field?: string;
  message: string;
  /** A short fix for the editor, in Chinese where editors read it. */
  hint?: string;
}

/** Formats one problem the way editors see it:
 *  `content/news/a.md:4:7  date  expected …, received "…"` then `  hint: …`. */
export function formatProblem(problem: Problem): string {
  let where = problem.file;
  if (problem.line !== undefined) {
    where += `:${problem.line}`;
    if (problem.column !== undefined) where += `:${problem.column}`;
  }
  const label = problem.severity === "warning" ? "warning  " : "";
  const field = problem.field ? `${problem.field}  ` : "";
  const head = `${where}  ${label}${field}${problem.message}`;
  return problem.hint ? `${head}\n  hint: ${problem.hint}` : head;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

/** Sorts problems by file, then line and column, so reports are stable. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.field ?? "", b.field ?? ""),
  );
}

/** Thrown where a caller wants an exception; carries every problem found. */
export class ContentError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(sortProblems(problems).map(formatProblem).join("\n"));
    this.name = "ContentError";
    this.problems = problems;
  }
}

/** Code-unit comparison: unlike localeCompare it gives the same order on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Describes a received value for an error message: strings quoted, other types named. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null (empty)";
  if (Array.isArray(value)) return `a list (${JSON.stringify(value)})`;
  if (value instanceof Date) return `a date (${value.toISOString()})`;
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${String(value)}`;
}

/** The candidate closest to `input` by edit distance, when it is close enough to be a likely typo. */
export function suggestClosest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(1, Math.floor(Math.max(input.length, 2) / 2));
  return bestDistance <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}
