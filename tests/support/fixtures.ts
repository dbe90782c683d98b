// Fixture sites for tests: a temporary site root with content/site.yaml and articles, and the means to
// build it in-process or through the real `newsdesk` command.
import { execFile } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_DIR = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = path.join(PROJECT_DIR, "bin/newsdesk.js");
export const SEED_DIR = path.join(PROJECT_DIR, "../shared/seeds");
export const SEED_ARTICLE = path.join(SEED_DIR, "changan-health-bureau.md");

/** The sample site's configuration: all 13 districts of Xi'an. */
export const SITE_YAML = readFileSync(path.join(PROJECT_DIR, "content/site.yaml"), "utf8");

export function readSeed(): string {
  return readFileSync(SEED_ARTICLE, "utf8");
}

/** Front matter plus body, for quick fixture articles. */
export function makeArticle(fields: Record<string, string | boolean | string[]> = {}, body = "正文第一段。\n"): string {
  const all: Record<string, string | boolean | string[]> = { title: "测试文章", date: "2020-02-27 11:31", district: "长安区", ...fields };
  const lines = Object.entries(all).map(([k, v]) =>
    Array.isArray(v) ? `${k}: [${v.join(", ")}]` : `${k}: ${typeof v === "string" && /[:#'"&*!|>%@`{}[\],]/.test(v) ? JSON.stringify(v) : v}`,
  );
  return `---\n${lines.join("\n")}\n---\n\n${body}`;
}

/** Creates a site root in a temporary folder. `articles` maps paths under content/news/ to file text (or bytes). */
export function makeSite(articles: Record<string, string | Uint8Array>, siteYaml = SITE_YAML): string {
  const root = mkdtempSync(path.join(tmpdir(), "newsdesk-test-"));
  mkdirSync(path.join(root, "content/news"), { recursive: true });
  writeFileSync(path.join(root, "content/site.yaml"), siteYaml);
  for (const [name, text] of Object.entries(articles)) writeArticle(root, name, text);
  return root;
}

export function writeArticle(root: string, name: string, text: string | Uint8Array): void {
  const file = path.join(root, "content/news", name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

export function readOutput(root: string, urlPath: string, outDir = "_site"): string {
  const file = urlPath.endsWith("/") ? `${urlPath}index.html` : urlPath;
  return readFileSync(path.join(root, outDir, file), "utf8");
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `newsdesk` command as a user would. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? PROJECT_DIR, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
