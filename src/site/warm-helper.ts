// Work a warm build hands to the warm worker (warm-worker.ts), on the core its main thread leaves idle: at
// 10,000 articles, looking at the last build's 12,000 files took the main thread 110–130 ms and the
// article pages' keys 0.2–0.25 s. The worker is started ahead when the site has a cache
// (src/cli/prestart.ts). What the worker cannot do (it did not start, failed, or found no manifest) is
// done on the main thread instead, with the same results.
import type { Worker } from "node:worker_threads";
import { startModuleWorker, takePrestartedWorker } from "../runtime.ts";
import { findChangedFiles, intactBut, type FileStamp } from "./output.ts";
import { keysOfJob, type ArticleKeyJob } from "./page-keys.ts";
import type { WarmAnswer, WarmRequest } from "./warm-worker.ts";

/** Below this many article pages, their keys are worked out on the main thread: a message costs more. */
export const KEY_WORKER_FROM = 300;

const onWorker = { keys: 0, files: 0 };

/** How many page keys and output files in this process a warm worker worked out and looked at (for tests). */
export function doneOnWorker(): Readonly<typeof onWorker> {
  return { ...onWorker };
}

export class WarmHelper {
  private worker: Worker | undefined;
  /** Answers due, in the order the requests went out (the worker answers in order). */
  private readonly due: ((answer: WarmAnswer | undefined) => void)[] = [];

  /** A helper with the worker started ahead, or a new one. */
  static start(): WarmHelper {
    const helper = new WarmHelper();
    try {
      helper.worker = takePrestartedWorker("warm-worker") ?? startModuleWorker("warm-worker", new URL("./warm-worker.ts", import.meta.url));
    } catch {
      return helper;
    }
    const worker = helper.worker;
    // Held open only while an answer is due: an idle helper never keeps the process alive.
    worker.unref();
    worker.on("message", (answer: WarmAnswer) => {
      helper.due.shift()?.(answer);
      if (helper.due.length === 0) worker.unref();
    });
    // A worker that fails or exits answers nothing more: what is due is done on the main thread.
    const gone = () => {
      helper.worker = undefined;
      for (const answer of helper.due.splice(0)) answer(undefined);
    };
    worker.on("error", gone);
    worker.on("exit", gone);
    return helper;
  }

  private ask(request: WarmRequest): Promise<WarmAnswer | undefined> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.due.push(resolve);
      worker.ref();
      worker.postMessage(request);
    });
  }

  /**
   * Starts looking at the files the manifest in `manifest` lists, in `outDir`; the result is for those
   * `previous` lists (the same manifest, as the main thread read and checked it): the files still intact.
   */
  intactFiles(manifest: string, outDir: string): (previous: ReadonlyMap<string, FileStamp>) => Promise<Set<string>> {
    const answer = this.ask({ changedFiles: { manifest, outDir } });
    return async (previous) => {
      const found = await answer;
      const changed = found && "changed" in found && found.files === previous.size ? found.changed : undefined;
      if (changed) onWorker.files += previous.size;
      return intactBut(previous, changed ?? findChangedFiles(outDir, previous));
    };
  }

  /** The keys of the job's `pages`, in its order: on the worker for many pages, else here. */
  async articleKeys(job: ArticleKeyJob, pages: number): Promise<string[]> {
    if (pages < KEY_WORKER_FROM) return keysOfJob(job);
    const answer = await this.ask({ keys: job });
    if (answer && "keys" in answer && answer.keys.length === pages) {
      onWorker.keys += pages;
      return answer.keys;
    }
    return keysOfJob(job);
  }

  /** Stops the worker; whatever is still due is done on the main thread. */
  stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const answer of this.due.splice(0)) answer(undefined);
    void worker?.terminate();
  }
}
