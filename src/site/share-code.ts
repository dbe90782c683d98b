// The share QR code of a page, made at build time (no third-party request, no script): an inline SVG a
// phone camera can open, encoded by qr-code.ts (the URL's bytes at level M), the same on every build.
// 10,000 codes still take seconds, so a build of many pages makes them on worker threads while Eleventy
// renders (`startShareCodeWorkers`).
import type { Worker } from "node:worker_threads";
import { encodeQr, qrSvg } from "./qr-code.ts";
import { startModuleWorker } from "../runtime.ts";

/** The QR code of `url` as an `<svg>` element, labelled for screen readers, made on this thread. */
export async function makeShareCode(url: string): Promise<string> {
  // The markup holds only numbers from the symbol (no text from the URL): safe as HTML.
  return qrSvg(encodeQr(new TextEncoder().encode(url)), 2, 'class="qr-code" role="img" aria-label="本页二维码"');
}

/** The QR code of `url`: asked for ahead (prefetchShareCodes), or from the workers, or made here. */
export function renderShareCode(url: string): Promise<string> {
  const ahead = prefetched.get(url);
  if (ahead) {
    prefetched.delete(url);
    return ahead;
  }
  return pool ? pool.request(url) : makeShareCode(url);
}

const prefetched = new Map<string, Promise<string>>();

/**
 * Asks the workers for the codes of `urls` now, in that order. Eleventy renders the pages of one template
 * one after another, so without this each page would wait for its own code; this way the workers stay
 * ahead of the pages and the codes are ready when the pages ask.
 */
export function prefetchShareCodes(urls: Iterable<string>): void {
  if (!pool) return;
  for (const url of urls) {
    if (prefetched.has(url)) continue;
    const promise = pool.request(url);
    // A page that is never rendered never asks: its failure must not go unhandled.
    promise.catch(() => undefined);
    prefetched.set(url, promise);
  }
}

const BATCH = 100;

interface Job {
  url: string;
  resolve: (svg: string) => void;
  reject: (error: Error) => void;
}

class ShareCodePool {
  private readonly queue: Job[] = [];
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job[]>();
  private flushScheduled = false;

  constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      // A worker says "ready" once loaded, then answers each batch of URLs with their codes, in order.
      worker.on("message", (message: { ready?: true; svgs?: string[]; error?: string }) => {
        const batch = this.busy.get(worker);
        this.busy.delete(worker);
        if (batch) batch.forEach((job, i) => (message.svgs ? job.resolve(message.svgs[i]!) : job.reject(new Error(message.error))));
        if (message.svgs) madeByWorkers += message.svgs.length;
        this.idle.push(worker);
        this.dispatch();
      });
      // A worker that fails hands its batch back: the others, or this thread, make those codes.
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

  request(url: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.queue.push({ url, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => {
          this.flushScheduled = false;
          this.dispatch();
        });
      }
    });
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const batch = this.queue.splice(0, BATCH);
      this.busy.set(worker, batch);
      worker.postMessage(batch.map((job) => job.url));
    }
    if (this.workers.length === 0) {
      for (const job of this.queue.splice(0)) makeShareCode(job.url).then(job.resolve, job.reject);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

let pool: ShareCodePool | undefined;
let madeByWorkers = 0;

/** How many codes worker threads have made in this process (tests check that they take part). */
export function shareCodesMadeByWorkers(): number {
  return madeByWorkers;
}

/** Starts `count` worker threads that make share codes for renderShareCode until stopShareCodeWorkers. */
export function startShareCodeWorkers(count: number): void {
  if (pool || count < 1) return;
  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    try {
      workers.push(startModuleWorker("share-code-worker", new URL("./share-code-worker.ts", import.meta.url)));
    } catch {
      break;
    }
  }
  if (workers.length > 0) pool = new ShareCodePool(workers);
}

export async function stopShareCodeWorkers(): Promise<void> {
  const stopping = pool;
  pool = undefined;
  prefetched.clear();
  await stopping?.stop();
}
