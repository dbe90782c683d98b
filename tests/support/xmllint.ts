// xmllint (Debian libxml2-utils) for feed and sitemap tests: well-formedness, XSD validation and XPath
// queries on the files a build wrote.
import { spawnSync } from "node:child_process";
import { ensureProgram } from "./debian.ts";

export interface LintResult {
  ok: boolean;
  output: string;
}

function run(args: string[]): LintResult {
  const xmllint = ensureProgram("xmllint", "libxml2-utils");
  const result = spawnSync(xmllint, args, { encoding: "utf8" });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** Parses the file; ok when it is well-formed XML. */
export function checkWellFormed(file: string): LintResult {
  return run(["--noout", file]);
}

/** Validates the file against an XML Schema. */
export function validateSchema(file: string, xsd: string): LintResult {
  return run(["--noout", "--schema", xsd, file]);
}

/**
 * Evaluates an XPath 1.0 expression that yields a string or number (wrap node sets in count() or
 * string()). Namespaced documents are queried with local-name(), since xmllint's --xpath cannot bind
 * prefixes.
 */
export function xpath(file: string, expression: string): string {
  const result = run(["--xpath", expression, file]);
  if (!result.ok) throw new Error(`xmllint --xpath ${expression} ${file} failed:\n${result.output}`);
  return result.output.trim();
}
