// Output channels and option parsing shared by the commands; commands never touch process.* directly.
import { formatProblem, type Problem } from "../content/index.ts";

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const consoleIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Options every command accepts. */
export interface CommonOptions {
  /** The site folder holding content/. */
  root: string;
  debug: boolean;
}

/** A command: its usage lines, its own options (node:util parseArgs shape), and what it does. */
export interface Command {
  summary: string;
  usage: string;
  options: Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>;
  run(args: { values: Record<string, unknown>; positionals: string[]; common: CommonOptions; io: Io }): Promise<number>;
}

/** Prints problems in file and line order, then a count. */
export function reportProblems(problems: readonly Problem[], io: Io): void {
  for (const problem of problems) io.err(formatProblem(problem));
  if (problems.length > 0) {
    const errors = problems.filter((p) => p.severity === "error").length;
    io.err(`${errors} error(s), ${problems.length - errors} warning(s).`);
  }
}

/** "1 error", "2 errors". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
