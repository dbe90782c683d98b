// Article pages: one page per published article, paginated from the typed article list.
import type { Article } from "../../content/index.ts";
import type { ArticlePageFrame, ArticlePageParts } from "../../../templates/article.ts";
import type { HotLink } from "../../../templates/partials/hot-topics.ts";
import type { EleventyConfig } from "../eleventy-config.ts";
import type { SiteModel } from "../model.ts";
import { leaveOutWrittenPages, renderArticlePageFrom, takeArticlePage } from "../page-workers.ts";

interface ArticleTemplateData {
  article: Article;
  newsdesk: SiteModel;
}

/**
 * Everything an article page shows besides its own article and what the code and site configuration fix,
 * taken from the very frame and parts the page is rendered from: a warm build renders the page again only
 * when the fingerprint of these changes (page-keys.ts). tests/site/build-cache.test.ts checks warm
 * against cold output.
 */
export function articlePageInputs(model: SiteModel, article: Article): unknown {
  return articlePageInputsFrom(articlePageFrame(model), articlePageParts(model, article));
}

const hotInputs = new WeakMap<readonly HotLink[], unknown>();

/**
 * articlePageInputs from a page's frame and parts, as an article-page worker has them (other articles as
 * links; page-workers.ts), so that a worker works out the same key.
 */
export function articlePageInputsFrom(frame: ArticlePageFrame, parts: ArticlePageParts): unknown {
  // The hot list as the page shows it (article and read count), made once per list.
  let hot = hotInputs.get(frame.hot);
  if (!hot) hotInputs.set(frame.hot, (hot = frame.hot.map((e) => [e.article, e.views ?? null])));
  const { neighbours, related, tags } = parts;
  // Only what the page prints of each tag: another article's edit must not count here.
  return { hot, assets: frame.assets, neighbours, related, tags: tags.map((t) => [t.name, t.url]) };
}

/** The parts every article page of a build shares. */
export function articlePageFrame(model: SiteModel): ArticlePageFrame {
  return { site: model.content.site, assets: model.assets, hot: model.hot };
}

/** What one article page shows, from the site model. */
export function articlePageParts(model: SiteModel, article: Article): ArticlePageParts {
  return {
    article,
    tags: model.articleTags.get(article.url) ?? [],
    neighbours: model.neighbours.get(article.url) ?? {},
    related: model.related.get(article.url) ?? [],
  };
}

export function addArticlePages(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addTemplate<ArticleTemplateData>("article.11ty.js", {
    data: {
      pagination: {
        data: "newsdesk.content.articles",
        size: 1,
        alias: "article",
        // A warm build leaves the pages it keeps from the last build alone; pages workers write need not
        // go through Eleventy's steps at all when it would not change them (page-workers.ts).
        before: (articles: Article[], data: ArticleTemplateData) =>
          leaveOutWrittenPages(
            data.newsdesk.keptPageUrls.size === 0 ? articles : articles.filter((a) => !data.newsdesk.keptPageUrls.has(a.url)),
            data as unknown as Record<string, unknown>,
          ),
      },
      permalink: (data: ArticleTemplateData) => data.article.url,
      eleventyExcludeFromCollections: true,
    },
    // Rendered ahead on worker threads in big builds (build.ts), else here.
    render: async ({ article, newsdesk }) =>
      (await takeArticlePage(article.url)) ?? renderArticlePageFrom(articlePageFrame(newsdesk), articlePageParts(newsdesk, article)),
  });
}
