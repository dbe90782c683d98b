// Loads a whole site from disk once: the site configuration and every article under content/news/,
// validated, with every problem in every file collected, and the publication rules applied.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Article, ParsedArticle } from "./article.ts";
import { headingSlugs } from "./markdown.ts";
import { parseKey, type ParseCache } from "./parse-cache.ts";
import { parseAll, parseJob, type ParseJob } from "./parse-pool.ts";
import { compareText, sortProblems, type Problem } from "./problems.ts";
import { loadSiteConfig, type SiteConfig } from "./site-config.ts";
import { rememberSlug } from "./slugs.ts";
import { groupByTag, type TagIndex } from "./taxonomies.ts";
import { loadViews } from "./views.ts";

export const ARTICLES_DIR = "content/news";

export interface LoadOptions {
  /** Include drafts (preview builds only). */
  drafts?: boolean;
  /** The build's reference time: articles dated after it are scheduled, not published. */
  now: Date;
  /**
   * Parse results of earlier builds, by file content (see parse-cache.ts); new results are added to it.
   * A function receives the site configuration first (a cache is only valid for one configuration).
   */
  cache?: ParseCache | ((site: SiteConfig) => ParseCache);
  /** Threads to parse on (default: one per core); 1 parses on the calling thread only. */
  threads?: number;
  /** Called once the parsing threads are started: work for this thread while they parse. */
  whileParsing?: () => void;
}

export interface SiteContent {
  site: SiteConfig;
  /** Published articles, newest first (ties by URL), so every list and page has one stable order. */
  articles: Article[];
  /** Articles left out by the publication rules, for reporting. */
  unpublished: { drafts: number; scheduled: number };
  /** The build's reference time, for scheduling and the 全站热点 read-count window. */
  now: Date;
  /** Read counts by article URL, from content/_data/views.json or views.csv (empty without one). */
  views: ReadonlyMap<string, number>;
  /** Published articles by folded tag, each tag with its unique URL slug. */
  tags: TagIndex;
}

export interface LoadResult {
  content?: SiteContent;
  /** How many article files were read (valid or not). */
  files: number;
  /** Every problem found, errors and warnings, sorted by file and line. */
  problems: Problem[];
}

/**
 * Lists article files under the site root, relative with forward slashes, in a stable order: the Markdown
 * files under content/news/, but for names starting with "." or "_" and everything under those.
 */
export async function listArticleFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  try {
    listMarkdown(path.join(root, ARTICLES_DIR), ARTICLES_DIR, files);
  } catch {
    return [];
  }
  return files.sort(compareText);
}

/**
 * Adds the Markdown files under the folder `dir` (`rel` from the site root) to `files`, one readdir per
 * folder. Node's recursive readdir took 42–62 ms to list 10,000 files here, 135–156 ms for 30,000; this
 * takes 6–8 ms and 19–24 ms. Links to folders are not followed, as Node's recursive readdir does not.
 */
function listMarkdown(dir: string, rel: string, files: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
    if (entry.isDirectory()) listMarkdown(path.join(dir, entry.name), `${rel}/${entry.name}`, files);
    else if (entry.name.endsWith(".md")) files.push(`${rel}/${entry.name}`);
  }
}

/** One article file as read: the article when it is valid, and its problems either way. */
export interface ParsedFile {
  file: string;
  article?: Article;
  problems: Problem[];
}

/** Decodes and parses one article file's bytes on the calling thread. */
export function parseArticleFile(bytes: Uint8Array, file: string, site: SiteConfig): ParsedFile {
  return { file, ...parseJob({ file, bytes }, site) };
}

/** Reads, validates and renders the whole site. Never throws for bad content: problems are returned. */
export async function loadSite(root: string, options: LoadOptions): Promise<LoadResult> {
  const { config: site, problems: configProblems } = await loadSiteConfig(root);
  if (!site) return { files: 0, problems: configProblems };

  const files = await listArticleFiles(root);
  const cache = typeof options.cache === "function" ? options.cache(site) : options.cache;
  const results = await parseFiles(root, files, site, cache, options);
  return assembleSite(root, site, results.map((result, i) => ({ file: files[i]!, ...result })), options);
}

/**
 * Applies the site-wide rules to articles already parsed: URL collisions, drafts and scheduling, order,
 * read counts and tags. `newsdesk serve` keeps parsed files in memory and calls this after each edit.
 */
export async function assembleSite(root: string, site: SiteConfig, files: readonly ParsedFile[], options: LoadOptions): Promise<LoadResult> {
  const problems: Problem[] = files.flatMap((f) => f.problems);
  const parsed = files.flatMap((f) => (f.article ? [f.article] : []));
  problems.push(...findUrlCollisions(parsed));

  const published: Article[] = [];
  let drafts = 0;
  let scheduled = 0;
  for (const article of parsed) {
    if (article.draft && !options.drafts) drafts++;
    else if (article.date.getTime() > options.now.getTime()) scheduled++;
    else published.push(article);
  }
  published.sort(compareArticles);

  const views = await loadViews(root, { knownUrls: new Set(parsed.map((a) => a.url)), baseUrl: site.baseUrl });
  problems.push(...views.problems);
  const tags = groupByTag(published);
  problems.push(...tags.problems);
  return {
    content: { site, articles: published, unpublished: { drafts, scheduled }, now: options.now, views: views.views, tags },
    files: files.length,
    problems: sortProblems(problems),
  };
}

const sourceKeys = new WeakMap<Article, string>();

/** A digest of the file an article was read from (its path and bytes): equal digests, equal articles. */
export function sourceKeyOf(article: Article): string | undefined {
  return sourceKeys.get(article);
}

/** Reads every file, takes what the cache knows, and parses the rest on every core; results in file order. */
async function parseFiles(
  root: string,
  files: readonly string[],
  site: SiteConfig,
  cache: ParseCache | undefined,
  { threads, whileParsing }: Pick<LoadOptions, "threads" | "whileParsing">,
): Promise<ParsedArticle[]> {
  const results: ParsedArticle[] = new Array(files.length);
  const jobs: ParseJob[] = [];
  const jobIndex: number[] = [];
  const keys: string[] = [];
  const BATCH = 64;
  // With nothing cached every file is parsed: the parsing threads read and key the files themselves, so
  // reading is shared among them and starts with the parsing.
  const readHere = cache !== undefined && cache.size > 0;
  if (!readHere) {
    files.forEach((file, index) => {
      jobs.push({ file, path: path.join(root, file), look: cache?.remember !== undefined });
      jobIndex.push(index);
    });
  }
  for (let i = 0; readHere && i < files.length; i += BATCH) {
    const batch = files.slice(i, i + BATCH);
    // With a cache that keeps file stamps, a file that still looks as when its key was taken is not read.
    const seen = batch.map((file) => {
      if (!cache?.keyOfUnchanged) return undefined;
      const stat = statSync(path.join(root, file));
      return { stat, at: Date.now(), key: cache.keyOfUnchanged(file, stat) };
    });
    const contents = await Promise.all(batch.map((file, j) => (seen[j]?.key ? undefined : readFile(path.join(root, file)))));
    batch.forEach((file, j) => {
      const index = i + j;
      const look = seen[j];
      const bytes = contents[j];
      const key = look?.key ?? parseKey(file, bytes!);
      if (look && !look.key) cache?.remember?.(file, look.stat, look.at, key);
      keys[index] = key;
      const known = cache?.get(key);
      if (known) {
        results[index] = known;
      } else {
        // (A key from a stamp always has its result kept: keyOfUnchanged checks. Read here just in case.)
        jobs.push({ file, bytes: bytes ?? readFileSync(path.join(root, file)) });
        jobIndex.push(index);
      }
    });
  }
  // An edited article mostly keeps its tags and headings: their slugs are known from its last version.
  for (const job of readHere ? jobs : []) {
    const before = cache?.previousArticle?.(job.file);
    if (!before) continue;
    for (const term of before.tags) rememberSlug(term.name, term.slug);
    for (const [text, slug] of headingSlugs(before.headings)) rememberSlug(text, slug);
  }
  const parsed = await parseAll(jobs, site, { ...(threads === undefined ? {} : { threads }), ...(whileParsing ? { whileParsing } : {}) });
  parsed.forEach(({ key, look, ...result }, n) => {
    const index = jobIndex[n]!;
    if (key !== undefined) keys[index] = key;
    if (key !== undefined && look) cache?.remember?.(files[index]!, look, look.at, key);
    results[index] = result;
    cache?.set(keys[index]!, result);
  });
  // Articles that came from a worker or the cache carry copies of their district: point them back at the
  // configuration's own object, as a freshly parsed article does.
  results.forEach((result, index) => {
    const article = result.article;
    if (!article) return;
    article.district = site.districts.find((d) => d.name === article.district.name) ?? article.district;
    sourceKeys.set(article, keys[index]!);
  });
  return results;
}

/** Newest first; equal times by URL so the order never depends on the file system. */
export function compareArticles(a: Article, b: Article): number {
  return b.date.getTime() - a.date.getTime() || compareText(a.url, b.url);
}

/** Two articles that would be written to one URL: an error naming both files (drafts included). */
export function findUrlCollisions(articles: readonly Article[]): Problem[] {
  const byUrl = new Map<string, Article>();
  const problems: Problem[] = [];
  for (const article of articles) {
    const first = byUrl.get(article.url);
    if (first) {
      problems.push({
        severity: "error",
        file: article.file,
        field: "slug",
        message: `URL ${article.url} is already used by ${first.file}`,
        hint: "两篇文章的网址相同，请修改文件名或写不同的 slug",
      });
    } else {
      byUrl.set(article.url, article);
    }
  }
  return problems;
}
