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
