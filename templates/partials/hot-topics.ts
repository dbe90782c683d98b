// The site-wide 全站热点 sidebar: title link, date, and the read count when one is known.
import type { Article } from "../../src/content/index.ts";
import { html, type SafeHtml } from "../html.ts";

export interface HotEntry {
  article: Article;
  /** Read count from the analytics export, when known. */
  views?: number;
}

const COUNT = new Intl.NumberFormat("en-US");

export function renderHotTopics(entries: readonly HotEntry[]): SafeHtml {
  return html`<aside class="sidebar" aria-labelledby="hot-topics-title">
<section class="hot-topics">
<h2 id="hot-topics-title">全站热点</h2>
<ol>${entries.map(
    (e) => html`
<li><a href="${e.article.url}">${e.article.title}</a>
<p class="hot-meta"><time datetime="${e.article.dateIso}">${e.article.dateText}</time>${
      e.views !== undefined ? html` <span class="views">阅读 ${COUNT.format(e.views)}</span>` : ""
    }</p></li>`,
  )}
</ol>
</section>
</aside>`;
}
