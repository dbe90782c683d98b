// An article-page worker (see page-workers.ts): keeps the parts every page shares and the tables of links
// and tags it is sent, then answers each batch of pages, in order, with their HTML or, when it writes them,
// their files' stamps (and, when asked, the pages' keys for the next build, worked out here as build.ts
// would); or, for a batch the main thread claimed first, that it skipped it.
import { parentPort } from "node:worker_threads";
import type { ArticleLink, TagGroup } from "../content/index.ts";
import type { ArticlePageFrame, ArticlePageParts } from "../../templates/article.ts";
import { pagePath, writeEntries } from "./output.ts";
import { Fingerprinter } from "./page-keys.ts";
import { CLAIMED_BY_WORKER, renderArticlePageFrom, UNCLAIMED, type PageBatch, type WirePage } from "./page-workers.ts";
import { articlePageKey } from "./pages/article-pages.ts";

const port = parentPort!;
let frame: ArticlePageFrame | undefined;
let writeTo: string | undefined;
/** One slot per batch: a batch is rendered here only if this worker claims it first (page-workers.ts). */
let claims: Int32Array | undefined;
let fingerprints: Fingerprinter | undefined;
const links: ArticleLink[] = [];
/** Per link: whether the source digest of its article is known (only then can a page showing it be keyed). */
const linkKnown: boolean[] = [];
const tags: Pick<TagGroup, "name" | "url">[] = [];
port.on("message", (message: { frame: ArticlePageFrame; writeTo?: string; claims: Int32Array; hotKeys?: string[] } | PageBatch) => {
  if ("frame" in message) {
    ({ frame, writeTo, claims } = message);
    const hotKeys = message.hotKeys;
    fingerprints = hotKeys && new Fingerprinter(new Map(message.frame.hot.map((e, i) => [e.article, hotKeys[i]!])));
    return;
  }
  try {
    if (!frame) throw new Error("internal error: article pages were sent before the parts they share");
    message.links?.forEach((link, i) => {
      const source = message.linkSources?.[i];
      if (typeof source === "string") fingerprints?.know(link, source);
      links.push(link);
      linkKnown.push(typeof source === "string");
    });
    if (message.tags) tags.push(...message.tags);
    // The main thread took this batch: its table entries (above) are kept for the batches after it.
    if (claims && message.id < claims.length && Atomics.compareExchange(claims, message.id, UNCLAIMED, CLAIMED_BY_WORKER) !== UNCLAIMED) {
      return port.postMessage({ skipped: true });
    }
    const parts = message.pages.map(partsOf);
    const html = parts.map((p) => renderArticlePageFrom(frame!, p));
    // Pages written here go back as their files' stamps only: the main thread never needs their HTML.
    if (writeTo) {
      const stamps = writeEntries(writeTo, parts.map((p, i) => [pagePath(p.article.url), html[i]!]));
      const keys = fingerprints && message.pages.map((page, i) => keyOf(fingerprints!, page, parts[i]!));
      return port.postMessage({ stamps: stamps.map(([, stamp]) => stamp), ...(keys ? { keys } : {}) });
    }
    // The batch's pages travel as one string (see page-workers.ts), cut apart again by their lengths.
    port.postMessage({ joined: html.join(""), lengths: html.map((h) => h.length) });
  } catch (error) {
    port.postMessage({ error: (error as Error).message });
  }
});
port.postMessage({ ready: true });

/** A page's parts from the tables: links and tags are the very objects other pages share. */
function partsOf(page: WirePage): ArticlePageParts {
  return {
    article: page.article,
    tags: page.tags.map((i) => tags[i]!),
    neighbours: {
      previous: page.previous !== undefined ? links[page.previous]! : undefined,
      next: page.next !== undefined ? links[page.next]! : undefined,
    },
    related: page.related.map((i) => links[i]!),
  };
}

/** The page's key, when its own source and that of every article it links to are known; else null. */
function keyOf(fingerprints: Fingerprinter, page: WirePage, parts: ArticlePageParts): string | null {
  const linked = [...(page.previous !== undefined ? [page.previous] : []), ...(page.next !== undefined ? [page.next] : []), ...page.related];
  if (page.source === undefined || !linked.every((i) => linkKnown[i])) return null;
  return articlePageKey(fingerprints, page.source, frame!, parts);
}
