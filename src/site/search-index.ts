// The site search index: Pagefind (https://pagefind.app, npm `pagefind`) reads the built HTML and writes
// its index and browser library into /pagefind/ of the same folder.
//
// - Only article pages are results: they alone carry data-pagefind-body (templates/article.ts), and the
//   glob keeps list pages out even on a site where no page has the marker.
// - Pages are lang="zh-CN"; Pagefind's *extended* binary segments Chinese text into words, so only that
//   binary is accepted.
// - The binary runs as a child process we wait for, rather than through the package's Node API: that API
//   keeps a long-lived service process and never settles its promises when the process dies, so a crashed
//   indexer would hang the build; here any non-zero exit fails the build with Pagefind's own messages.
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

export const SEARCH_DIR = "pagefind";
/** Article pages only: /news/YYYY/MM/<slug>/index.html. */
export const ARTICLE_GLOB = "news/[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html";

export interface SearchIndexResult {
  /** Pages indexed as results. */
  pages: number;
}

/** The pagefind_extended binary: $PAGEFIND_EXTENDED_BINARY_PATH (as the npm package honours), else the
 *  platform package npm installed beside `pagefind`. */
export function findPagefindBinary(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.PAGEFIND_EXTENDED_BINARY_PATH;
  if (configured) return configured;
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const executable = platform === "windows" ? "pagefind_extended.exe" : "pagefind_extended";
  const name = `@pagefind/${platform}-${process.arch}/bin/${executable}`;
  try {
    return createRequire(import.meta.url).resolve(name);
  } catch {
    throw new Error(
      `the search indexer ${name} is not installed (it comes with the npm package "pagefind"); run npm ci, or build with --no-search`,
    );
  }
}

function run(binary: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) => reject(new Error(`the search indexer could not start (${binary}): ${error.message}`)));
    child.on("close", (code, signal) => resolve({ code: signal ? null : code, output }));
  });
}

/**
 * Indexes the article pages built into `dir` and writes the index to `dir`/pagefind/. A site without
 * articles gets no index (Pagefind refuses to build an empty one); the search page then says so.
 * Throws, with Pagefind's messages, when indexing fails.
 */
export async function indexSearch(dir: string, articles: number): Promise<SearchIndexResult> {
  if (articles === 0) return { pages: 0 };
  const binary = findPagefindBinary();
  const { code, output } = await run(binary, ["--site", dir, "--glob", ARTICLE_GLOB, "--output-subdir", SEARCH_DIR, "--quiet"]);
  if (code !== 0) {
    const detail = output.trim() || (code === null ? "it was killed" : `it exited with code ${code}`);
    throw new Error(`the search index could not be built: ${detail}`);
  }
  const entry = JSON.parse(await readFile(path.join(dir, SEARCH_DIR, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { page_count: number }>;
  };
  return { pages: Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0) };
}
