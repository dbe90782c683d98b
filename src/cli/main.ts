// The newsdesk command line: the only place that reads argv and decides the exit code. Each command lives
// in src/cli/commands/ and is listed once below.
import { parseArgs } from "node:util";
import { benchCommand } from "./commands/bench.ts";
import { buildCommand } from "./commands/build.ts";
import { checkCommand } from "./commands/check.ts";
import { newCommand } from "./commands/new.ts";
import { publishCommand } from "./commands/publish.ts";
import { serveCommand } from "./commands/serve.ts";
import { consoleIo, type Command, type Io } from "./io.ts";

const COMMANDS: Record<string, Command> = {
  build: buildCommand,
  bench: benchCommand,
  check: checkCommand,
  new: newCommand,
  publish: publishCommand,
  serve: serveCommand,
};

function usage(): string {
  const lines = ["Usage: newsdesk <command> [options]", "", "Commands:"];
  for (const [name, command] of Object.entries(COMMANDS)) {
    lines.push(`  ${name.padEnd(14)} ${command.summary}`);
    if (command.usage) lines.push(command.usage.replace(/^/gm, "  "));
  }
  lines.push("", "Common options:", "  --root DIR     the site folder holding content/ (default: current folder)", "  --debug        show stack traces on failure");
  return lines.join("\n");
}

/** Runs a command and returns the exit code: 0 success, 1 content problems or failure, 2 usage. */
export async function main(argv: readonly string[], io: Io = consoleIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`newsdesk: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: { ...command.options, root: { type: "string" }, debug: { type: "boolean" } },
    });
  } catch (error) {
    io.err(`newsdesk ${name}: ${(error as Error).message}\n\n${usage()}`);
    return 2;
  }
  const values = parsed.values as Record<string, unknown>;
  const common = { root: typeof values.root === "string" ? values.root : process.cwd(), debug: values.debug === true };
  try {
    return await command.run({ values, positionals: parsed.positionals, common, io });
  } catch (error) {
    io.err(`newsdesk ${name} failed: ${(error as Error).message}`);
    io.err(common.debug ? ((error as Error).stack ?? "") : "Run again with --debug for details.");
    return 1;
  }
}
