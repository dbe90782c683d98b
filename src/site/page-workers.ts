// Article pages rendered on worker threads. A build with many article pages to render starts the workers
// right after loading and, once the site model is made, asks for every one of those pages at once, each
// sent as plain data: the page's article and what it shows of others (links only), plus, once per worker,
// the parts every page shares. The workers make each page's share code and render the page while this
// thread goes through Eleventy's own steps for each page; the page's template then takes the HTML that is
// ready. A page rendered on a worker is byte for byte the page rendered here (tests/site/page-workers.test.ts).
import type { Worker } from "node:worker_threads";
import type { ArticleLink } from "../content/index.ts";
import { renderArticlePage, shareUrlOf, type ArticlePageFrame, type ArticlePageParts } from "../../templates/article.ts";
import { startModuleWorker } from "../runtime.ts";
import { shareCodeSvg } from "./share-code.ts";

/** Renders one article page on this thread: what a worker does for each page it is sent. */
export function renderArticlePageFrom(frame: ArticlePageFrame, parts: ArticlePageParts): string {
  return renderArticlePage({ ...frame, ...parts, shareCode: shareCodeSvg(shareUrlOf(frame.site, parts.article)) });
}

/** Pages per message: enough to keep messages few, few enough that a worker's first answer comes soon. */
const BATCH = 40;

interface Job {
  parts: ArticlePageParts;
  resolve: (html: string) => void;
  reject: (error: Error) => void;
}

class ArticlePagePool {
  private readonly queue: Job[] = [];
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job[]>();
  private frame: ArticlePageFrame | undefined;
  rendered = 0;

  constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      // A worker says "ready" once loaded, then answers each batch of pages with their HTML, in order.
      worker.on("message", (message: { ready?: true; html?: string[]; error?: string }) => {
        const batch = this.busy.get(worker);
        this.busy.delete(worker);
        if (batch) batch.forEach((job, i) => (message.html ? job.resolve(message.html[i]!) : job.reject(new Error(message.error))));
        if (message.html) this.rendered += message.html.length;
        this.idle.push(worker);
        this.dispatch();
      });
      // A worker that fails hands its batch back: the others, or this thread, render those pages.
      worker.on("error", () => {
        this.workers.splice(this.workers.indexOf(worker), 1);
        const idleAt = this.idle.indexOf(worker);
        if (idleAt >= 0) this.idle.splice(idleAt, 1);
        this.queue.unshift(...(this.busy.get(worker) ?? []));
        this.busy.delete(worker);
        this.dispatch();
      });
    }
  }

  /** The parts every page shares, sent once to each worker (messages to a worker arrive in order). */
  setFrame(frame: ArticlePageFrame): void {
    this.frame = frame;
    const slim: ArticlePageFrame = { site: frame.site, assets: frame.assets, hot: frame.hot.map((e) => ({ article: linkOf(e.article), views: e.views })) };
    for (const worker of this.workers) worker.postMessage({ frame: slim });
  }

  request(parts: ArticlePageParts): Promise<string> {
    return new Promise((resolve, reject) => {
      this.queue.push({ parts, resolve, reject });
    });
  }

  dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const batch = this.queue.splice(0, BATCH);
      this.busy.set(worker, batch);
      worker.postMessage({ pages: batch.map((job) => slimParts(job.parts)) });
    }
    if (this.workers.length === 0 && this.frame) {
      const frame = this.frame;
      for (const job of this.queue.splice(0)) {
        try {
          job.resolve(renderArticlePageFrom(frame, job.parts));
        } catch (error) {
          job.reject(error as Error);
        }
      }
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** A link's own fields only: other articles travel to the workers without their bodies. */
function linkOf(a: ArticleLink): ArticleLink {
  return { url: a.url, title: a.title, dateIso: a.dateIso, dateText: a.dateText };
}

function slimParts(parts: ArticlePageParts): ArticlePageParts {
  const { previous, next } = parts.neighbours;
  return {
    article: parts.article,
    tags: parts.tags.map((t) => ({ name: t.name, url: t.url })),
    neighbours: { ...(previous ? { previous: linkOf(previous) } : {}), ...(next ? { next: linkOf(next) } : {}) },
    related: parts.related.map(linkOf),
  };
}

let pool: ArticlePagePool | undefined;
const requested = new Map<string, Promise<string>>();
let renderedByWorkers = 0;

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
}

/**
 * Asks the workers for these pages now, in this order (Eleventy renders article pages in site order, so
 * pages are ready before their templates ask). Without workers, nothing is asked: pages render on demand.
 */
export function requestArticlePages(frame: ArticlePageFrame, pages: Iterable<ArticlePageParts>): void {
  if (!pool) return;
  pool.setFrame(frame);
  for (const parts of pages) {
    const promise = pool.request(parts);
    // A page that is never taken (a failed build) must not become an unhandled rejection.
    promise.catch(() => undefined);
    requested.set(parts.article.url, promise);
  }
  pool.dispatch();
}

/** The page asked for ahead, if it was (each is taken once). */
export function takeArticlePage(url: string): Promise<string> | undefined {
  const page = requested.get(url);
  requested.delete(url);
  return page;
}

/** How many pages worker threads have rendered in this process (tests check that they take part). */
export function articlePagesRenderedByWorkers(): number {
  return renderedByWorkers + (pool?.rendered ?? 0);
}

export async function stopArticlePageWorkers(): Promise<void> {
  const stopping = pool;
  pool = undefined;
  requested.clear();
  renderedByWorkers += stopping?.rendered ?? 0;
  await stopping?.stop();
}
