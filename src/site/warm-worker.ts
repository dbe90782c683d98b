// The warm worker: work a warm build hands to a core of its own (warm-helper.ts): looking at the last
// build's files, as its manifest lists them, while the build loads; and every article page's key
// (page-keys.ts, keysOfJob) while the main thread works out the list pages' keys and loads Eleventy.
// Answers each message in order.
import { parentPort } from "node:worker_threads";
import { findChangedFiles, readManifestFiles } from "./output.ts";
import { keysOfJob, type ArticleKeyJob } from "./page-keys.ts";

export type WarmRequest = { changedFiles: { manifest: string; outDir: string } } | { keys: ArticleKeyJob };
export type WarmAnswer = { changed?: string[]; files?: number } | { keys: string[] } | { error: string };

const port = parentPort;
port?.on("message", (request: WarmRequest) => {
  try {
    if ("keys" in request) {
      port.postMessage({ keys: keysOfJob(request.keys) } satisfies WarmAnswer);
    } else {
      const files = readManifestFiles(request.changedFiles.manifest);
      port.postMessage((files ? { changed: findChangedFiles(request.changedFiles.outDir, files), files: files.size } : {}) satisfies WarmAnswer);
    }
  } catch (error) {
    port.postMessage({ error: (error as Error).message } satisfies WarmAnswer);
  }
});
