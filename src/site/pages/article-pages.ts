// Article pages: one page per published article, paginated from the typed article list.
import type { Article, ArticleLink } from "../../content/index.ts";
import type { ArticlePageFrame, ArticlePageParts } from "../../../templates/article.ts";
import type { HotLink } from "../../../templates/partials/hot-topics.ts";
import type { EleventyConfig } from "../eleventy-config.ts";
import type { SiteModel } from "../model.ts";
import { articleInputsText, articleTagText, keyOfText, type ArticleKeyJob, type Fingerprinter } from "../page-keys.ts";
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

function sharedText(fingerprints: Fingerprinter, frame: ArticlePageFrame): string {
  let shared = sharedTexts.get(fingerprints);
  if (shared?.hot !== frame.hot || shared.assets !== frame.assets) {
    const text = `"assets":${fingerprints.of(frame.assets)},"hot":${fingerprints.of(hotInputsOf(frame.hot))}`;
    sharedTexts.set(fingerprints, (shared = { hot: frame.hot, assets: frame.assets, text }));
  }
  return shared.text;
}

/**
 * pageKey(fingerprints, source, articlePageInputsFrom(frame, parts)), the same key, put together from the
 * parts' own texts (articleInputsText): the generic walk (sorting each object's keys, quoting them) took
 * most of a worker's time for keys, and the parts every page shares are fingerprinted once.
 * tests/site/page-keys.test.ts holds the two to the same keys.
 */
export function articlePageKey(fingerprints: Fingerprinter, source: string, frame: ArticlePageFrame, parts: ArticlePageParts): string {
  const { previous, next } = parts.neighbours;
  const text = articleInputsText(
    sharedText(fingerprints, frame),
    previous && fingerprints.of(previous),
    next && fingerprints.of(next),
    parts.related.map((link) => fingerprints.of(link)),
    parts.tags.map(articleTagText),
  );
  return keyOfText(source, text);
}

/**
 * Every article page's key as a job for keysOfJob (page-keys.ts), which works them out anywhere, a worker
 * thread included, from tables of texts: `sources` gives every article's source digest, in the order of
 * the site's articles. The keys come in that order.
 */
export function articleKeyJob(model: SiteModel, fingerprints: Fingerprinter, sources: readonly string[]): ArticleKeyJob {
  const articles = model.content.articles;
  const index = new Map<ArticleLink, number>();
  articles.forEach((a, i) => index.set(a, i));
  const tags: string[] = [];
  const tagIndex = new Map<object, number>();
  const layout: number[] = [];
  articles.forEach((article, at) => {
    const parts = articlePageParts(model, article);
    const { previous, next } = parts.neighbours;
    layout.push(at, previous ? index.get(previous)! : -1, next ? index.get(next)! : -1, parts.related.length);
    for (const a of parts.related) layout.push(index.get(a)!);
    layout.push(parts.tags.length);
    for (const tag of parts.tags) {
      let i = tagIndex.get(tag);
      if (i === undefined) tagIndex.set(tag, (i = tags.push(articleTagText(tag)) - 1));
      layout.push(i);
    }
  });
  return { shared: sharedText(fingerprints, articlePageFrame(model)), articles: sources, tags, layout: Int32Array.from(layout) };
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
