// Article pages: one page per published article, paginated from the typed article list.
import type { Article } from "../../content/index.ts";
import type { ArticlePageFrame, ArticlePageParts } from "../../../templates/article.ts";
import type { HotLink } from "../../../templates/partials/hot-topics.ts";
import type { EleventyConfig } from "../eleventy-config.ts";
import type { SiteModel } from "../model.ts";
import { keyOfText, type Fingerprinter } from "../page-keys.ts";
import { leaveOutWrittenPages, renderArticlePageFrom, takeArticlePage } from "../page-workers.ts";

interface ArticleTemplateData {
  article: Article;
  newsdesk: SiteModel;
}

/**
 * Everything an article page shows besides its own article and what the code and site configuration fix,
 * taken from the very frame and parts the page is rendered from: a warm build renders the page again only
 * when the fingerprint of these changes (page-keys.ts; articlePageKey works it out without making them).
 * tests/site/build-cache.test.ts checks warm against cold output.
 */
export function articlePageInputs(model: SiteModel, article: Article): unknown {
  return articlePageInputsFrom(articlePageFrame(model), articlePageParts(model, article));
}

const hotInputs = new WeakMap<readonly HotLink[], unknown>();

/** The hot list as the page shows it (article and read count), made once per list. */
function hotInputsOf(hot: readonly HotLink[]): unknown {
  let inputs = hotInputs.get(hot);
  if (!inputs) hotInputs.set(hot, (inputs = hot.map((e) => [e.article, e.views ?? null])));
  return inputs;
}

/**
 * articlePageInputs from a page's frame and parts: the definition articlePageKey puts together without
 * making the objects (a worker has other articles as links only; page-workers.ts).
 */
function articlePageInputsFrom(frame: ArticlePageFrame, parts: ArticlePageParts): unknown {
  const { neighbours, related, tags } = parts;
  // Only what the page prints of each tag: another article's edit must not count here.
  return { hot: hotInputsOf(frame.hot), assets: frame.assets, neighbours, related, tags: tags.map((t) => [t.name, t.url]) };
}

/** Per fingerprinter: the text of the parts every page of a frame shares (hot list and assets). */
const sharedTexts = new WeakMap<Fingerprinter, { hot: readonly HotLink[]; assets: object; text: string }>();

/**
 * pageKey(fingerprints, source, articlePageInputsFrom(frame, parts)), the same key, put together from the
 * parts' own texts: the generic walk (sorting each object's keys, quoting them) took most of a worker's
 * time for keys, and the parts every page shares are fingerprinted once. tests/site/page-keys.test.ts
 * holds the two to the same keys.
 */
export function articlePageKey(fingerprints: Fingerprinter, source: string, frame: ArticlePageFrame, parts: ArticlePageParts): string {
  let shared = sharedTexts.get(fingerprints);
  if (shared?.hot !== frame.hot || shared.assets !== frame.assets) {
    const text = `"assets":${fingerprints.of(frame.assets)},"hot":${fingerprints.of(hotInputsOf(frame.hot))}`;
    sharedTexts.set(fingerprints, (shared = { hot: frame.hot, assets: frame.assets, text }));
  }
  // Objects' keys in sorted order, as Fingerprinter's compose writes them.
  const { previous, next } = parts.neighbours;
  const neighbours = `{${next ? `"next":${fingerprints.of(next)}` : ""}${next && previous ? "," : ""}${previous ? `"previous":${fingerprints.of(previous)}` : ""}}`;
  let related = "";
  for (const link of parts.related) related += `${related ? "," : ""}${fingerprints.of(link)}`;
  let tags = "";
  for (const t of parts.tags) tags += `${tags ? "," : ""}${fingerprints.sized(`[${JSON.stringify(t.name)},${JSON.stringify(t.url)}]`)}`;
  const text = `{${shared.text},"neighbours":${fingerprints.sized(neighbours)},"related":${fingerprints.sized(`[${related}]`)},"tags":${fingerprints.sized(`[${tags}]`)}}`;
  return keyOfText(source, text);
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
