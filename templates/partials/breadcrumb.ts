// The breadcrumb trail (网站首页 > 区县播报 > 正文阅读): links for every step but the current page.
import { html, type SafeHtml } from "../html.ts";

export interface Crumb {
  label: string;
  /** Omitted for the current page. */
  href?: string;
}

export function renderBreadcrumb(crumbs: readonly Crumb[]): SafeHtml {
  return html`<nav class="breadcrumb" aria-label="当前位置"><ol>${crumbs.map((c) =>
    c.href ? html`<li><a href="${c.href}">${c.label}</a></li>` : html`<li aria-current="page">${c.label}</li>`,
  )}</ol></nav>`;
}
