// How this process runs the sources: bundled by bin/newsdesk.js (the usual way for the command), or as
// TypeScript through tsx (tests, scripts). Code that starts another module by path (a worker thread,
// Eleventy's configuration file) asks here for the right file.
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/** The package's own folder (the one holding src/, templates/ and package.json). */
export const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));

/** Entry points bin/newsdesk.js bundles, by name. */
export type BundleEntry = "cli" | "parse-worker" | "page-worker" | "write-worker" | "warm-worker" | "eleventy-config";

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

/**
 * import() of a package left outside the bundle (Pagefind, an ECMAScript module). The command's own thread
 * runs the bundle as one script compiled with a code cache (bin/newsdesk.js), where Node 20 cannot carry
 * out import() once the code comes from the cache: bin/newsdesk.js hands over its own import() for that.
 */
export function importPackage<T>(specifier: string): Promise<T> {
  const imported = (globalThis as { [key: symbol]: ((specifier: string) => Promise<T>) | undefined })[Symbol.for("newsdesk.import")];
  return imported ? imported(specifier) : (import(specifier) as Promise<T>);
}

/** A worker started ahead of its use (prestartWorker), until it is taken. */
interface Prestarted {
  worker: Worker;
  /** Set once the worker failed or exited: it is then never handed out. */
  gone: boolean;
}

/** Workers started ahead, by entry: on globalThis, so that any copy of this module finds them. */
function prestarted(): Partial<Record<BundleEntry, Prestarted>> {
  const key = Symbol.for("newsdesk.prestarted");
  return ((globalThis as { [key: symbol]: Partial<Record<BundleEntry, Prestarted>> | undefined })[key] ??= {});
}

/**
 * Starts a worker on an entry now, ahead of its use (src/cli/prestart.ts, before the command's own modules
 * load), unreferenced: an unused one never holds the process open. takePrestartedWorker hands it out.
 * Returns the worker, or undefined when none could be started.
 */
export function prestartWorker(name: BundleEntry, sourceUrl: URL): Worker | undefined {
  let worker: Worker;
  try {
    worker = startModuleWorker(name, sourceUrl);
  } catch {
    return undefined;
  }
  const ahead: Prestarted = { worker, gone: false };
  worker.unref();
  // Without a listener a failing worker would throw on this thread; one that is gone is never taken.
  worker.on("error", () => (ahead.gone = true));
  worker.on("exit", () => (ahead.gone = true));
  void prestarted()[name]?.worker.terminate();
  prestarted()[name] = ahead;
  return worker;
}

/**
 * The worker started ahead on this entry, if any and still alive, handed out once and referenced again
 * like any worker. It sends nothing before it is asked, so its caller's listeners miss no message.
 */
export function takePrestartedWorker(name: BundleEntry): Worker | undefined {
  const ahead = prestarted()[name];
  delete prestarted()[name];
  if (!ahead || ahead.gone) return undefined;
  ahead.worker.ref();
  return ahead.worker;
}

/** Stops the worker started ahead on this entry, if nobody took it. */
export function releasePrestartedWorker(name: BundleEntry): void {
  const ahead = prestarted()[name];
  delete prestarted()[name];
  if (ahead && !ahead.gone) void ahead.worker.terminate();
}
