// An article-page worker (see page-workers.ts): keeps the parts every page shares, then answers each
// batch of pages, in order, with their HTML or, when it writes them, their files' stamps (and, when
// asked, the pages' keys for the next build, worked out here as build.ts would).
import { parentPort } from "node:worker_threads";
import type { ArticlePageFrame, ArticlePageParts } from "../../templates/article.ts";
import { pagePath, writeEntries } from "./output.ts";
import { Fingerprinter, pageKey } from "./page-keys.ts";
import { renderArticlePageFrom, type PageKeySources } from "./page-workers.ts";
import { articlePageInputsFrom } from "./pages/article-pages.ts";

const port = parentPort!;
let frame: ArticlePageFrame | undefined;
let writeTo: string | undefined;
let fingerprints: Fingerprinter | undefined;
port.on("message", (message: { frame: ArticlePageFrame; writeTo?: string; hotKeys?: string[] } | { pages: ArticlePageParts[]; keys?: PageKeySources[] }) => {
  if ("frame" in message) {
    ({ frame, writeTo } = message);
    const hotKeys = message.hotKeys;
    fingerprints = hotKeys && new Fingerprinter(new Map(message.frame.hot.map((e, i) => [e.article, hotKeys[i]!])));
    return;
  }
  try {
    if (!frame) throw new Error("internal error: article pages were sent before the parts they share");
    const html = message.pages.map((parts) => renderArticlePageFrom(frame!, parts));
    // Pages written here go back as their files' stamps only: the main thread never needs their HTML.
    if (writeTo) {
      const stamps = writeEntries(writeTo, message.pages.map((parts, i) => [pagePath(parts.article.url), html[i]!]));
      const keys = message.keys && fingerprints && keysOf(fingerprints, message.pages, message.keys);
      return port.postMessage({ stamps: stamps.map(([, stamp]) => stamp), ...(keys ? { keys } : {}) });
    }
    // The batch's pages travel as one string (see page-workers.ts), cut apart again by their lengths.
    port.postMessage({ joined: html.join(""), lengths: html.map((h) => h.length) });
  } catch (error) {
    port.postMessage({ error: (error as Error).message });
  }
});
port.postMessage({ ready: true });

/** The pages' keys: the articles they link to stand for their source digests, as articles do in build.ts. */
function keysOf(fingerprints: Fingerprinter, pages: readonly ArticlePageParts[], sources: readonly PageKeySources[]): string[] {
  return pages.map((parts, i) => {
    const { source, previous, next, related } = sources[i]!;
    if (previous && parts.neighbours.previous) fingerprints.know(parts.neighbours.previous, previous);
    if (next && parts.neighbours.next) fingerprints.know(parts.neighbours.next, next);
    parts.related.forEach((link, j) => fingerprints.know(link, related[j]!));
    return pageKey(fingerprints, source, articlePageInputsFrom(frame!, parts));
  });
}
