// Article pages: one page per published article, paginated from the typed article list.
import type { Article } from "../../content/index.ts";
import { renderArticlePage } from "../../../templates/article.ts";
import type { EleventyConfig } from "../eleventy-config.ts";
import type { SiteModel } from "../model.ts";
import { renderShareCode } from "../share-code.ts";

interface ArticleTemplateData {
  article: Article;
  newsdesk: SiteModel;
}

/**
 * Everything an article page shows besides its own article and what the code and site configuration fix:
 * a warm build renders the page again only when the fingerprint of these changes (page-keys.ts).
 * Keep in step with templates/article.ts; tests/site/build-cache.test.ts checks warm against cold output.
 */
export function articlePageInputs(model: SiteModel, article: Article): unknown {
  return {
    hot: model.hot,
    assets: model.assets,
    neighbours: model.neighbours.get(article.url),
    related: model.related.get(article.url),
    // Only what the page prints of each tag: another article's edit must not count here.
    tags: (model.articleTags.get(article.url) ?? []).map((t) => [t.name, t.url]),
  };
}

export function addArticlePages(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addTemplate<ArticleTemplateData>("article.11ty.js", {
    data: {
      pagination: {
        data: "newsdesk.content.articles",
        size: 1,
        alias: "article",
        // A warm build leaves the pages it keeps from the last build alone.
        before: (articles: Article[], data: ArticleTemplateData) =>
          data.newsdesk.keptPageUrls.size === 0 ? articles : articles.filter((a) => !data.newsdesk.keptPageUrls.has(a.url)),
      },
      permalink: (data: ArticleTemplateData) => data.article.url,
      eleventyExcludeFromCollections: true,
    },
    render: async ({ article, newsdesk }) =>
      renderArticlePage({
        model: newsdesk,
        article,
        shareCode: await renderShareCode(new URL(article.url, newsdesk.content.site.baseUrl).href),
      }),
  });
}
