// The page shell every page shares: head, header, breadcrumb, main column, the 全站热点 sidebar, footer.
import type { MetaPair, SiteConfig } from "../src/content/index.ts";
import { siteMeta } from "../src/content/portal-meta.ts";
import { absoluteUrl } from "../src/publish/urls.ts";
import { assetUrl, type AssetMap } from "../src/site/assets.ts";
import { html, joined, type SafeHtml } from "./html.ts";
import { renderBreadcrumb, type Crumb } from "./partials/breadcrumb.ts";
import { renderFeedLinks } from "./partials/feed-links.ts";
import { renderFooter } from "./partials/footer.ts";
import { renderSearchBox } from "./partials/search-box.ts";

export interface PageShell {
  site: SiteConfig;
  /** Hashed stylesheet and script URLs. */
  assets: AssetMap;
  /** The page's own title; the site name is appended in <title>. */
  title: string;
  description: string;
  /** Site-relative URL of the page, for the canonical link. */
  path: string;
  breadcrumb: Crumb[];
  main: SafeHtml;
  sidebar: SafeHtml;
  /** Extra tags for <head> (article metadata). */
  head?: SafeHtml;
  /** The page's 栏目 for the ColumnName meta tag; default: the breadcrumb's second step, else the home label. */
  column?: string;
  /** Page-specific government meta tags (ArticleTitle, PubDate…), printed after the site-level ones. */
  meta?: readonly MetaPair[];
}

export function renderMetaTags(pairs: readonly MetaPair[]): SafeHtml {
  return html`${pairs.map(([name, content]) => html`<meta name="${name}" content="${content}">
`)}`;
}

/** The parts of the shell that follow from the site configuration alone, made once per configuration. */
interface SiteParts {
  feedLinks: SafeHtml;
  searchBox: SafeHtml;
  footer: SafeHtml;
}

const siteParts = new WeakMap<SiteConfig, SiteParts>();

function partsOf(site: SiteConfig): SiteParts {
  let parts = siteParts.get(site);
  if (!parts) {
    const [feedLinks, searchBox, footer] = [renderFeedLinks(site), renderSearchBox(), renderFooter(site)].map(joined);
    siteParts.set(site, (parts = { feedLinks: feedLinks!, searchBox: searchBox!, footer: footer! }));
  }
  return parts;
}

export function renderPage(page: PageShell): string {
  const site = page.site;
  const parts = partsOf(site);
  const fullTitle = page.title === site.name ? site.name : `${page.title} - ${site.name}`;
  const canonical = absoluteUrl(page.path, site);
  const column = page.column ?? page.breadcrumb[1]?.label ?? site.homeLabel;
  return html`<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${page.description}">
${renderMetaTags([...siteMeta(site, column), ...(page.meta ?? [])])}<link rel="canonical" href="${canonical}">
<link rel="stylesheet" href="${assetUrl(page.assets, "site.css")}">
<script src="${assetUrl(page.assets, "reader.js")}"></script>
${parts.feedLinks}
${page.head}
</head>
<body>
<a class="skip-link" href="#main">跳到正文</a>
<header class="site-header">
<div class="wrap">
<a class="site-name" href="/">${site.name}</a>
<nav class="site-nav" aria-label="栏目"><a href="/news/">${site.channel.name}</a></nav>
${parts.searchBox}
</div>
</header>
<div class="wrap">
${renderBreadcrumb(page.breadcrumb)}
<div class="layout">
<main id="main" class="content">
${page.main}
<p class="print-only print-url">本页网址：${canonical}</p>
</main>
${page.sidebar}
</div>
</div>
${parts.footer}
</body>
</html>
`.value;
}
