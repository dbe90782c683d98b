// The newsdesk command line: the only place that reads argv, prints, and decides the exit code.
import { parseArgs } from "node:util";
import { formatProblem, hasErrors, type Problem } from "../content/index.ts";
import { buildSite } from "../site/index.ts";

const USAGE = `Usage: newsdesk <command> [options]

Commands:
  build            build the site into _site/ (replaced only when the build succeeds)
    --drafts       include draft articles (preview only; never publish this)
    --out DIR      output folder (default _site)
  help             show this help

Common options:
  --root DIR       the site folder holding content/ (default: current folder)
  --debug          show stack traces
`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIo: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** Runs a command and returns the exit code: 0 success, 1 content problems or failure, 2 usage. */
export async function main(argv: readonly string[], io: Io = consoleIo): Promise<number> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        root: { type: "string" },
        out: { type: "string" },
        drafts: { type: "boolean" },
        debug: { type: "boolean" },
      },
    });
  } catch (error) {
    io.err(`newsdesk: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values } = parsed;
  const root = values.root ?? process.cwd();
  try {
    switch (command) {
      case "build": {
        const started = performance.now();
        const result = await buildSite({ root, ...(values.out ? { outDir: values.out } : {}), drafts: values.drafts ?? false });
        reportProblems(result.problems, io);
        if (!result.ok) {
          io.err("Build stopped: nothing was written. Fix the errors above and build again.");
          return 1;
        }
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        io.out(`Built ${result.articles} articles into ${result.outDir} in ${seconds} s${values.drafts ? " (drafts included)" : ""}.`);
        return 0;
      }
      case undefined:
      case "help":
      case "--help":
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`newsdesk: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    io.err(`newsdesk: ${command} failed: ${(error as Error).message}`);
    if (values.debug) io.err((error as Error).stack ?? "");
    else io.err("Run again with --debug for details.");
    return 1;
  }
}

function reportProblems(problems: readonly Problem[], io: Io): void {
  for (const problem of problems) io.err(formatProblem(problem));
  if (problems.length > 0) {
    const errors = problems.filter((p) => p.severity === "error").length;
    io.err(`${errors} error(s), ${problems.length - errors} warning(s)${hasErrors(problems) ? "" : ""}.`);
  }
}
