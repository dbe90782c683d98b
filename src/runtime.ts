// How this process runs the sources: bundled by bin/newsdesk.js (the usual way for the command), or as
// TypeScript through tsx (tests, scripts). Code that starts another module by path (a worker thread,
// Eleventy's configuration file) asks here for the right file.
import { Worker } from "node:worker_threads";

/** Entry points bin/newsdesk.js bundles, by name. */
export type BundleEntry = "cli" | "parse-worker" | "page-worker" | "write-worker" | "eleventy-config";

/** The URL of a bundled entry point when running from the bundle; undefined when running the sources. */
export function bundledEntry(name: BundleEntry): string | undefined {
  return (globalThis as { [key: symbol]: Partial<Record<BundleEntry, string>> | undefined })[Symbol.for("newsdesk.bundle")]?.[name];
}

/**
 * Starts a worker thread on a module: its bundled twin when running from the bundle, else the TypeScript
 * source (`sourceUrl`), for which the worker registers tsx itself first.
 */
export function startModuleWorker(name: BundleEntry, sourceUrl: URL): Worker {
  const bundled = bundledEntry(name);
  if (bundled) return new Worker(new URL(bundled));
  const tsx = import.meta.resolve("tsx/esm/api");
  const source = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(sourceUrl.href)}); });`;
  return new Worker(source, { eval: true });
}
