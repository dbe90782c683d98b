// Parses many articles on every core: the calling thread and one worker thread per other core take chunks
// of files from one shared counter, so each thread takes its next chunk the moment it is free, and parsing
// starts at once while the workers are still loading. On two cores that is one worker; a build that will
// parse starts it before its own modules load (src/cli/prestart.ts), so it is ready by the time the files
// are listed. A worker for each core, with the calling thread parsing only until one was ready, loads and
// compiles the parser once more and sends every article across: in six paired cold builds of 10,000
// articles that took 3–18% longer (load phase 0.2–0.5 s longer). Results keep the input order.
import { closeSync, fstatSync, openSync, readFileSync, type Stats } from "node:fs";
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { decodeArticle, parseArticle, type ParsedArticle } from "./article.ts";
import { parseKey } from "./parse-cache.ts";
import type { SiteConfig } from "./site-config.ts";
import { releasePrestartedWorker, startModuleWorker, takePrestartedWorker } from "../runtime.ts";

export interface ParseJob {
  /** Path relative to the site root, as used in messages and URLs. */
  file: string;
  /** The file's bytes; or, when absent, `path` is read by whichever thread parses the file. */
  bytes?: Uint8Array;
  /** The file on disk (absolute), read when `bytes` is not given. */
  path?: string;
  /** Also say what the file looked like before it was read (for the parse cache's file stamps). */
  look?: boolean;
}

/** What a file looked like (its stat) at `at` (ms since the epoch). */
export type FileLook = Pick<Stats, "size" | "mtimeMs" | "ctimeMs" | "ino"> & { at: number };

/** A parse result, with the file's cache key (parse-cache.ts) and look when the parsing thread read the file. */
export type ParsedJob = ParsedArticle & { key?: string; look?: FileLook };

/** Fewer files than this are parsed on the calling thread: starting a worker costs about as much. */
export const PARALLEL_THRESHOLD = 400;
const CHUNK = 200;

/** Reads (when asked to), decodes and parses one file: exactly what a worker does for each job. */
export function parseJob(job: ParseJob, site: SiteConfig): ParsedJob {
  let look: FileLook | undefined;
  let bytes = job.bytes;
  if (!bytes && job.look) ({ bytes, look } = readLooked(job.path!));
  bytes ??= readFileSync(job.path!);
  const key = job.bytes ? {} : { key: parseKey(job.file, bytes), ...(look ? { look } : {}) };
  const decoded = decodeArticle(bytes, job.file);
  if (decoded.text === undefined) return { problems: decoded.problems, ...key };
  const result = parseArticle(decoded.text, job.file, site);
  return { ...(result.article ? { article: result.article } : {}), problems: [...decoded.problems, ...result.problems], ...key };
}

/**
 * A file's bytes and what it looked like before they were read: its stat through the open file (the very
 * file read, and no second lookup of its path: at 10,000 files a stat by path cost 0.1 s of CPU).
 */
function readLooked(file: string): { bytes: Uint8Array; look: FileLook } {
  const fd = openSync(file, "r");
  try {
    const { size, mtimeMs, ctimeMs, ino } = fstatSync(fd);
    const look = { size, mtimeMs, ctimeMs, ino, at: Date.now() };
    // Read to the end whatever the size said: the file may be growing while it is read.
    return { bytes: readFileSync(fd), look };
  } finally {
    closeSync(fd);
  }
}

/**
 * What a worker is sent, once: every job (bytes given by the caller travel in one shared buffer, so that
 * no worker copies the bytes of files others parse) and the counter of chunks taken so far.
 */
export interface ParseWork {
  site: SiteConfig;
  jobs: (Omit<ParseJob, "bytes"> & { shared?: [offset: number, length: number] })[];
  bytes?: Uint8Array;
  /** Int32Array over a SharedArrayBuffer: [0] is the next chunk to take. */
  taken: Int32Array;
  chunk: number;
}

/** A worker's answer: the results of one chunk, in order; or, once no chunk is left, that it is done. */
export type ParseAnswer = { chunk: number; results: ParsedJob[] } | { done: true };

/** Takes chunks from the shared counter until none is left, answering each: what a parsing worker does. */
export function parseTakenChunks(work: ParseWork, answer: (message: ParseAnswer) => void): void {
  const { site, jobs, bytes, taken, chunk } = work;
  for (let c = Atomics.add(taken, 0, 1); c * chunk < jobs.length; c = Atomics.add(taken, 0, 1)) {
    const results: ParsedJob[] = [];
    for (let i = c * chunk; i < Math.min(jobs.length, (c + 1) * chunk); i++) {
      const { shared, ...job } = jobs[i]!;
      // A copy of its own (slice of a shared view), as the decoder takes no shared memory.
      results.push(parseJob(shared ? { ...job, bytes: bytes!.slice(shared[0], shared[0] + shared[1]) } : job, site));
    }
    answer({ chunk: c, results });
  }
  answer({ done: true });
}

export interface ParseOptions {
  /** Threads to parse on, the calling one included (default: one per core); 1: the calling thread alone. */
  threads?: number;
  /** Whether the calling thread parses too (default true); false: it only collects, `threads` workers parse. */
  callerParses?: boolean;
  /** Filled with how many files the workers parsed. */
  stats?: { byWorkers: number };
  /** Called once the workers are started (at once when there are none). */
  whileParsing?: () => void;
}

export async function parseAll(jobs: readonly ParseJob[], site: SiteConfig, options: ParseOptions = {}): Promise<ParsedJob[]> {
  const threads = options.threads ?? availableParallelism();
  const stats = options.stats ?? { byWorkers: 0 };
  const results: ParsedJob[] = new Array(jobs.length);
  const callerParses = options.callerParses !== false;
  const workerCount = threads <= 1 || jobs.length < PARALLEL_THRESHOLD ? 0 : Math.min(callerParses ? threads - 1 : threads, 8, Math.ceil(jobs.length / CHUNK));
  if (workerCount === 0) {
    // A worker started ahead for this (bin/newsdesk.js) is not needed.
    releasePrestartedWorker("parse-worker");
    options.whileParsing?.();
    jobs.forEach((job, i) => (results[i] = parseJob(job, site)));
    return results;
  }
  const work: ParseWork = { site, ...shareBytes(jobs), taken: new Int32Array(new SharedArrayBuffer(4)), chunk: CHUNK };
  const take = (): number | undefined => {
    const c = Atomics.add(work.taken, 0, 1);
    return c * CHUNK < jobs.length ? c : undefined;
  };

  // Done when every chunk is parsed, or when no worker is left to answer for the chunks it took.
  const chunks = Math.ceil(jobs.length / CHUNK);
  let completed = 0;
  let active = 0;
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const complete = () => ++completed === chunks && settle();
  const workers: Worker[] = [];
  for (let n = 0; n < workerCount; n++) {
    let worker: Worker;
    try {
      worker = startWorker();
    } catch {
      // No worker in this environment: the calling thread parses everything.
      break;
    }
    workers.push(worker);
    active++;
    let gone = false;
    const leave = () => {
      if (gone) return;
      gone = true;
      if (--active === 0) settle();
    };
    worker.on("message", (message: ParseAnswer) => {
      if ("done" in message) return leave();
      message.results.forEach((r, i) => (results[message.chunk * CHUNK + i] = r));
      stats.byWorkers += message.results.length;
      complete();
    });
    // A worker that fails leaves its chunk to the calling thread: correctness never depends on a worker.
    worker.on("error", leave);
    worker.on("exit", leave);
    // Queued until the worker has loaded; it then takes chunks as long as any are left (none, if this
    // thread took them all meanwhile: nothing waits for a worker that is still loading).
    worker.postMessage(work);
  }

  options.whileParsing?.();
  // The calling thread parses chunks too, yielding between them so worker messages are handled; then it
  // waits for the chunks the workers took.
  try {
    for (let c = workers.length === 0 || callerParses ? take() : undefined; c !== undefined; c = take()) {
      for (let i = c * CHUNK; i < Math.min(jobs.length, (c + 1) * CHUNK); i++) results[i] = parseJob(jobs[i]!, site);
      complete();
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (completed < chunks) await settled;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  // Anything a failed worker left unparsed is parsed here.
  for (let i = 0; i < jobs.length; i++) results[i] ??= parseJob(jobs[i]!, site);
  return results;
}

/** The jobs as workers are sent them: bytes given by the caller copied once into one shared buffer. */
function shareBytes(jobs: readonly ParseJob[]): Pick<ParseWork, "jobs" | "bytes"> {
  let total = 0;
  for (const job of jobs) total += job.bytes?.length ?? 0;
  if (total === 0) return { jobs: jobs as ParseWork["jobs"] };
  const bytes = new Uint8Array(new SharedArrayBuffer(total));
  let at = 0;
  const shared = jobs.map(({ bytes: own, ...job }) => {
    if (!own) return job;
    bytes.set(own, at);
    at += own.length;
    return { ...job, shared: [at - own.length, own.length] as [number, number] };
  });
  return { jobs: shared, bytes };
}

/** A parsing worker: the one `newsdesk build` started ahead, if it is still there, or a new one. */
function startWorker(): Worker {
  return takePrestartedWorker("parse-worker") ?? startModuleWorker("parse-worker", new URL("./parse-worker.ts", import.meta.url));
}
