// The absolute URLs a CDN must purge after a publish: one per uploaded, re-headed or deleted object, as
// readers request them (a folder's index.html is the folder URL: /news/2026/09/x/).
/** The public URL of the file at `relativePath` (slash-separated, relative to the output folder). */
export function publicUrl(baseUrl: string, relativePath: string): string {
  const folder = relativePath === "index.html" ? "" : relativePath.endsWith("/index.html") ? relativePath.slice(0, -"index.html".length) : undefined;
  const urlPath = folder ?? relativePath;
  // Each segment is percent-encoded so that "#" or "?" in a file name cannot end the path.
  const encoded = urlPath.split("/").map(encodeURIComponent).join("/");
  return new URL(encoded, baseUrl).href;
}

/** Sorted, distinct public URLs of the given paths. */
export function changedUrls(baseUrl: string, relativePaths: readonly string[]): string[] {
  return [...new Set(relativePaths.map((p) => publicUrl(baseUrl, p)))].sort();
}
