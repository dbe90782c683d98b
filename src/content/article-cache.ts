// Parsed articles kept in memory between edits, for `newsdesk serve`: each file is keyed by its path and
// re-parsed only when its size, mtime and then its bytes changed, so editing one article of 10,000 parses
// one file. The site-wide rules (collisions, drafts, scheduling, tags) are re-applied by assembleSite.
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Article } from "./article.ts";
import { ARTICLES_DIR, assembleSite, listArticleFiles, parseArticleFile, type LoadOptions, type LoadResult, type ParsedFile } from "./load.ts";
import { parseAll } from "./parse-pool.ts";
import { compareText, sortProblems, type Problem } from "./problems.ts";
import { loadSiteConfig, SITE_CONFIG_FILE, type SiteConfig } from "./site-config.ts";

interface Changed {
  file: string;
  size: number;
  mtimeMs: number;
  hash: string;
  bytes: Buffer;
}

interface Entry {
  size: number;
  mtimeMs: number;
  hash: string;
  parsed: ParsedFile;
}

export interface CacheUpdate {
  result: LoadResult;
  /** Article files parsed in this update (the rest came from memory). */
  parsed: number;
  /**
   * True when every change kept each article's place in the site (URL, date, district, tags, draft, hot):
   * the new text was copied into the existing Article objects, so a site model built from the previous
   * result is still right and shows the edit. False when the site model must be built again.
   */
  inPlace: boolean;
}

/** What decides where an article appears: lists, pages, groups, related reading and the hot list. */
function placeOf(article: Article): string {
  return JSON.stringify([article.url, article.date.getTime(), article.district.slug, article.tags, article.draft, article.hot]);
}

export class ArticleCache {
  private readonly entries = new Map<string, Entry>();
  private site: SiteConfig | undefined;
  private configProblems: Problem[] = [];
  private configText: string | undefined;
  private last: LoadResult | undefined;

  constructor(
    private readonly root: string,
    private readonly options: () => LoadOptions,
  ) {}

  /** Reads everything: the configuration and every article (only changed ones when called again). */
  async refreshAll(): Promise<CacheUpdate> {
    const configChanged = await this.readConfig();
    const files = await listArticleFiles(this.root);
    const keep = new Set(files);
    for (const file of this.entries.keys()) if (!keep.has(file)) this.entries.delete(file);
    const changed: Changed[] = [];
    const BATCH = 64;
    for (let i = 0; i < files.length; i += BATCH) {
      const read = await Promise.all(files.slice(i, i + BATCH).map((file) => this.readIfChanged(file, configChanged)));
      for (const r of read) if (r) changed.push(r);
    }
    // Many files (the first start): parsed on every core, as a build does.
    const site = this.site;
    if (site) {
      const results = await parseAll(changed.map((c) => ({ file: c.file, bytes: c.bytes })), site);
      results.forEach((result, i) => {
        // A worker's article carries a copy of its district: point it back at the configuration's own.
        if (result.article) result.article.district = site.districts.find((d) => d.name === result.article!.district.name) ?? result.article.district;
        this.store(changed[i]!, { file: changed[i]!.file, ...result });
      });
    }
    return { result: await this.assemble(), parsed: site ? changed.length : 0, inPlace: false };
  }

  /**
   * Re-reads the given paths (relative to the root, as a watcher reports them). Anything that is not a
   * plain article file (a folder renamed, the site configuration) falls back to a scan that still parses
   * only the files that changed.
   */
  async refresh(changed: Iterable<string>): Promise<CacheUpdate> {
    const paths: string[] = [];
    for (const p of new Set([...changed].map((c) => c.split(path.sep).join("/")))) {
      // Editors' temporary files (sed, vim swap, atomic saves) come and go beside articles: a path under
      // content/news that is not an article and not a folder is no concern of the site.
      if (p.startsWith(`${ARTICLES_DIR}/`) && !p.endsWith(".md") && !(await isDirectory(path.join(this.root, p)))) continue;
      paths.push(p);
    }
    const articles = paths.filter((p) => p.startsWith(`${ARTICLES_DIR}/`) && p.endsWith(".md") && !p.slice(ARTICLES_DIR.length + 1).split("/").some((part) => part.startsWith(".") || part.startsWith("_")));
    // Other files under content/ (views data) are read again by assembleSite anyway.
    const onlyArticles = paths.every((p) => articles.includes(p) || (!p.startsWith(`${ARTICLES_DIR}/`) && p !== ARTICLES_DIR && p !== SITE_CONFIG_FILE));
    if (!onlyArticles || this.site === undefined || this.last === undefined) return this.refreshAll();
    let parsed = 0;
    let inPlace = this.last.content !== undefined;
    const before = new Map(articles.map((file) => [file, this.entries.get(file)?.parsed]));
    for (const file of articles) if (await this.refreshFile(file, false)) parsed++;
    for (const file of articles) {
      const old = before.get(file)?.article;
      const now = this.entries.get(file)?.parsed.article;
      if (!old || !now || placeOf(old) !== placeOf(now)) inPlace = false;
    }
    if (inPlace) {
      // Same place in the site: copy the new text into the Article objects every list already holds.
      const problems = this.last.problems.filter((p) => !articles.includes(p.file));
      for (const file of articles) {
        const entry = this.entries.get(file)!;
        const old = before.get(file)!.article!;
        const next = entry.parsed.article!;
        for (const key of Object.keys(old)) if (!(key in next)) delete (old as unknown as Record<string, unknown>)[key];
        Object.assign(old, next);
        entry.parsed = { ...entry.parsed, article: old };
        problems.push(...entry.parsed.problems);
      }
      this.last = { ...this.last, problems: sortProblems(problems) };
      return { result: this.last, parsed, inPlace: true };
    }
    return { result: await this.assemble(), parsed, inPlace: false };
  }

  /** Re-parses one file when it changed; drops it when it is gone. True when it was parsed. */
  private async refreshFile(file: string, force: boolean): Promise<boolean> {
    const changed = await this.readIfChanged(file, force);
    if (!changed || !this.site) return false;
    this.store(changed, parseArticleFile(changed.bytes, file, this.site));
    return true;
  }

  /** The file's bytes when they differ from what was parsed last (or `force`); drops a file that is gone. */
  private async readIfChanged(file: string, force: boolean): Promise<Changed | undefined> {
    const full = path.join(this.root, file);
    let info;
    let bytes: Buffer;
    try {
      info = await stat(full);
      if (!info.isFile()) throw new Error("not a file");
      const old = this.entries.get(file);
      if (!force && old && old.size === info.size && old.mtimeMs === info.mtimeMs) return undefined;
      bytes = await readFile(full);
    } catch {
      this.entries.delete(file);
      return undefined;
    }
    const hash = createHash("sha1").update(bytes).digest("hex");
    const old = this.entries.get(file);
    if (!force && old && old.hash === hash) {
      // Saved again unchanged (or only touched): nothing to parse.
      this.entries.set(file, { ...old, size: info.size, mtimeMs: info.mtimeMs });
      return undefined;
    }
    return { file, size: info.size, mtimeMs: info.mtimeMs, hash, bytes };
  }

  private store(changed: Changed, parsed: ParsedFile): void {
    this.entries.set(changed.file, { size: changed.size, mtimeMs: changed.mtimeMs, hash: changed.hash, parsed });
  }

  /** Reads content/site.yaml; true when it changed (every article is then parsed again). */
  private async readConfig(): Promise<boolean> {
    const text = await readFile(path.join(this.root, SITE_CONFIG_FILE), "utf8").catch(() => undefined);
    if (text !== undefined && text === this.configText) return false;
    this.configText = text;
    const { config, problems } = await loadSiteConfig(this.root);
    this.site = config;
    this.configProblems = problems;
    return true;
  }

  private async assemble(): Promise<LoadResult> {
    if (!this.site) return (this.last = { files: this.entries.size, problems: this.configProblems });
    const files = [...this.entries.entries()].sort((a, b) => compareText(a[0], b[0])).map(([, e]) => e.parsed);
    this.last = await assembleSite(this.root, this.site, files, this.options());
    return this.last;
  }
}

async function isDirectory(full: string): Promise<boolean> {
  try {
    return (await stat(full)).isDirectory();
  } catch {
    return false;
  }
}
