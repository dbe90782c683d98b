// An article-page worker (see page-workers.ts): keeps the parts every page shares, then answers each
// batch of pages with their HTML, in order.
import { parentPort } from "node:worker_threads";
import type { ArticlePageFrame, ArticlePageParts } from "../../templates/article.ts";
import { renderArticlePageFrom } from "./page-workers.ts";

const port = parentPort!;
let frame: ArticlePageFrame | undefined;
port.on("message", (message: { frame: ArticlePageFrame } | { pages: ArticlePageParts[] }) => {
  if ("frame" in message) {
    frame = message.frame;
    return;
  }
  try {
    if (!frame) throw new Error("internal error: article pages were sent before the parts they share");
    port.postMessage({ html: message.pages.map((parts) => renderArticlePageFrom(frame!, parts)) });
  } catch (error) {
    port.postMessage({ error: (error as Error).message });
  }
});
port.postMessage({ ready: true });
