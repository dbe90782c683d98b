// Article objects for unit tests of the pure list functions, made the way the site makes them: fixture
// front matter parsed by parseArticle against the sample site's configuration.
import { parseArticle, parseSiteConfig, type Article, type SiteConfig } from "../../src/content/index.ts";
import { SITE_YAML, makeArticle } from "./fixtures.ts";

export const SAMPLE_SITE: SiteConfig = parseSiteConfig(SITE_YAML).config!;

/** Parses one fixture article; `slug` names its file (content/news/<slug>.md) and URL segment. */
export function article(slug: string, fields: Record<string, string | boolean | string[]> = {}): Article {
  const file = `content/news/${slug}.md`;
  const result = parseArticle(makeArticle({ title: `标题${slug}`, ...fields }), file, SAMPLE_SITE);
  if (!result.article) throw new Error(`fixture ${slug} does not parse: ${JSON.stringify(result.problems)}`);
  return result.article;
}

/** Newest first, ties by URL: the site's order (as loadSite sorts). */
export function siteOrder(articles: Article[]): Article[] {
  return [...articles].sort((a, b) => b.date.getTime() - a.date.getTime() || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

export const slugs = (articles: readonly { slug: string }[]) => articles.map((a) => a.slug);
