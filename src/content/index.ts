// The content model's public surface: what the site adapter, publishing and the CLI may use.
// Nothing here imports Eleventy.
export { parseArticle, decodeArticle, frontMatterSchema, FRONT_MATTER_FIELDS } from "./article.ts";
export type { Article, FrontMatter, Term } from "./article.ts";
export { parseDate, referenceTime, toZonedTime, formatDisplay, formatIso, formatDay } from "./dates.ts";
export type { ZonedTime } from "./dates.ts";
export { renderMarkdown } from "./markdown.ts";
export type { Heading, RenderedBody } from "./markdown.ts";
export { loadSite, listArticleFiles, compareArticles, findUrlCollisions, ARTICLES_DIR } from "./load.ts";
export type { LoadOptions, LoadResult, SiteContent } from "./load.ts";
export { formatProblem, hasErrors, sortProblems, ContentError, compareText } from "./problems.ts";
export type { Problem, Severity } from "./problems.ts";
export { parseSiteConfig, loadSiteConfig, siteConfigSchema, SITE_CONFIG_FILE } from "./site-config.ts";
export type { SiteConfig, District } from "./site-config.ts";
export { slugify, slugFromFileName, findUnsafeSlugCharacter, SLUG_PATTERN } from "./slugs.ts";
export { ICP_REGISTRY_URL, policeRecordCode, policeRegistryUrl, siteMeta, articleMeta } from "./portal-meta.ts";
export type { MetaPair } from "./portal-meta.ts";
export { countPages, pageUrl, paginate, buildPager } from "./lists.ts";
export type { ListPage, Pager, PagerLink, PagerNumber } from "./lists.ts";
export { districtUrl, tagUrl, tagKey, groupByDistrict, groupByTag } from "./taxonomies.ts";
export type { DistrictGroup, TagGroup, TagIndex } from "./taxonomies.ts";
export { findNeighbours } from "./neighbours.ts";
export type { Neighbours } from "./neighbours.ts";
export { findRelated } from "./related.ts";
export { loadViews, parseViewsJson, parseViewsCsv, normalizeViewsPath, VIEWS_JSON, VIEWS_CSV } from "./views.ts";
export type { ViewsResult, ViewsContext } from "./views.ts";
export { rankHotTopics } from "./hot-topics.ts";
export type { HotEntry, HotOptions } from "./hot-topics.ts";
