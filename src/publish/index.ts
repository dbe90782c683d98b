// Publishing's public surface: plan a publish of the built folder against a bucket, check it, carry it out.
export { headersFor, contentTypeFor, isContentHashed, isGzip, objectKey, normalizePrefix, sameHeaders } from "./headers.ts";
export type { ObjectHeaders, CacheRules } from "./headers.ts";
export { scanOutput, listFiles, sha256Hex } from "./local.ts";
export type { LocalFile } from "./local.ts";
export { planPublish, phaseOf, isEmptyPlan, formatBytes, PHASES, PHASE_LABELS } from "./plan.ts";
export type { Plan, Phase, Step, RemoteObject, KeptObject, PlanOptions } from "./plan.ts";
export { checkGuards } from "./guards.ts";
export type { GuardLimits } from "./guards.ts";
export { executePlan } from "./execute.ts";
export type { ObjectStore, ProgressEvent, ExecuteResult } from "./execute.ts";
export {
  parseS3Url,
  createS3Client,
  createS3Store,
  listObjects,
  describeObjects,
  readStateObject,
  writeStateObject,
  stateKey,
  SHA256_METADATA,
} from "./s3.ts";
export { parseState, recallObjects, recordState, serializeState, STATE_NAME } from "./state.ts";
export type { PublishState, ListedObject, StateEntry } from "./state.ts";
export type { S3Target } from "./s3.ts";
export { changedUrls, publicUrl } from "./changed-urls.ts";

// The generators: feeds, sitemaps, robots.txt and structured data, pure functions of the loaded content.
// (The site adapter and templates import them from their own files, so a build never loads the S3 client.)
export { planFeeds, renderAtom, renderRss, renderJsonFeed, renderFeedFiles } from "./feeds.ts";
export { feedPaths } from "./feed-paths.ts";
export type { FeedSpec } from "./feeds.ts";
export {
  collectSitemapEntries,
  renderSitemaps,
  renderRobots,
  renderSitemapFiles,
  SITEMAP_MAX_URLS,
  SITEMAP_PATH,
} from "./sitemap.ts";
export type { SitemapEntry } from "./sitemap.ts";
export { describeNewsArticle, describeOpenGraph } from "./structured-data.ts";
export { absoluteUrl, absolutizeBody, findLeadImage } from "./urls.ts";
export { xml, escapeXml, stringifyJson, RawXml } from "./xml.ts";
export type { OutputFile } from "./output.ts";
