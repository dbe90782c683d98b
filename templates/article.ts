// The article page (正文阅读), modelled on the seed page: breadcrumb, title and subtitle, the meta line
// (time, 来源, site name), byline, body, 责任编辑, and the 全站热点 sidebar.
import { articleMeta, type Article, type SiteConfig } from "../src/content/index.ts";
import type { SiteModel } from "../src/site/model.ts";
import { html, trustedHtml, type SafeHtml } from "./html.ts";
import { renderPage } from "./layout.ts";
import { renderHotTopics } from "./partials/hot-topics.ts";
import { renderReaderTools } from "./partials/reader-tools.ts";

export interface ArticlePageData {
  model: SiteModel;
  article: Article;
  /** The page's QR code `<svg>`, made at build time (src/site/share-code.ts). */
  shareCode: string;
}

export function renderArticlePage({ model, article, shareCode }: ArticlePageData): string {
  const site = model.content.site;
  return renderPage({
    model,
    title: article.title,
    description: article.summary,
    path: article.url,
    breadcrumb: [{ label: site.homeLabel, href: "/" }, { label: site.channel.name, href: "/news/" }, { label: "正文阅读" }],
    column: site.channel.name,
    meta: articleMeta(site, article),
    main: renderArticle(site, article, renderReaderTools({ url: new URL(article.url, site.baseUrl).href, shareCode })),
    sidebar: renderHotTopics(model.hot),
  });
}

function renderArticle(site: SiteConfig, a: Article, tools: SafeHtml): SafeHtml {
  return html`<article class="article">
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
</article>`;
}

/** The byline opens the first paragraph, as on the seed page: "(特约记者 师展)新型冠状病毒…". */
function withByline(a: Article): SafeHtml {
  if (!a.byline) return trustedHtml(a.html);
  const byline = html`<span class="byline">(${a.byline})</span>`;
  if (a.html.startsWith("<p>")) return trustedHtml(`<p>${byline.value}${a.html.slice(3)}`);
  return html`<p class="byline">(${a.byline})</p>${trustedHtml(a.html)}`;
}
