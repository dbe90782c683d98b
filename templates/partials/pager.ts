// The pager under a list: 首页, 上一页, page numbers (the current one marked aria-current), 下一页, 尾页.
// Which numbers show is decided by buildPager (src/content/lists.ts); a one-page list has no pager.
import { buildPager, type ListPage, type PagerLink } from "../../src/content/index.ts";
import { html, type SafeHtml } from "../html.ts";

export function renderPager(page: Pick<ListPage<unknown>, "baseUrl" | "pageNumber" | "pageCount">): SafeHtml {
  if (page.pageCount <= 1) return html``;
  const pager = buildPager(page.baseUrl, page.pageNumber, page.pageCount);
  const step = (link: PagerLink, label: string, cls: string, rel?: string) =>
    link.url
      ? html`<li class="${cls}"><a href="${link.url}"${rel ? html` rel="${rel}"` : ""}>${label}</a></li>`
      : html`<li class="${cls}"><span class="pager-disabled">${label}</span></li>`;
  return html`<nav class="pager" aria-label="分页">
<ul>
${step(pager.first, "首页", "pager-first")}
${step(pager.previous, "上一页", "pager-previous", "prev")}
${pager.numbers.map((n) =>
    "gap" in n
      ? html`<li class="pager-gap"><span>…</span></li>`
      : n.current
        ? html`<li class="pager-number"><a href="${n.url}" aria-current="page">${n.pageNumber}</a></li>`
        : html`<li class="pager-number"><a href="${n.url}">${n.pageNumber}</a></li>`,
  )}
${step(pager.next, "下一页", "pager-next", "next")}
${step(pager.last, "尾页", "pager-last")}
</ul>
<p class="pager-status">第 ${page.pageNumber} 页，共 ${page.pageCount} 页</p>
</nav>`;
}
