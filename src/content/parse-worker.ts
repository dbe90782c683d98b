// A parsing worker (see parse-pool.ts): receives chunks of files with the site configuration and answers
// with the parsed articles and problems, in order.
import { parentPort } from "node:worker_threads";
import { parseJob, type ParseJob } from "./parse-pool.ts";
import type { SiteConfig } from "./site-config.ts";

const port = parentPort!;
port.on("message", ({ site, jobs }: { site: SiteConfig; jobs: ParseJob[] }) => {
  port.postMessage({ results: jobs.map((job) => parseJob(job, site)) });
});
port.postMessage({ ready: true });
