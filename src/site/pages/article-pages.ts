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

export function addArticlePages(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addTemplate<ArticleTemplateData>("article.11ty.js", {
    data: {
      pagination: { data: "newsdesk.content.articles", size: 1, alias: "article" },
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
