// How this process runs the sources: bundled by bin/newsdesk.js (the usual way for the command), or as
// TypeScript through tsx (tests, scripts). Code that starts another module by path (a worker thread,
// Eleventy's configuration file) asks here for the right file.

type BundleEntries = Partial<Record<"cli" | "parse-worker" | "eleventy-config", string>>;

/** The URL of a bundled entry point when running from the bundle; undefined when running the sources. */
export function bundledEntry(name: keyof BundleEntries): string | undefined {
  return (globalThis as { [key: symbol]: BundleEntries | undefined })[Symbol.for("newsdesk.bundle")]?.[name];
}
