// The article page (正文阅读), modelled on the seed page: breadcrumb, title and subtitle, the meta line
// (time, 来源, site name), byline, body, 责任编辑, and the 全站热点 sidebar.
// From their own modules, not src/content/index.ts: the article-page workers load only what pages need.
import type { Article, ArticleLink, SiteConfig, TagGroup } from "../src/content/index.ts";
import { articleMeta } from "../src/content/portal-meta.ts";
import { districtUrl } from "../src/content/site-urls.ts";
import { describeNewsArticle, describeOpenGraph } from "../src/publish/structured-data.ts";
import { absoluteUrl } from "../src/publish/urls.ts";
import type { AssetMap } from "../src/site/assets.ts";
import { html, jsonForScript, trustedHtml, type SafeHtml } from "./html.ts";
import { renderPage } from "./layout.ts";
import { renderHotTopics, type HotLink } from "./partials/hot-topics.ts";
import { renderReaderTools } from "./partials/reader-tools.ts";

/** The parts every article page shares: plain data, so worker threads can render pages (page-workers.ts). */
export interface ArticlePageFrame {
  site: SiteConfig;
  assets: AssetMap;
  hot: readonly HotLink[];
}

/** One article page: its article and what it shows of others (the site model's entries for it). */
export interface ArticlePageParts {
  article: Article;
  /** The article's tags as published (folded, unique URLs). */
  tags: readonly Pick<TagGroup, "name" | "url">[];
  /** 上一篇 / 下一篇. */
  neighbours: { previous?: ArticleLink; next?: ArticleLink };
  /** 相关阅读. */
  related: readonly ArticleLink[];
}

export interface ArticlePageData extends ArticlePageFrame, ArticlePageParts {
  /** The page's QR code `<svg>`, made at build time (src/site/share-code.ts). */
  shareCode: string;
}

export function renderArticlePage(page: ArticlePageData): string {
  const { site, article } = page;
  return renderPage({
    site,
    assets: page.assets,
    title: article.title,
    description: article.summary,
    path: article.url,
    breadcrumb: [{ label: site.homeLabel, href: "/" }, { label: site.channel.name, href: "/news/" }, { label: "正文阅读" }],
    column: site.channel.name,
    meta: articleMeta(site, article),
    main: html`${renderArticle(site, article, renderReaderTools({ url: absoluteUrl(article.url, site), shareCode: page.shareCode }), page.tags)}
${renderNeighbours(page.neighbours)}
${renderRelated(page.related)}`,
    sidebar: renderHotTopics(page.hot),
    head: renderArticleHead(site, article),
  });
}

/** JSON-LD NewsArticle and Open Graph tags; jsonForScript keeps every value inside the script element. */
function renderArticleHead(site: SiteConfig, a: Article): SafeHtml {
  return html`<script type="application/ld+json">${jsonForScript(describeNewsArticle(a, site))}</script>
${describeOpenGraph(a, site).map(([property, content]) => html`<meta property="${property}" content="${content}">
`)}`;
}

function renderArticle(site: SiteConfig, a: Article, tools: SafeHtml, tags: ArticlePageParts["tags"]): SafeHtml {
  // Search (src/site/search-index.ts): only this element is indexed, as one result per article, with the
  // district as a filter and the display date as metadata; the title comes from the <h1>.
  return html`<article class="article" data-pagefind-body data-pagefind-filter="district:${a.district.name}" data-pagefind-meta="date:${a.dateText}" data-pagefind-sort="date:${a.dateIso}">
<header class="article-header">
<h1>${a.title}</h1>
${a.subtitle ? html`<p class="subtitle">—${a.subtitle}</p>` : ""}
<p class="article-meta"><time datetime="${a.dateIso}">${a.dateText}</time>${
    a.source ? html` <span class="source">来源:${a.source}</span>` : ""
  } <span class="site">${site.name}</span></p>
${tools}
</header>
<div class="article-body">
${withByline(a)}
</div>
${a.editor ? html`<p class="editor">责任编辑:${a.editor}</p>` : ""}
<footer class="article-terms">
<p>区县：<a href="${districtUrl(a.district)}">${a.district.name}</a></p>
${tags.length > 0 ? html`<p>标签：${tags.map((t, i) => html`${i > 0 ? " " : ""}<a href="${t.url}" rel="tag">${t.name}</a>`)}</p>` : ""}
</footer>
</article>`;
}

/** 上一篇 / 下一篇 within the channel; "没有了" at either end, as readers of Chinese portals expect. */
function renderNeighbours({ previous, next }: ArticlePageParts["neighbours"]): SafeHtml {
  return html`<nav class="article-pager" aria-label="上一篇和下一篇">
<ul>
<li class="previous">上一篇：${previous ? html`<a href="${previous.url}" rel="prev">${previous.title}</a>` : "没有了"}</li>
<li class="next">下一篇：${next ? html`<a href="${next.url}" rel="next">${next.title}</a>` : "没有了"}</li>
</ul>
</nav>`;
}

function renderRelated(related: readonly ArticleLink[]): SafeHtml {
  if (related.length === 0) return html``;
  return html`<section class="related" aria-labelledby="related-title">
<h2 id="related-title">相关阅读</h2>
<ul>${related.map((r) => html`
<li><a href="${r.url}">${r.title}</a> <time datetime="${r.dateIso}">${r.dateText}</time></li>`)}
</ul>
</section>`;
}

/** The byline opens the first paragraph, as on the seed page: "(特约记者 师展)新型冠状病毒…". */
function withByline(a: Article): SafeHtml {
  if (!a.byline) return trustedHtml(a.html);
  const byline = html`<span class="byline">(${a.byline})</span>`;
  if (a.html.startsWith("<p>")) return trustedHtml(`<p>${byline.value}${a.html.slice(3)}`);
  return html`<p class="byline">(${a.byline})</p>${trustedHtml(a.html)}`;
}
