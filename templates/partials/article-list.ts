// A list of articles as every list page shows them: title link, district, date and summary.
import type { Article } from "../../src/content/index.ts";
import { districtUrl } from "../../src/content/index.ts";
import { html, joined, type SafeHtml } from "../html.ts";

/**
 * `level` is the heading level of each title: 2 under a page's <h1>, 3 inside a titled section. An article
 * is in several lists (the index, its district's, each of its tags'): given `items`, the items of one build
 * at this level (articles do not change within one), each is rendered once and reused.
 */
export function renderArticleList(articles: readonly Article[], level: 2 | 3 = 2, items?: Map<Article, SafeHtml>): SafeHtml {
  if (articles.length === 0) return html`<p class="empty">暂无文章</p>`;
  const itemOf = (a: Article) => {
    if (!items) return renderItem(a, level);
    let item = items.get(a);
    if (!item) items.set(a, (item = joined(renderItem(a, level))));
    return item;
  };
  return html`<ol class="article-list">${articles.map(itemOf)}
</ol>`;
}

function renderItem(a: Article, level: 2 | 3): SafeHtml {
  const title = html`<a href="${a.url}">${a.title}</a>`;
  return html`
<li class="article-item">
${level === 2 ? html`<h2 class="item-title">${title}</h2>` : html`<h3 class="item-title">${title}</h3>`}
<p class="item-meta"><a class="item-district" href="${districtUrl(a.district)}">${a.district.name}</a> <time datetime="${a.dateIso}">${a.dateText}</time></p>
<p class="item-summary">${a.summary}</p>
</li>`;
}
