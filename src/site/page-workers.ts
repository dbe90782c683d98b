// Article pages rendered on worker threads. A build with many article pages to render starts the workers
// right after loading and, once the site model is made, asks for every one of those pages at once, each
// sent as plain data: the page's article, and what it shows of others as numbers into tables of links and
// tags (each entry sent once per worker: WirePage), plus, once per worker, the parts every page shares. The
// workers make each page's share code, render the page and, in a full build, write it into the staging
// folder and work out its key for the next build's cache, while this thread goes through Eleventy's own
// steps for each page; the page's template then takes the HTML that is ready or, for a page a worker wrote,
// a stand-in (writtenStandIn): its HTML never comes back to this thread. When Eleventy would change none of
// the pages workers write, it goes through only the first of them (leaveOutWrittenPages): its own steps for
// a page cost about as much as rendering it. Once this thread has rendered its own pages, it takes the
// batches no worker has begun, from the far end of their queues (renderUnclaimedArticlePages): each batch
// is claimed in memory the workers share, by whichever thread comes first. A page rendered on a worker is
// byte for byte the page rendered here, and its key is the one build.ts works out
// (tests/site/page-workers.test.ts, tests/site/build-workers.test.ts).
import type { Worker } from "node:worker_threads";
import type { Article, ArticleLink, TagGroup } from "../content/index.ts";
import { pagePath, writeEntries, type FileStamp } from "./output.ts";
import { renderArticlePage, type ArticlePageFrame, type ArticlePageParts } from "../../templates/article.ts";
import { absoluteUrl } from "../publish/urls.ts";
import { startModuleWorker } from "../runtime.ts";
import { shareCodeSvg } from "./share-code.ts";

/** Renders one article page on this thread: what a worker does for each page it is sent. */
export function renderArticlePageFrom(frame: ArticlePageFrame, parts: ArticlePageParts): string {
  return renderArticlePage({ ...frame, ...parts, shareCode: shareCodeSvg(absoluteUrl(parts.article.url, frame.site)) });
}

/** Pages per message: enough to keep messages few, few enough that a worker's first answer comes soon. */
const BATCH = 40;
/** Batches a worker is to have waiting, at least, while pages are kept back from it. */
const LOW = 4;

/** A rendered page: its HTML, or its file's stamp (and page key, when asked for) when the worker wrote it. */
type RenderedPage = { html: string } | { stamp: FileStamp; key?: string };

/** The source digest of an article (load.ts, sourceKeyOf), given here by the caller. */
type SourceOf = (article: ArticleLink) => string | undefined;

/**
 * One page as a worker is sent it. The articles it links to (neighbours, related reading) and its tags are
 * numbers into tables each worker is sent bit by bit, every entry once (PageBatch): most articles are linked
 * from several pages, and each link sent whole with every page made up most of what this thread serialised
 * (10,000 pages: 140–200 ms of serialising before, 50–90 ms since).
 */
export interface WirePage {
  article: Article;
  tags: number[];
  previous?: number;
  next?: number;
  related: number[];
  /** The source digest of the page's own article (load.ts, sourceKeyOf), when its key is wanted. */
  source?: string;
}

/** A batch of pages, with the table entries they are the first to need, in the order the worker adds them. */
export interface PageBatch {
  /** The batch's slot in the claims (ArticlePagePool): whoever claims it renders it. */
  id: number;
  pages: WirePage[];
  /** New link table entries, and their articles' source digests when page keys are wanted. */
  links?: ArticleLink[];
  linkSources?: (string | null)[];
  /** New tag table entries. */
  tags?: Pick<TagGroup, "name" | "url">[];
}

interface Job {
  parts: ArticlePageParts;
  resolve: (page: RenderedPage) => void;
  reject: (error: Error) => void;
}

/** A batch's claim (PageBatch.id): not begun, begun by a worker, or taken by this thread. */
export const UNCLAIMED = 0;
export const CLAIMED_BY_WORKER = 1;
const CLAIMED_HERE = 2;

/** Renders a job's page on this thread and answers it with the HTML (not written). */
function answerHere(frame: ArticlePageFrame, job: Job): void {
  try {
    job.resolve({ html: renderArticlePageFrom(frame, job.parts) });
  } catch (error) {
    job.reject(error as Error);
  }
}

class ArticlePagePool {
  private readonly queue: Job[] = [];
  /** Workers that said they are ready, with the batches sent to each, oldest first. */
  private readonly sent = new Map<Worker, Job[][]>();
  /** Per worker: the index of every link and tag it was sent, by the object it was sent for. */
  private readonly tables = new Map<Worker, { links: Map<ArticleLink, number>; tags: Map<object, number> }>();
  /** Every batch sent, by id, and its claim in memory the workers share (takeUnclaimed). */
  private readonly batches: Job[][] = [];
  private readonly ids = new Map<readonly Job[], number>();
  private claims: Int32Array | undefined;
  /**
   * Pages kept back from the workers (the last asked for), for this thread to render (takeUnclaimed) but
   * for a worker about to run out: those this thread would render are then never sent (see setFrame).
   */
  private hold = 0;
  /** Jobs by their article's URL, for a page waited for before it was sent (renderIfHeld). */
  private readonly jobs = new Map<string, Job>();
  private frame: ArticlePageFrame | undefined;
  private writeTo: string | undefined;
  private sourceOf: SourceOf | undefined;

  constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      // A worker says "ready" once loaded, then answers each batch of pages with their HTML, in order.
      worker.on("message", (message: { ready?: true; skipped?: true; joined?: string; lengths?: number[]; stamps?: FileStamp[]; keys?: (string | null)[]; error?: string }) => {
        const batch = message.ready ? undefined : this.sent.get(worker)?.shift();
        if (message.ready) {
          this.sent.set(worker, []);
          this.tables.set(worker, { links: new Map(), tags: new Map() });
        }
        if (batch && message.skipped) {
          // This thread took the batch (takeUnclaimed) and has answered its pages.
        } else if (batch && message.stamps) {
          batch.forEach((job, i) => job.resolve({ stamp: message.stamps![i]!, ...(typeof message.keys?.[i] === "string" ? { key: message.keys[i] } : {}) }));
          renderedByWorkers += batch.length;
        } else if (batch && message.joined !== undefined && message.lengths) {
          const html = cutApart(message.joined, message.lengths);
          batch.forEach((job, i) => job.resolve({ html: html[i]! }));
          renderedByWorkers += html.length;
        } else if (batch) {
          for (const job of batch) job.reject(new Error(message.error));
        }
        this.dispatch();
      });
      // A worker that fails hands its batches back: the others, or this thread, render those pages (but
      // for the batches this thread took; the others are marked taken, as they go out again as new ones).
      worker.on("error", () => {
        this.workers.splice(this.workers.indexOf(worker), 1);
        const unanswered = (this.sent.get(worker) ?? []).filter((batch) => {
          const id = this.ids.get(batch)!;
          if (!this.claims || id >= this.claims.length) return true;
          return Atomics.exchange(this.claims, id, CLAIMED_HERE) !== CLAIMED_HERE;
        });
        this.queue.unshift(...unanswered.flat());
        this.sent.delete(worker);
        this.tables.delete(worker);
        this.dispatch();
      });
    }
  }

  /**
   * The parts every page shares, sent once to each worker (messages to a worker arrive in order), the
   * folder the workers also write each page into, if any, and whether they work out the pages' keys too:
   * then with the source digests of the hot list's articles (each page's own go with the page).
   */
  setFrame(frame: ArticlePageFrame, writeTo: string | undefined, sourceOf: SourceOf | undefined, pages: number, keepBack: boolean): void {
    this.frame = frame;
    this.writeTo = writeTo;
    const hotKeys = sourceOf ? frame.hot.map((e) => sourceOf(e.article)) : [];
    this.sourceOf = sourceOf && hotKeys.every((k) => k !== undefined) ? sourceOf : undefined;
    // A slot for every batch these pages make, and for those a failed worker's pages make again. (Batches
    // past the slots, were pages asked for again, are a worker's alone: it renders them unclaimed.)
    this.claims ??= new Int32Array(new SharedArrayBuffer(4 * (Math.ceil(pages / BATCH) + 1) * (this.workers.length + 1)));
    // A full build's main thread renders about a share of the article pages once its own work is done
    // (takeUnclaimed): 3,160 of 10,000 with one worker, every one of them sent to the worker first, when
    // all were sent at once. Those are kept back now, when the caller will take them: on two cores a third
    // of the pages, with more cores less. A worker that runs low is sent more of them, so too large a share
    // costs nothing but messages.
    this.hold = keepBack ? Math.floor(pages / (this.workers.length + 2)) : 0;
    const slim: ArticlePageFrame = { site: frame.site, assets: frame.assets, hot: frame.hot.map((e) => ({ article: linkOf(e.article), views: e.views })) };
    for (const worker of this.workers) worker.postMessage({ frame: slim, writeTo, claims: this.claims, ...(this.sourceOf ? { hotKeys } : {}) });
  }

  request(parts: ArticlePageParts): Promise<RenderedPage> {
    return new Promise((resolve, reject) => {
      const job = { parts, resolve, reject };
      this.queue.push(job);
      this.jobs.set(parts.article.url, job);
    });
  }

  /** How many of a worker's batches (those sent to it, oldest first) it has not begun, up to `enough`. */
  private waiting(batches: readonly Job[][], enough: number): number {
    let count = 0;
    for (let b = batches.length - 1; b >= 0 && count < enough; b--) {
      const id = this.ids.get(batches[b]!)!;
      if (this.claims && id < this.claims.length && Atomics.load(this.claims, id) !== UNCLAIMED) break;
      count++;
    }
    return count;
  }

  /**
   * Renders here, at once, a page kept back (setFrame) that no worker was sent: for a page Eleventy waits
   * for before this thread took the kept-back pages (when it goes through every page). Its HTML goes back
   * as for a page rendered without workers.
   */
  renderIfHeld(url: string): void {
    const job = this.jobs.get(url);
    if (!job || !this.frame || this.hold === 0 || this.queue.length === 0) return;
    const at = this.queue.lastIndexOf(job);
    if (at < Math.max(0, this.queue.length - this.hold)) return;
    this.queue.splice(at, 1);
    answerHere(this.frame, job);
  }

  dispatch(): void {
    // While Eleventy sets up and renders, this thread rarely gets to a worker's message (its promises run
    // first): a worker waiting for its next batch would wait long. So each worker is sent its share of all
    // the pages at once (a worker that is not ready yet gets its share when it is), one batch to each in
    // turn, so that pages come back in about the order they were asked for. The pages kept back (setFrame)
    // are not sent but to a worker about to run out.
    let outstanding = Math.ceil(this.queue.length / BATCH);
    for (const batches of this.sent.values()) outstanding += batches.length;
    const share = Math.max(2, Math.ceil(outstanding / Math.max(1, this.workers.length)));
    for (let sending = true; sending && this.queue.length > 0; ) {
      sending = false;
      for (const [worker, batches] of this.sent) {
        if (batches.length >= share || this.queue.length === 0) continue;
        if (this.queue.length <= this.hold && this.waiting(batches, LOW) >= LOW) continue;
        const batch = this.queue.splice(0, BATCH);
        batches.push(batch);
        this.ids.set(batch, this.batches.push(batch) - 1);
        worker.postMessage(this.batchFor(this.tables.get(worker)!, batch));
        sending = true;
      }
    }
    if (this.workers.length === 0 && this.frame) {
      for (const job of this.queue.splice(0)) answerHere(this.frame, job);
    }
  }

  /**
   * Renders here the pages no worker has begun: first those not sent yet (the last first, while sending the
   * first to any worker about to run out), then the batches sent, the last first, each claimed in the
   * memory the workers share (a worker claims each batch before rendering it, and skips those this thread
   * took), so that this thread, once its own pages are rendered, works through the workers' queues from the
   * far end until it meets them. Pages are written as a worker writes them, with their keys from `keyOf`
   * when given.
   */
  takeUnclaimed(keyOf?: (parts: ArticlePageParts) => string | undefined): void {
    const { claims, frame } = this;
    if (!claims || !frame) return;
    const render = (jobs: readonly Job[]) => {
      try {
        const html = jobs.map((job) => renderArticlePageFrom(frame, job.parts));
        if (this.writeTo === undefined) jobs.forEach((job, i) => job.resolve({ html: html[i]! }));
        else {
          const stamps = writeEntries(this.writeTo, jobs.map((job, i) => [pagePath(job.parts.article.url), html[i]!]));
          jobs.forEach((job, i) => {
            const key = keyOf?.(job.parts);
            job.resolve({ stamp: stamps[i]![1], ...(key !== undefined ? { key } : {}) });
          });
        }
        renderedHere += jobs.length;
      } catch (error) {
        for (const job of jobs) job.reject(error as Error);
      }
    };
    while (this.queue.length > 0) {
      if (this.workers.length > 0) this.dispatch();
      const jobs = this.queue.splice(Math.max(0, this.queue.length - BATCH));
      if (jobs.length > 0) render(jobs);
    }
    for (let id = Math.min(this.batches.length, claims.length) - 1; id >= 0; id--) {
      if (Atomics.compareExchange(claims, id, UNCLAIMED, CLAIMED_HERE) === UNCLAIMED) render(this.batches[id]!);
    }
  }

  /** A batch of pages for a worker that was sent the table entries in `tables`, which it now also gets. */
  private batchFor(tables: { links: Map<ArticleLink, number>; tags: Map<object, number> }, batch: readonly Job[]): PageBatch {
    const sourceOf = this.sourceOf;
    const links: ArticleLink[] = [];
    const linkSources: (string | null)[] = [];
    const tags: Pick<TagGroup, "name" | "url">[] = [];
    const link = (a: ArticleLink): number => {
      let index = tables.links.get(a);
      if (index === undefined) {
        tables.links.set(a, (index = tables.links.size));
        links.push(linkOf(a));
        if (sourceOf) linkSources.push(sourceOf(a) ?? null);
      }
      return index;
    };
    const tag = (t: Pick<TagGroup, "name" | "url">): number => {
      let index = tables.tags.get(t);
      if (index === undefined) {
        tables.tags.set(t, (index = tables.tags.size));
        tags.push({ name: t.name, url: t.url });
      }
      return index;
    };
    const pages = batch.map(({ parts }): WirePage => {
      const { previous, next } = parts.neighbours;
      const source = sourceOf?.(parts.article);
      return {
        article: parts.article,
        tags: parts.tags.map(tag),
        previous: previous ? link(previous) : undefined,
        next: next ? link(next) : undefined,
        related: parts.related.map(link),
        ...(source !== undefined ? { source } : {}),
      };
    });
    return {
      id: this.ids.get(batch)!,
      pages,
      ...(links.length > 0 ? { links, ...(sourceOf ? { linkSources } : {}) } : {}),
      ...(tags.length > 0 ? { tags } : {}),
    };
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * A batch's pages from the one string they travel in (pages no worker writes: a warm build's, which this
 * thread keeps until the build is written). Arriving as one string of hundreds of kilobytes, which V8 puts
 * straight among the large objects, and kept as slices of it, they are never copied by the young
 * generation's collections: when full builds still sent their pages this way, this thread's collection
 * pauses at 10,000 articles went from 1.1–1.4 s to 0.75 s.
 */
function cutApart(joined: string, lengths: readonly number[]): string[] {
  let at = 0;
  return lengths.map((length) => joined.slice(at, (at += length)));
}

/** A link's own fields only: other articles travel to the workers without their bodies. */
function linkOf(a: ArticleLink): ArticleLink {
  return { url: a.url, title: a.title, dateIso: a.dateIso, dateText: a.dateText };
}

let pool: ArticlePagePool | undefined;
const requested = new Map<string, Promise<string>>();
let renderedByWorkers = 0;
let renderedHere = 0;
let leftOutOfEleventy = 0;
/** Output path → key of a page a worker (or this thread, taking its share) wrote, worked out with it (page-keys.ts). */
let keysWithPages = new Map<string, string>();
/** Output path → file written by a worker, with its stand-in (writtenStandIn) as its contents. */
let written = new Map<string, { stamp: FileStamp; content: string }>();
let standInsTaken = true;
/** URLs of the article pages workers write (a full build's), as asked for. */
let toWrite = new Set<string>();
/** URLs of the article pages left out of Eleventy (leaveOutWrittenPages), not yet taken. */
let leftOut = new Set<string>();
/** The data keys Eleventy reads a layout and computed data from (its configuration's `keys`). */
let cascadeKeys = { layout: "layout", computed: "eleventyComputed" };

const STAND_IN = "\u0000newsdesk: written by a page worker\u0000";

/**
 * What the template of an article page that a worker wrote gives Eleventy instead of the page: a string no
 * page can be (it starts with a NUL character), and one for each output path. A full build keeps the file
 * the worker wrote when Eleventy's output for the page is exactly its stand-in (build.ts).
 */
export function writtenStandIn(rel: string): string {
  return `${STAND_IN}${rel}`;
}

/** Whether `content` is, or contains, a stand-in for a page a worker wrote. */
export function hasStandIn(content: string): boolean {
  return content.includes(STAND_IN);
}

/**
 * Whether article pages' templates take stand-ins for the pages workers wrote (the default) or render those
 * pages again on this thread: when Eleventy would change a page after its template (a transform), its
 * template must give the real page.
 */
export function takeStandIns(take: boolean, keys?: { layout?: string; computed?: string }): void {
  standInsTaken = take;
  cascadeKeys = { layout: keys?.layout ?? "layout", computed: keys?.computed ?? "eleventyComputed" };
}

/**
 * Whether Eleventy writes the pages of a template with this data exactly as the template renders them:
 * stand-ins are taken (nothing changes pages after their templates) and the data gives no layout and no
 * computed data (which could differ from page to page).
 */
export function pagesStayAsRendered(data: Record<string, unknown>): boolean {
  return standInsTaken && data[cascadeKeys.layout] === undefined && data[cascadeKeys.computed] === undefined;
}

/**
 * The articles whose pages Eleventy still goes through, from those its pagination holds: when its pages
 * stay as rendered (pagesStayAsRendered), Eleventy would only hand each page a worker wrote its stand-in,
 * so all of them but the first are left out and taken, as stand-ins, by takeLeftOutPages. The first still
 * goes through all of Eleventy's steps: if anything changes it after all, build.ts renders again without
 * stand-ins.
 */
export function leaveOutWrittenPages<T extends { url: string }>(articles: T[], data: Record<string, unknown>): T[] {
  if (toWrite.size === 0 || !pagesStayAsRendered(data)) return articles;
  const through: T[] = [];
  let probed = false;
  for (const article of articles) {
    if (!toWrite.has(article.url) || !probed) {
      probed ||= toWrite.has(article.url);
      through.push(article);
    } else {
      leftOut.add(article.url);
    }
  }
  return through;
}

/**
 * The pages left out of Eleventy (leaveOutWrittenPages), once the workers have them: output path → the
 * page's stand-in or, for a page no worker could write after all, its HTML.
 */
export async function takeLeftOutPages(): Promise<Map<string, string>> {
  const urls = [...leftOut];
  leftOut = new Set();
  leftOutOfEleventy += urls.length;
  const pages = await Promise.all(
    urls.map((url) => {
      const page = requested.get(url);
      requested.delete(url);
      pool?.renderIfHeld(url);
      if (!page) throw new Error(`the article page ${url} was left out of Eleventy but never asked for`);
      return page;
    }),
  );
  return new Map(urls.map((url, i) => [pagePath(url), pages[i]!]));
}

/** Starts `count` worker threads for article pages; they load while the build plans. */
export function startArticlePageWorkers(count: number): void {
  if (pool || count < 1) return;
  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    try {
      workers.push(startModuleWorker("page-worker", new URL("./page-worker.ts", import.meta.url)));
    } catch {
      break;
    }
  }
  if (workers.length > 0) pool = new ArticlePagePool(workers);
  written = new Map();
  toWrite = new Set();
  leftOut = new Set();
  keysWithPages = new Map();
}

/**
 * Asks the workers for these pages now, in this order (Eleventy renders article pages in site order, so
 * pages are ready before their templates ask). With `writeTo` (a full build's staging folder), the workers
 * also write each page there (articlePagesWritten) and, given `sourceOf` (load.ts, sourceKeyOf), work out
 * its key for the next build (takeArticlePageKeys). With `keepBack`, the caller will take the pages no
 * worker has begun (renderUnclaimedArticlePages), and the last of them are kept for it. Without workers,
 * nothing is asked: pages render on demand.
 */
export function requestArticlePages(frame: ArticlePageFrame, pages: readonly ArticlePageParts[], writeTo?: string, sourceOf?: SourceOf, keepBack = false): void {
  if (!pool) return;
  pool.setFrame(frame, writeTo, writeTo === undefined ? undefined : sourceOf, pages.length, keepBack);
  for (const parts of pages) {
    const promise = pool.request(parts).then((page) => {
      if ("html" in page) return page.html;
      const rel = pagePath(parts.article.url);
      const content = writtenStandIn(rel);
      written.set(rel, { stamp: page.stamp, content });
      if (page.key !== undefined) keysWithPages.set(rel, page.key);
      return content;
    });
    // A page that is never taken (a failed build) must not become an unhandled rejection.
    promise.catch(() => undefined);
    requested.set(parts.article.url, promise);
    if (writeTo !== undefined) toWrite.add(parts.article.url);
  }
  pool.dispatch();
}

/**
 * The page asked for ahead (each is taken once): its HTML or its stand-in, or undefined when it was not
 * asked for, or when it is a stand-in that must not be taken (takeStandIns): render it here then.
 */
export async function takeArticlePage(url: string): Promise<string | undefined> {
  const page = requested.get(url);
  requested.delete(url);
  pool?.renderIfHeld(url);
  if (!page || standInsTaken) return page;
  const html = await page;
  return hasStandIn(html) ? undefined : html;
}

/** The pages workers wrote since they were last started: output path → stamp and stand-in. */
export function articlePagesWritten(): ReadonlyMap<string, { stamp: FileStamp; content: string }> {
  return written;
}

/**
 * The keys worked out for the pages workers wrote since they were last started, and for those this thread
 * took (output path → key), let go of here. Take them before stopping the workers, which drops them.
 */
export function takeArticlePageKeys(): ReadonlyMap<string, string> {
  const taken = keysWithPages;
  keysWithPages = new Map();
  return taken;
}

/** articlePagesWritten, let go of here. */
export function takeArticlePagesWritten(): ReadonlyMap<string, { stamp: FileStamp; content: string }> {
  const taken = written;
  written = new Map();
  return taken;
}

/**
 * Renders on this thread the pages asked for that no worker has begun (ArticlePagePool.takeUnclaimed):
 * for once this thread has rendered its own pages, while the workers render theirs. Pages it writes get
 * their keys from `keyOf`, as a worker works them out (takeArticlePageKeys).
 */
export function renderUnclaimedArticlePages(keyOf?: (parts: ArticlePageParts) => string | undefined): void {
  pool?.takeUnclaimed(keyOf);
}

/** How many pages worker threads have rendered in this process (tests check that they take part). */
export function articlePagesRenderedByWorkers(): number {
  return renderedByWorkers;
}

/** How many of the pages asked of the workers this thread took and rendered (renderUnclaimedArticlePages). */
export function articlePagesRenderedHere(): number {
  return renderedHere;
}

/** How many article pages were left out of Eleventy's steps in this process (tests check when they are). */
export function articlePagesLeftOutOfEleventy(): number {
  return leftOutOfEleventy;
}

export async function stopArticlePageWorkers(): Promise<void> {
  const stopping = pool;
  pool = undefined;
  requested.clear();
  keysWithPages = new Map();
  toWrite = new Set();
  leftOut = new Set();
  await stopping?.stop();
}
