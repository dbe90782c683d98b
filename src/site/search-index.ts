// The site search index: Pagefind (https://pagefind.app, npm `pagefind`) indexes the article pages of a
// build in memory, through its Node API, and hands back its index and browser library; the build writes
// them under /pagefind/ together with the pages, so the index takes part in the all-or-nothing output swap
// (a failing index fails the build before anything is written) and in warm builds' manifest.
//
// - Only article pages are given to Pagefind, and each marks its content with data-pagefind-body
//   (templates/article.ts): list pages are never results.
// - Pages are lang="zh-CN"; the npm package runs Pagefind's *extended* binary, which segments Chinese text
//   into words.
// - Pagefind keeps no state between builds: every build indexes every article again.
import { importPackage } from "../runtime.ts";

/** The folder of the site the index is served from: Pagefind's default, /pagefind/. */
export const SEARCH_DIR = "pagefind";

export interface SearchPage {
  /** Site URL of the page: "/news/2020/02/changan-health-bureau/". */
  url: string;
  /** The page's HTML, read when Pagefind is ready for it. */
  html: () => string;
}

export interface SearchIndex {
  /** Pages indexed as results. */
  pages: number;
  /** Files of the index and of Pagefind's browser library, by path under /pagefind/. */
  files: Map<string, Uint8Array>;
}

// What the search page uses: the search library, its worker and WebAssembly, and the index itself. The
// ready-made UI bundles Pagefind also offers are left out; templates/assets/search.js is our interface.
const BUNDLE_FILE = /^(?:pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.[\w-]+\.pagefind|[\w.-]+\.pf_\w+|(?:fragment|index|filter)\/[\w.-]+\.pf_\w+)$/;

/** Pages handed to Pagefind at once: enough to keep it busy, few enough to bound memory. */
const BATCH = 64;

export class SearchIndexError extends Error {}

function check<T extends { errors: string[] }>(what: string, response: T): T {
  if (response.errors.length > 0) throw new SearchIndexError(`the search index could not be built (${what}): ${response.errors.join("; ")}`);
  return response;
}

/**
 * Rejects if the process runs out of work while Pagefind owes an answer: the npm package's service never
 * settles its promises when the Pagefind binary dies, so without this a crashed indexer would end the
 * build silently instead of failing it with a message.
 */
function failIfAbandoned(): { abandoned: Promise<never>; dispose: () => void } {
  let onBeforeExit = () => {};
  const abandoned = new Promise<never>((_, reject) => {
    onBeforeExit = () => reject(new SearchIndexError("the search index could not be built: the Pagefind indexer stopped without answering"));
  });
  process.once("beforeExit", onBeforeExit);
  return { abandoned, dispose: () => process.off("beforeExit", onBeforeExit) };
}

/** Indexes `pages` and returns the files to publish under /pagefind/. No pages: no index at all. */
export async function buildSearchIndex(pages: readonly SearchPage[]): Promise<SearchIndex> {
  if (pages.length === 0) return { pages: 0, files: new Map() };
  // Loaded here, not with the build: a build without a search index never loads it.
  const pagefind = await importPackage<typeof import("pagefind")>("pagefind");
  const { abandoned, dispose } = failIfAbandoned();
  const answer = <T>(request: Promise<T>) => Promise.race([request, abandoned]);
  // The package reports a dying service with console.error and a stack trace; the CLI prints problems
  // itself (stack traces only with --debug), so those reports become part of the error instead.
  const reports: string[] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => {
    reports.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(" "));
  };
  try {
    const index = check("starting Pagefind", await answer(pagefind.createIndex({}))).index!;
    for (let start = 0; start < pages.length; start += BATCH) {
      const batch = pages.slice(start, start + BATCH);
      const added = await answer(Promise.all(batch.map((page) => index.addHTMLFile({ url: page.url, content: page.html() }))));
      added.forEach((response, i) => check(`indexing ${batch[i]!.url}`, response));
    }
    const { files } = check("writing the index", await answer(index.getFiles()));
    const bundle = new Map<string, Uint8Array>();
    for (const file of files) {
      const rel = file.path.split("\\").join("/");
      if (BUNDLE_FILE.test(rel)) bundle.set(rel, file.content);
    }
    const entry = JSON.parse(Buffer.from(bundle.get("pagefind-entry.json") ?? "{}").toString("utf8")) as {
      languages?: Record<string, { page_count: number }>;
    };
    const indexed = Object.values(entry.languages ?? {}).reduce((sum, language) => sum + language.page_count, 0);
    return { pages: indexed, files: bundle };
  } catch (error) {
    if (error instanceof SearchIndexError) throw error;
    const detail = [...reports, (error as Error).message].join("; ");
    throw new SearchIndexError(`the search index could not be built: ${detail}`, { cause: error });
  } finally {
    console.error = consoleError;
    dispose();
    // Pagefind runs as a child process; none is left behind between builds.
    await pagefind.close().catch(() => undefined);
  }
}
