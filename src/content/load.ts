// Loads a whole site from disk once: the site configuration and every article under content/news/,
// validated, with every problem in every file collected, and the publication rules applied.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { decodeArticle, parseArticle, type Article } from "./article.ts";
import { compareText, sortProblems, type Problem } from "./problems.ts";
import { loadSiteConfig, type SiteConfig } from "./site-config.ts";
import { groupByTag, type TagIndex } from "./taxonomies.ts";
import { loadViews } from "./views.ts";

export const ARTICLES_DIR = "content/news";

export interface LoadOptions {
  /** Include drafts (preview builds only). */
  drafts?: boolean;
  /** The build's reference time: articles dated after it are scheduled, not published. */
  now: Date;
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

/** Lists article files under the site root, relative with forward slashes, in a stable order. */
export async function listArticleFiles(root: string): Promise<string[]> {
  const dir = path.join(root, ARTICLES_DIR);
  let entries: string[];
  try {
    entries = (await readdir(dir, { recursive: true })) as string[];
  } catch {
    return [];
  }
  return entries
    .map((entry) => entry.split(path.sep).join("/"))
    .filter((entry) => entry.endsWith(".md") && !entry.split("/").some((part) => part.startsWith(".") || part.startsWith("_")))
    .map((entry) => `${ARTICLES_DIR}/${entry}`)
    .sort(compareText);
}

/** Reads, validates and renders the whole site. Never throws for bad content: problems are returned. */
export async function loadSite(root: string, options: LoadOptions): Promise<LoadResult> {
  const { config: site, problems: configProblems } = await loadSiteConfig(root);
  if (!site) return { files: 0, problems: configProblems };

  const files = await listArticleFiles(root);
  const problems: Problem[] = [];
  const parsed: Article[] = [];
  const BATCH = 64;
  for (let i = 0; i < files.length; i += BATCH) {
    const batch = files.slice(i, i + BATCH);
    const bytes = await Promise.all(batch.map((file) => readFile(path.join(root, file))));
    batch.forEach((file, j) => {
      const decoded = decodeArticle(bytes[j]!, file);
      problems.push(...decoded.problems);
      if (decoded.text === undefined) return;
      const result = parseArticle(decoded.text, file, site);
      problems.push(...result.problems);
      if (result.article) parsed.push(result.article);
    });
  }

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
