// The site-wide 全站热点 sidebar: title link, date, and the read count when one is known. The list is the
// same on every page of a build, so it is rendered once per ranked list and reused.
import type { ArticleLink, HotEntry } from "../../src/content/index.ts";
import { html, joined, type SafeHtml } from "../html.ts";
import { formatCount } from "./counts.ts";

/** What the sidebar shows of each entry: the link and the read count. */
export type HotLink = Pick<HotEntry, "views"> & { article: ArticleLink };

const rendered = new WeakMap<readonly HotLink[], SafeHtml>();

export function renderHotTopics(entries: readonly HotLink[]): SafeHtml {
  let sidebar = rendered.get(entries);
  if (!sidebar) rendered.set(entries, (sidebar = joined(renderOnce(entries))));
  return sidebar;
}

function renderOnce(entries: readonly HotLink[]): SafeHtml {
  return html`<aside class="sidebar" aria-labelledby="hot-topics-title">
<section class="hot-topics">
<h2 id="hot-topics-title">全站热点</h2>
${entries.length === 0
    ? html`<p class="empty">暂无文章</p>`
    : html`<ol>${entries.map(
        (e) => html`
<li><a href="${e.article.url}">${e.article.title}</a>
<p class="hot-meta"><time datetime="${e.article.dateIso}">${e.article.dateText}</time>${
          e.views !== undefined ? html` <span class="views">阅读 ${formatCount(e.views)}</span>` : ""
        }</p></li>`,
      )}
</ol>`}
</section>
</aside>`;
}
