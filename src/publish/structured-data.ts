// What search engines and social apps read from an article page: schema.org NewsArticle (JSON-LD) and
// Open Graph properties. Plain data here; the article template prints it escaped.
import type { Article, SiteConfig } from "../content/index.ts";
import { absoluteUrl, findLeadImage } from "./urls.ts";

/** schema.org NewsArticle (https://schema.org/NewsArticle) for one article. */
export function describeNewsArticle(article: Article, site: SiteConfig): Record<string, unknown> {
  const url = absoluteUrl(article.url, site);
  const image = findLeadImage(article, site);
  const publisher = { "@type": "Organization", name: site.name, url: site.baseUrl };
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    headline: article.title,
    ...(article.subtitle ? { alternativeHeadline: article.subtitle } : {}),
    description: article.summary,
    datePublished: article.dateIso,
    // Articles carry no separate revision date: the publication time is the last change we know of.
    dateModified: article.dateIso,
    author: article.byline
      ? [{ "@type": "Person", name: article.byline }]
      : [{ "@type": "Organization", name: article.source ?? site.name }],
    publisher,
    ...(image ? { image: [image] } : {}),
    articleSection: article.district.name,
    ...(article.tags.length > 0 ? { keywords: article.tags.map((t) => t.name) } : {}),
    inLanguage: site.language,
    ...(article.source ? { sourceOrganization: { "@type": "Organization", name: article.source } } : {}),
  };
}

/** Open Graph (https://ogp.me/) properties for one article, in print order. */
export function describeOpenGraph(article: Article, site: SiteConfig): [property: string, content: string][] {
  const image = findLeadImage(article, site);
  return [
    ["og:type", "article"],
    ["og:title", article.title],
    ["og:description", article.summary],
    ["og:url", absoluteUrl(article.url, site)],
    ["og:site_name", site.name],
    ["og:locale", site.language.replace("-", "_")],
    ...(image ? [["og:image", image] as [string, string]] : []),
    ["article:published_time", article.dateIso],
    ["article:modified_time", article.dateIso],
    ["article:section", article.district.name],
    ...article.tags.map((t): [string, string] => ["article:tag", t.name]),
  ];
}
