// The site model: everything the pages of one build need, computed once per build from the content:
// the 全站热点 list, every list page, district and tag groups, neighbours and related reading.
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  findNeighbours,
  findRelated,
  groupByDistrict,
  paginate,
  rankHotTopics,
  tagKey,
  type Article,
  type DistrictGroup,
  type HotEntry,
  type ListPage,
  type Neighbours,
  type SiteContent,
  type TagGroup,
} from "../content/index.ts";
import type { OutputFile } from "../publish/output.ts";
import { bundledEntry, PACKAGE_DIR } from "../runtime.ts";
import { fingerprintAssets, type AssetMap } from "./assets.ts";
import { publishGroupsOf, type PublishGroup } from "./pages/publish-files.ts";

export { PACKAGE_DIR };
export const TEMPLATES_DIR = path.join(PACKAGE_DIR, "templates");
export const ASSETS_DIR = path.join(TEMPLATES_DIR, "assets");
/** Eleventy's configuration file: .eleventy.ts, or its bundled twin when the command runs from the bundle. */
export const CONFIG_PATH = bundledConfigPath() ?? path.join(PACKAGE_DIR, ".eleventy.ts");

function bundledConfigPath(): string | undefined {
  const url = bundledEntry("eleventy-config");
  return url ? fileURLToPath(url) : undefined;
}

/** One page of one list, with the group it lists; Eleventy paginates these one per output page. */
export type ListPageModel = ListPage<Article> &
  ({ kind: "news" } | { kind: "district"; district: DistrictGroup } | { kind: "tag"; tag: TagGroup });

export interface SiteModel {
  content: SiteContent;
  /** The 全站热点 entries, ranked once for every page. */
  hot: HotEntry[];
  /** Hashed stylesheet and script URLs. */
  assets: AssetMap;
  /** URLs of pages a warm build keeps from the last build, since nothing they show changed (build.ts). */
  keptPageUrls: ReadonlySet<string>;
  /** Every configured district with its articles, in configuration order. */
  districts: DistrictGroup[];
  /** Every tag in use, most articles first. */
  tags: TagGroup[];
  /** The pages of /news/, of each /districts/<slug>/ and of each /tags/<slug>/. */
  newsPages: ListPageModel[];
  districtPages: ListPageModel[];
  tagPages: ListPageModel[];
  /** By article URL: 上一篇 / 下一篇, 相关阅读, and the article's tags as published (folded, unique URLs). */
  neighbours: ReadonlyMap<string, Neighbours>;
  related: ReadonlyMap<string, Article[]>;
  articleTags: ReadonlyMap<string, TagGroup[]>;
  /** Feeds, sitemaps and robots.txt (src/publish) in groups made together (pages/publish-files.ts). */
  readonly publishGroups: PublishGroup[];
  /** Their files, but those of groups kept from the last build (keptPageUrls): made once, when first read. */
  readonly publishFiles: OutputFile[];
}

export interface ModelOptions {
  /** How 相关阅读 is worked out: findRelated, or a cached twin of it (related-cache.ts). */
  related?: (newestFirst: readonly Article[], count: number) => Map<string, Article[]>;
}

export function createSiteModel(content: SiteContent, options: ModelOptions = {}): SiteModel {
  const { site, articles } = content;
  let publishGroups: PublishGroup[] | undefined;
  let publishFiles: OutputFile[] | undefined;
  const districts = groupByDistrict(site, articles);
  const tags = content.tags.tags;
  const articleTags = new Map<string, TagGroup[]>();
  for (const article of articles) {
    articleTags.set(
      article.url,
      article.tags.flatMap((t) => content.tags.byKey.get(tagKey(t.name)) ?? []),
    );
  }
  return {
    content,
    hot: rankHotTopics(articles, content.views, { count: site.hot.count, windowDays: site.hot.windowDays, now: content.now }),
    assets: fingerprintAssets(ASSETS_DIR),
    districts,
    tags,
    newsPages: paginate(articles, site.pageSize, "/news/").map((page) => ({ ...page, kind: "news" as const })),
    districtPages: districts.flatMap((district) =>
      paginate(district.articles, site.pageSize, district.url).map((page) => ({ ...page, kind: "district" as const, district })),
    ),
    tagPages: tags.flatMap((tag) => paginate(tag.articles, site.pageSize, tag.url).map((page) => ({ ...page, kind: "tag" as const, tag }))),
    neighbours: findNeighbours(articles),
    related: (options.related ?? findRelated)(articles, site.relatedCount),
    articleTags,
    keptPageUrls: new Set(),
    // Made when first read, as Eleventy starts rendering: a full build hands the article pages to their
    // workers as soon as the model is made, and the sitemap and feeds (80 ms at 10,000 articles) are not
    // theirs to wait for.
    get publishGroups() {
      return (publishGroups ??= publishGroupsOf(content));
    },
    get publishFiles() {
      return (publishFiles ??= this.publishGroups.filter((g) => !g.paths.every((p) => this.keptPageUrls.has(p))).flatMap((g) => g.render()));
    },
  };
}
