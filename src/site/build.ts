// Builds a site: load and validate everything first (parsing on every core, reusing the parse cache),
// render every page with Eleventy in memory, then write. A full build writes a staging folder and swaps
// it in place of the output folder only when the whole build succeeded. A warm build (the output folder
// is exactly what the last build wrote, per the manifest in the cache) renders again only the article
// pages whose inputs changed plus every other page, and updates the folder in place through a journal
// (output.ts), after everything rendered. Either way the output is byte for byte what a full build makes.
import { availableParallelism } from "node:os";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { hasErrors, loadSite, ParseCacheStore, referenceTime, sourceKeyOf, type Article, type Problem, type SiteContent } from "../content/index.ts";
import { releasePrestartedWorker } from "../runtime.ts";
import { CACHE_DIR, saltOf } from "./build-cache.ts";
import configureEleventy, { config as eleventyStaticConfig } from "../../.eleventy.ts";
import { TEMPLATES_DIR, createSiteModel, type SiteModel } from "./model.ts";
import { recoverOutput, stagingFolder, swapInto, withOutputLock } from "./output-folder.ts";
import {
  StreamingWriter,
  findIntactFiles,
  invalidateManifest,
  manifestFileOf,
  readManifest,
  recoverJournal,
  pagePath,
  updateFolder,
  utf8Bytes,
  writeFolderAsync,
  writeManifest,
  type FileStamp,
  type ManifestChanges,
  type OutputFiles,
  type OutputManifest,
} from "./output.ts";
import { Fingerprinter, keyOfText, keysOfJob } from "./page-keys.ts";
import { WarmHelper } from "./warm-helper.ts";
import { articleKeyJob, articlePageFrame, articlePageKey, articlePageParts } from "./pages/article-pages.ts";
import { leaveOutListPages, listPageKey, listPagesOf, takeLeftOutListPages } from "./pages/list-pages.ts";
import type { ArticlePageParts } from "../../templates/article.ts";
import { renderListPage } from "../../templates/list.ts";
import type { VirtualTemplate } from "./eleventy-config.ts";
import { prepareBuild } from "./plugin.ts";
import { findRelatedCached } from "./related-cache.ts";
import { buildSearchIndex, SEARCH_DIR } from "./search-index.ts";
import {
  articlePagesWritten,
  hasStandIn,
  renderUnclaimedArticlePages,
  requestArticlePages,
  startArticlePageWorkers,
  stopArticlePageWorkers,
  takeArticlePageKeys,
  takeArticlePagesWritten,
  takeLeftOutPages,
  takeStandIns,
  writtenStandIn,
} from "./page-workers.ts";

export interface BuildOptions {
  /** The site root: the folder holding content/. */
  root: string;
  /** Output folder, relative to root; default _site. */
  outDir?: string;
  /** Include drafts (preview). */
  drafts?: boolean;
  /** Reference time for scheduling; default SOURCE_DATE_EPOCH or now. */
  now?: Date;
  /** Build the search index of the written site (default true); `newsdesk build --no-search` skips it. */
  search?: boolean;
  /** Use and update the persistent cache in .cache/newsdesk/ (default true); false builds from scratch. */
  cache?: boolean;
  /** Parse, render and write on worker threads when the site is big enough (default true); false does all on this thread. */
  workers?: boolean;
}

/** Milliseconds spent in each phase of a build, in order; `newsdesk build --timings FILE` writes them. */
export type BuildTimings = Record<string, number>;

export interface BuildResult {
  ok: boolean;
  problems: Problem[];
  outDir: string;
  articles: number;
  timings: BuildTimings;
  /** How the output was produced, and how many files were written (a warm build skips unchanged ones). */
  output?: { mode: "full" | "warm"; rendered: number; written: number; deleted: number };
  /** Article pages in the search index (its time is timings.search); absent when no index was built. */
  searchPages?: number;
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const outDir = path.resolve(root, options.outDir ?? "_site");
  const useCache = options.cache !== false;
  const cacheDir = path.join(root, CACHE_DIR);
  const timings: BuildTimings = {};
  let phaseStart = performance.now();
  const endPhase = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - phaseStart);
    phaseStart = now;
  };

  return withOutputLock(outDir, async () => {
    // First, whatever happened to the last build, the last complete site is back in place: a warm update
    // cut short is completed (its staged files are still there), then what dead builds left is removed.
    if (existsSync(`${outDir}.journal`)) recoverJournal(outDir);
    await recoverOutput(outDir);
    // The output manifest of the last build into this folder: with one, the build is most likely warm, and
    // a worker looks at the files it lists while this thread loads (warm-helper.ts).
    const manifestFile = manifestFileOf(cacheDir, outDir);
    const helper = useCache && existsSync(manifestFile) && existsSync(outDir) ? WarmHelper.start() : undefined;
    if (!helper) releasePrestartedWorker("warm-worker");
    const intactOf = helper?.intactFiles(manifestFile, outDir);
    let parseCache: ParseCacheStore | undefined;
    const loaded = await loadSite(root, {
      drafts: options.drafts ?? false,
      ...(options.workers === false ? { threads: 1 } : {}),
      // Eleventy is loaded (a quarter of a second) while the articles are parsed, not before.
      whileParsing: () => void loadEleventy().catch(() => undefined),
      now: options.now ?? referenceTime(),
      ...(useCache ? { cache: (site) => (parseCache = ParseCacheStore.open(cacheDir, saltOf("parse", site))) } : {}),
    });
    endPhase("load");
    if (!loaded.content || hasErrors(loaded.problems)) {
      parseCache?.close();
      helper?.stop();
      return { ok: false, problems: loaded.problems, outDir, articles: 0, timings };
    }
    const content = loaded.content;

    // The output manifest, if it was made by this code and configuration; which of the files it lists are
    // still as the last build left them.
    const outputSalt = saltOf("output", content.site);
    const previous = useCache && existsSync(outDir) ? readManifest(manifestFile, outputSalt, outDir) : undefined;
    const intactFiles = previous && (intactOf?.(previous.files) ?? Promise.resolve(findIntactFiles(outDir, previous.files)));

    // Article pages, share codes included, are rendered on worker threads in big builds (page-workers.ts).
    // A full build renders every article: the workers start now and load while this thread plans. This
    // thread renders its share too, once its own pages are done (renderPages), so it leaves a core to
    // each worker but its own: on two cores, one worker and this thread took 0.5–0.7 s less CPU than two
    // workers at 10,000 articles, and rendered no slower.
    const workers = options.workers !== false;
    const staging = stagingFolder(outDir);
    let streaming: StreamingWriter | undefined;
    const startFullBuild = () => {
      if (workers && content.articles.length >= PAGE_WORKERS_FROM) startArticlePageWorkers(Math.max(1, availableParallelism() - 1));
      // A full build writes pages into its staging folder while Eleventy is still rendering the next ones:
      // article pages where workers render them, the others on a worker thread of their own (Eleventy
      // renders every page before this thread would get to a file system callback).
      if (workers && useStreamingWrites(content.articles.length)) streaming = new StreamingWriter(staging, 1);
      // The writing worker, idle until Eleventy's first pages, makes every article page's folder ahead of
      // the page workers (which then neither make them nor wait for each other on their common parents),
      // as soon as it has loaded: while this thread plans, the one phase that leaves a core free.
      streaming?.makeFolders(content.articles.map((a) => path.posix.dirname(pagePath(a.url))));
    };
    if (!previous) startFullBuild();
    // Threads that write pages also work out their keys for the next build, when there is a cache, but in
    // a build that began warm (even one that then builds from scratch): its plan worked out every key.
    const keysWithPages = useCache && !previous;
    const askForPages = (model: SiteModel, articles: readonly Article[]) =>
      requestArticlePages(
        articlePageFrame(model),
        articles.map((a) => articlePageParts(model, a)),
        streaming ? staging : undefined,
        keysWithPages ? (a) => sourceKeyOf(a as Article) : undefined,
        streaming !== undefined,
      );
    // Saved once, by whichever step below comes first.
    let parseCacheSaved = false;
    const saveParseCache = () => {
      if (parseCacheSaved) return;
      parseCache?.save();
      parseCacheSaved = true;
    };
    let planned: Plan;
    try {
      // A full build asks for every article page as soon as the model is made, before working out the
      // page keys (which only the next build reads); a warm build must know first which pages it keeps.
      planned = await planPages(content, previous, intactFiles, helper, useCache, cacheDir, {
        ...(previous ? {} : { modelMade: (model) => askForPages(model, model.content.articles) }),
        // A warm build saves the parse cache (valid whatever happens to this build) while the warm worker
        // works out the article pages' keys, instead of once the pages are written.
        whileKeying: saveParseCache,
      });
    } catch (error) {
      await stopArticlePageWorkers();
      await streaming?.stop();
      await rm(staging, { recursive: true, force: true });
      throw error;
    } finally {
      helper?.stop();
    }
    const { model, intact, pageKeys, listPageKeys, articlePageKeyOf, kept, keptUrls, unkept } = planned;
    // A warm build that would keep fewer than half the pages builds from scratch instead: when an article
    // joined every page's 全站热点 list of 10,000, rendering and writing nearly every page again in place
    // (through the journal) took 8.60–9.18 s, building from scratch over the old folder 4.99–5.63 s.
    let warm = previous !== undefined;
    if (warm && useStreamingWrites(content.articles.length) && kept.size * 2 < pageKeys().size) {
      warm = false;
      kept.clear();
      keptUrls.clear();
      startFullBuild();
      askForPages(model, content.articles);
    }
    if (warm) {
      // A warm build with many article pages to render again renders them on workers too.
      const toRender = content.articles.filter((a) => !keptUrls.has(a.url));
      if (workers && toRender.length >= PAGE_WORKERS_FROM) startArticlePageWorkers(availableParallelism());
      askForPages(model, toRender);
    }
    endPhase("plan");

    // A full build's main thread saves the parse cache (valid whatever happens to this build) and works out
    // the list pages' keys before it takes the article pages no worker has begun: the page worker renders
    // meanwhile, and the two still finish together. Done last, this thread did it alone, 0.3-0.4 s at
    // 10,000 articles while the other core had nothing left to do.
    const saveEarly = () => {
      saveParseCache();
      listPageKeys();
    };
    const writeEarly = (rel: string, page: string | Uint8Array, keep = true) => {
      if (articlePagesWritten().get(rel)?.content === page) return page;
      return streaming!.write(rel, page, keep) && !keep ? StreamingWriter.standIn(rel) : page;
    };
    let rendered: OutputFiles;
    let pageKeysMade: ReadonlyMap<string, string>;
    try {
      rendered = await renderPages(model, outDir, {
        onPage: streaming && writeEarly,
        keyOf: keysWithPages ? articlePageKeyOf : undefined,
        beforeTaking: keysWithPages ? saveEarly : undefined,
      });
      pageKeysMade = takeArticlePageKeys();
    } catch (error) {
      await stopArticlePageWorkers();
      takeArticlePagesWritten();
      await streaming?.stop();
      await rm(staging, { recursive: true, force: true });
      throw error;
    } finally {
      await stopArticlePageWorkers();
    }
    for (const rel of rendered.keys()) kept.delete(rel);
    endPhase("render");

    // The search index of every article page, rendered now or kept from the last build, joins the output
    // files: written (or, failing, not written) with the pages, and tracked by the manifest like them.
    // A page a worker wrote is read back from the staging folder (its contents here are a stand-in).
    let searchPages: number | undefined;
    if (options.search !== false) {
      const index = await buildSearchIndex(
        content.articles.map((article) => {
          const rel = pagePath(article.url);
          const page = rendered.get(rel);
          const from = page === undefined ? outDir : page === writtenStandIn(rel) ? staging : undefined;
          return { url: article.url, html: () => textOf(from === undefined ? page! : readFileSync(path.join(from, rel))) };
        }),
      );
      for (const [rel, bytes] of index.files) rendered.set(`${SEARCH_DIR}/${rel}`, bytes);
      searchPages = index.pages;
      endPhase("search");
    }
    // From here on the output folder changes: the manifest describing the old one goes first.
    invalidateManifest(manifestFile);
    let output: NonNullable<BuildResult["output"]>;
    let stamps;
    // What a warm build changed of the last build's manifest (writeManifest): files written or deleted,
    // pages not kept, and the pages of deleted files.
    let changes: ManifestChanges | undefined;
    if (warm && previous) {
      try {
        const result = await updateFolder(outDir, rendered, kept, previous.files, intact, staging);
        stamps = result.stamps;
        // (Without keys now, every key of the last build's is gone: a new base.)
        if (pageKeys().size > 0) changes = { files: result.changed, pages: [...unkept, ...result.changed] };
        output = { mode: "warm", rendered: rendered.size, written: result.written, deleted: result.deleted };
      } catch (error) {
        // Once the journal is written, its staged files belong to it: the next build completes the update.
        if (!existsSync(`${outDir}.journal`)) rmSync(staging, { recursive: true, force: true });
        throw error;
      }
    } else {
      try {
        const writing = finishFullWrite(staging, rendered, streaming);
        // While the last files are written (by a worker and libuv's threads), this thread saves the parse
        // cache (it holds only parsed articles, valid whatever happens to this build) and works out the
        // page keys not worked out with their pages (the list pages'), instead of waiting: whatever of it
        // was not done before taking the article pages no worker had begun (saveEarly).
        try {
          if (useCache) {
            saveParseCache();
            pageKeys(pageKeysMade);
          }
        } finally {
          stamps = await writing;
        }
        await swapInto(staging, outDir);
      } catch (error) {
        await rm(staging, { recursive: true, force: true });
        throw error;
      }
      output = { mode: "full", rendered: rendered.size, written: rendered.size, deleted: 0 };
    }
    endPhase("write");

    if (useCache) {
      const manifest: OutputManifest = { salt: outputSalt, outDir, files: stamps, pageKeys: pageKeys() };
      writeManifest(manifestFile, manifest, previous, changes);
      saveParseCache();
      endPhase("cache");
    }
    return {
      ok: true,
      problems: loaded.problems,
      outDir,
      articles: content.articles.length,
      timings,
      output,
      ...(searchPages !== undefined ? { searchPages } : {}),
    };
  });
}

interface Plan {
  model: SiteModel;
  /** Output files still exactly as the last build left them. */
  intact: ReadonlySet<string>;
  /**
   * Page path → key of everything the page is rendered from (none when the cache is off); worked out once,
   * but for the keys `known` already (the first call's).
   */
  pageKeys: (known?: ReadonlyMap<string, string>) => Map<string, string>;
  /** The list pages' keys alone (the part of pageKeys that takes long), worked out once. */
  listPageKeys: () => KeyedPage[];
  /** The key of one article page, from its parts (undefined when an article did not come from a file). */
  articlePageKeyOf: (parts: ArticlePageParts) => string | undefined;
  /** Page paths, and their URLs, that a warm build keeps from the last build. */
  kept: Set<string>;
  keptUrls: Set<string>;
  /** The pages of a warm build not kept: the only ones whose keys can differ from the last build's. */
  unkept: string[];
}

/**
 * The site model (handed to `modelMade` as soon as it is made), and which pages of the last build can
 * stay as they are: article and list pages whose key matches the last build's and whose file is intact
 * (`intactFiles`, given with `previous`). A full build keeps nothing, so it works out the page keys (which
 * only the next build reads) with the pages, or while its last files are written, instead of before
 * rendering.
 */
async function planPages(
  content: SiteContent,
  previous: OutputManifest | undefined,
  intactFiles: Promise<ReadonlySet<string>> | undefined,
  helper: WarmHelper | undefined,
  useCache: boolean,
  cacheDir: string,
  hooks: {
    /** Called with the model as soon as it is made. */
    modelMade?: (model: SiteModel) => void;
    /** Work for this thread while the warm worker works out the article pages' keys (a warm build's plan). */
    whileKeying?: () => void;
  } = {},
): Promise<Plan> {
  const relatedFile = path.join(cacheDir, "related.v8");
  const model = createSiteModel(content, useCache ? { related: (articles, count) => findRelatedCached(relatedFile, saltOf("related"), articles, count) } : {});
  hooks.modelMade?.(model);
  let intact: ReadonlySet<string> = new Set<string>();
  const kept = new Set<string>();
  const keptUrls = new Set<string>();
  const unkept: string[] = [];
  const keyer = useCache ? pageKeyer(model, helper) : undefined;
  let keyed: KeyedPage[] | undefined;
  let listsKeyed: KeyedPage[] | undefined;
  let keys: Map<string, string> | undefined;
  const listPageKeys = () => (listsKeyed ??= keyer ? keyer.lists() : []);
  const keyedPages = (known: ReadonlyMap<string, string>) => (keyed ??= keyer ? [...keyer.articles(known), ...listPageKeys(), ...keyer.publish()] : []);
  const pageKeys = (known: ReadonlyMap<string, string> = new Map()) => (keys ??= new Map(keyedPages(known).map((p) => [p.rel, p.key])));
  const articlePageKeyOf = (parts: ArticlePageParts) => keyer?.article(parts);
  if (previous && intactFiles) {
    // Article pages' keys on a worker, the list pages' here meanwhile (then Eleventy loads, while waiting).
    const articleKeys = keyer ? keyer.articlesElsewhere() : Promise.resolve([]);
    const lists = listPageKeys();
    hooks.whileKeying?.();
    keyed = [...(await articleKeys), ...lists, ...(keyer?.publish() ?? [])];
    intact = await intactFiles;
    for (const page of keyed) {
      if (previous.pageKeys.get(page.rel) === page.key && intact.has(page.rel)) {
        kept.add(page.rel);
        keptUrls.add(page.url);
      } else {
        unkept.push(page.rel);
      }
    }
  }
  model.keptPageUrls = keptUrls;
  return { model, intact, pageKeys, listPageKeys, articlePageKeyOf, kept, keptUrls, unkept };
}

interface KeyedPage {
  url: string;
  /** Page path. */
  rel: string;
  key: string;
}

/**
 * The page keys of a build (page-keys.ts), none when an article did not come from a file: every article
 * page's but for those whose key is `known` (worked out with the page), one article page's from its parts,
 * every list page's, and those of the feeds, sitemap and robots.txt (each file has its group's key).
 */
function pageKeyer(
  model: SiteModel,
  helper: WarmHelper | undefined,
): {
  articles: (known: ReadonlyMap<string, string>) => KeyedPage[];
  /** Every article page's key, worked out on the warm worker when there are many (warm-helper.ts). */
  articlesElsewhere: () => Promise<KeyedPage[]>;
  article: (parts: ArticlePageParts) => string | undefined;
  lists: () => KeyedPage[];
  publish: () => KeyedPage[];
} {
  const { articles } = model.content;
  const frame = articlePageFrame(model);
  let fingerprints: Fingerprinter | null | undefined;
  const sources = articles.map((a) => sourceKeyOf(a));
  const fingerprinter = () => {
    if (fingerprints === undefined) {
      fingerprints = sources.every((s) => s !== undefined) ? new Fingerprinter(new Map(articles.map((a, i) => [a, sources[i]!]))) : null;
    }
    return fingerprints;
  };
  const article = (parts: ArticlePageParts) => {
    const f = fingerprinter();
    return f ? articlePageKey(f, sourceKeyOf(parts.article)!, frame, parts) : undefined;
  };
  const keyed = (url: string, key: () => string | undefined, known?: ReadonlyMap<string, string>): KeyedPage => {
    const rel = pagePath(url);
    return { url, rel, key: known?.get(rel) ?? key()! };
  };
  return {
    articles: (known) => (fingerprinter() ? articles.map((a) => keyed(a.url, () => article(articlePageParts(model, a)), known)) : []),
    articlesElsewhere: async () => {
      const f = fingerprinter();
      if (!f) return [];
      const job = articleKeyJob(model, f, sources as string[]);
      const keys = helper ? await helper.articleKeys(job, articles.length) : keysOfJob(job);
      return articles.map((a, i) => ({ url: a.url, rel: pagePath(a.url), key: keys[i]! }));
    },
    article,
    lists: () => {
      const f = fingerprinter();
      return f ? listPagesOf(model).map((p) => keyed(p.url, () => listPageKey(f, model, p))) : [];
    },
    publish: () => {
      const f = fingerprinter();
      if (!f) return [];
      return model.publishGroups.flatMap((group) => {
        const key = keyOfText("publish", group.inputs(f));
        return group.paths.map((url) => ({ url, rel: pagePath(url), key }));
      });
    },
  };
}

/**
 * The files of a full build in its staging folder: those written while rendering are kept when their
 * contents are final (Eleventy may still transform a page after its template rendered it), the rest are
 * written now, and any file no page ended up at is removed.
 */
async function finishFullWrite(staging: string, rendered: OutputFiles, streaming: StreamingWriter | undefined): Promise<Map<string, FileStamp>> {
  if (!streaming) return writeFolderAsync(staging, rendered);
  // Written by the article-page workers, then by the streaming writer (later, so it counts last).
  const written = new Map([...takeArticlePagesWritten(), ...(await streaming.finish())]);
  const stamps = new Map<string, FileStamp>();
  const rest: OutputFiles = new Map();
  for (const [rel, content] of rendered) {
    const early = written.get(rel);
    if (early && early.content === content) stamps.set(rel, early.stamp);
    else rest.set(rel, streaming.contentsOf(rel, content));
  }
  for (const rel of written.keys()) if (!rendered.has(rel)) rmSync(path.join(staging, rel), { force: true });
  for (const [rel, stamp] of await writeFolderAsync(staging, rest)) stamps.set(rel, stamp);
  return stamps;
}

/** Writing while rendering pays off only for sites big enough to outweigh starting a worker. */
function useStreamingWrites(articles: number): boolean {
  return articles >= PAGE_WORKERS_FROM;
}

/** Below this many article pages to render, starting worker threads costs more than it saves. */
const PAGE_WORKERS_FROM = 300;

function textOf(content: string | Uint8Array): string {
  return typeof content === "string" ? content : Buffer.from(content).toString("utf8");
}

let eleventyModule: Promise<typeof import("@11ty/eleventy")> | undefined;

/** Eleventy's module, loaded once, when first asked for. */
function loadEleventy(): Promise<typeof import("@11ty/eleventy")> {
  return (eleventyModule ??= import("@11ty/eleventy"));
}

/**
 * Renders every page Eleventy knows into memory: output path (relative, forward slashes) → contents. An
 * article page that a worker wrote is there as its stand-in (page-workers.ts), unless Eleventy would change
 * it after its template (a transform) or did change the stand-in (a layout): then its template renders it
 * whole, here. When nothing in Eleventy would change them, the pages workers write are left out of its
 * steps but one, which still goes through all of them: if that one changed, all are rendered again here.
 */
async function renderPages(
  model: SiteModel,
  outDir: string,
  options: {
    /**
     * Called with each page as soon as it is rendered; returns what the page's entry holds from then on:
     * the page, or with `keep` false its stand-in once the page was handed on to be written.
     */
    onPage?: ((rel: string, content: string | Uint8Array, keep?: boolean) => string | Uint8Array) | undefined;
    /** The key of an article page this thread renders for the workers (renderUnclaimedArticlePages). */
    keyOf?: ((parts: ArticlePageParts) => string | undefined) | undefined;
    /** Work for this thread before it takes the article pages no worker has begun (called once). */
    beforeTaking?: (() => void) | undefined;
  },
  standIns = true,
): Promise<OutputFiles> {
  const { onPage } = options;
  prepareBuild(model);
  const { default: Eleventy } = await loadEleventy();
  // The configuration file's own functions, called here rather than loaded by Eleventy: one module graph.
  const eleventy = new Eleventy(TEMPLATES_DIR, outDir, {
    quietMode: true,
    configPath: false,
    loader: "esm",
    config: async (eleventyConfig) => {
      // Eleventy prints a "Benchmark" warning when one step takes a large share of a build, which a
      // quick in-memory render easily triggers; the CLI reports problems alone (timings: --timings).
      const benchmarks = eleventyConfig.benchmarkManager;
      benchmarks?.setVerboseOutput(false);
      for (const group of Object.values(benchmarks?.getAll() ?? {})) group.setIsVerbose(false);
      if (onPage) {
        // Each page is handed on as soon as it is rendered (the toJSON result below stays the reference).
        const addTemplate = eleventyConfig.addTemplate.bind(eleventyConfig);
        eleventyConfig.addTemplate = <Data>(virtualPath: string, template: VirtualTemplate<Data>, data?: Record<string, unknown>) =>
          addTemplate<Data>(
            virtualPath,
            {
              ...template,
              render: async (pageData: Data) => {
                const content = await template.render(pageData);
                const outputPath = (pageData as { page?: { outputPath?: string | false } }).page?.outputPath;
                if (typeof outputPath === "string" && typeof content === "string") onPage(relativeOutput(outDir, outputPath), content);
                return content;
              },
            },
            data,
          );
      }
      await configureEleventy(eleventyConfig);
      eleventyConfig.setTemplateFormats(eleventyStaticConfig.templateFormats);
    },
  });
  // Problems are reported by the CLI; Eleventy's own summary line would interleave with them.
  eleventy.disableLogger();
  await eleventy.init();
  takeStandIns(standIns && eleventyKeepsPages(eleventy), eleventy.config?.keys);
  // Big full builds (those that write while rendering) spare Eleventy most list pages too.
  leaveOutListPages(standIns && onPage !== undefined);
  let pages: Awaited<ReturnType<typeof eleventy.toJSON>>;
  let lists: ReturnType<typeof takeLeftOutListPages>;
  try {
    pages = await eleventy.toJSON();
  } finally {
    lists = takeLeftOutListPages();
  }
  // The list pages Eleventy was spared are rendered here, while the workers write article pages. Each is
  // handed on as UTF-8 bytes, and only a stand-in is kept: kept whole until the build ended (48 MB of
  // strings at 10,000 articles, by a heap profile), the collector copied them twice each, and the writing
  // worker received them as strings to encode. Cold builds of 10,000: this thread promoted 129–139 MB
  // against 172–177 MB, the worker threads 46–52 MB against 94–98 MB.
  const listFiles: OutputFiles = new Map();
  for (const page of lists.pages) {
    const rel = pagePath(page.url);
    const html = renderListPage({ model, page });
    listFiles.set(rel, onPage ? onPage(rel, utf8Bytes(html), false) : html);
  }
  // Then the article pages no worker has begun, taken from the far end of the workers' queues (a full
  // build's: a warm build's all went through Eleventy above, so none is left).
  options.beforeTaking?.();
  renderUnclaimedArticlePages(options.keyOf);
  // The article pages workers wrote that Eleventy was spared (page-workers.ts, leaveOutWrittenPages).
  const leftOut = await takeLeftOutPages();
  const passthrough = eleventy.eleventyConfig?.userConfig?.passthroughCopies;
  if (passthrough && Object.keys(passthrough).length > 0) {
    throw new Error("passthrough copy is not supported by newsdesk build: publish files through templates (see src/site/pages/asset-files.ts)");
  }
  const files: OutputFiles = new Map();
  // Only a page a worker wrote can hold a stand-in: its output is either exactly that or the whole page.
  const written = articlePagesWritten();
  let renderAgain = false;
  for (const page of pages) {
    if (page.outputPath === false) continue;
    const rel = relativeOutput(outDir, page.outputPath);
    if (rel === "" || rel.startsWith("../") || rel === ".." || path.isAbsolute(rel)) {
      throw new Error(`${page.inputPath} would write outside the output folder: ${page.outputPath}`);
    }
    if (files.has(rel) || leftOut.has(rel) || listFiles.has(rel)) throw new Error(`two pages would be written to ${rel}`);
    // With pages left out, whatever changed the one that went through would have changed them too.
    if (written.has(rel) && page.content !== writtenStandIn(rel) && (leftOut.size > 0 || hasStandIn(page.content))) renderAgain = true;
    files.set(rel, page.content);
  }
  for (const [rel, content] of leftOut) files.set(rel, content);
  for (const [rel, content] of listFiles) files.set(rel, content);
  // Whatever changed the first page of a list in Eleventy would have changed the others too.
  if (lists.through.some((page) => files.get(pagePath(page.url)) !== renderListPage({ model, page }))) renderAgain = true;
  if (!renderAgain) return files;
  renderedAgain++;
  return renderPages(model, outDir, { onPage }, false);
}

let renderedAgain = 0;

/**
 * How many times in this process a build rendered its pages again because Eleventy changed a page it had
 * expected Eleventy to leave as its template rendered it (tests check when it does and does not).
 */
export function pagesRenderedAgain(): number {
  return renderedAgain;
}

/** Eleventy's own transforms, which leave every page as it is while no bundle and no HTML-transformer plugin is set up. */
const INERT_TRANSFORMS = new Set(["@11ty/eleventy-bundle", "@11ty/eleventy-bundle/delayed", "@11ty/eleventy/html-transformer"]);

/**
 * Whether Eleventy writes each HTML page exactly as its template rendered it: no transform but its own, no
 * bundle, no HTML-transformer callback or plugin at work (the bundle plugin's own one works only with a
 * bundle). What cannot be told (another Eleventy version) counts as a change.
 */
function eleventyKeepsPages(eleventy: InstanceType<typeof import("@11ty/eleventy").Eleventy>): boolean {
  if (Object.keys(eleventy.config?.transforms ?? {}).some((name) => !INERT_TRANSFORMS.has(name))) return false;
  const user = eleventy.eleventyConfig?.userConfig;
  const bundles = user?.getBundleManagers?.();
  const html = user?.htmlTransformer;
  if (!bundles || Object.keys(bundles).length > 0 || !html?.callbacks || typeof html.getPlugins !== "function") return false;
  return (html.callbacks.html ?? []).length === 0 && html.getPlugins("html").length === 0;
}

function relativeOutput(outDir: string, outputPath: string): string {
  return path.relative(outDir, path.resolve(outDir, outputPath)).split(path.sep).join("/");
}
