// An article-page worker (see page-workers.ts): keeps the parts every page shares, then answers each
// batch of pages, in order, with their HTML or, when it writes them, their files' stamps.
import { parentPort } from "node:worker_threads";
import type { ArticlePageFrame, ArticlePageParts } from "../../templates/article.ts";
import { pagePath, writeEntries } from "./output.ts";
import { renderArticlePageFrom } from "./page-workers.ts";

const port = parentPort!;
let frame: ArticlePageFrame | undefined;
let writeTo: string | undefined;
port.on("message", (message: { frame: ArticlePageFrame; writeTo?: string } | { pages: ArticlePageParts[] }) => {
  if ("frame" in message) {
    ({ frame, writeTo } = message);
    return;
  }
  try {
    if (!frame) throw new Error("internal error: article pages were sent before the parts they share");
    const html = message.pages.map((parts) => renderArticlePageFrom(frame!, parts));
    // Pages written here go back as their files' stamps only: the main thread never needs their HTML.
    if (writeTo) {
      const stamps = writeEntries(writeTo, message.pages.map((parts, i) => [pagePath(parts.article.url), html[i]!]));
      return port.postMessage({ stamps: stamps.map(([, stamp]) => stamp) });
    }
    // The batch's pages travel as one string (see page-workers.ts), cut apart again by their lengths.
    port.postMessage({ joined: html.join(""), lengths: html.map((h) => h.length) });
  } catch (error) {
    port.postMessage({ error: (error as Error).message });
  }
});
port.postMessage({ ready: true });
