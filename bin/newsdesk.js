#!/usr/bin/env node
// The `newsdesk` command: registers the TypeScript loader, then hands argv to the CLI.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
