// What a Chinese government portal states about itself on every page: the registry links of the footer
// (ICP 备案 at the MIIT, 公网安备 at the MPS) and the <meta> tags of the 政府网站发展指引 (国办发〔2017〕47号):
// SiteName, SiteDomain, SiteIDCode, ColumnName, and on articles ArticleTitle, PubDate, ContentSource,
// Author, Keywords. Pure functions; templates only print the pairs.
import type { Article } from "./article.ts";
import type { SiteConfig } from "./site-config.ts";

/** The MIIT ICP registry, where an ICP 备案号 can be looked up. */
export const ICP_REGISTRY_URL = "https://beian.miit.gov.cn/";

/** The number of a 公网安备 record: "陕公网安备 61011602000001号" → "61011602000001". */
export function policeRecordCode(police: string): string {
  const digits = /公网安备\s*(\d+)/.exec(police) ?? /(\d{6,})/.exec(police);
  if (!digits) throw new Error(`no record number in ${JSON.stringify(police)}`);
  return digits[1]!;
}

/** The MPS registry page of a 公网安备 record. */
export function policeRegistryUrl(police: string): string {
  return `https://beian.mps.gov.cn/#/query/webSearch?code=${policeRecordCode(police)}`;
}

export type MetaPair = readonly [name: string, content: string];

const hosts = new Map<string, string>();

/** The host of a base URL, parsed once (every page prints it). */
function hostOf(baseUrl: string): string {
  let host = hosts.get(baseUrl);
  if (host === undefined) hosts.set(baseUrl, (host = new URL(baseUrl).host));
  return host;
}

/** The site-level tags every page carries. `column` is the page's 栏目 (ColumnName). */
export function siteMeta(site: SiteConfig, column: string): MetaPair[] {
  return [
    ["SiteName", site.name],
    ["SiteDomain", hostOf(site.baseUrl)],
    ["SiteIDCode", site.footer.siteCode],
    ["ColumnName", column],
  ];
}

/**
 * The article-level tags. Description is not repeated here: HTML meta names are case-insensitive, so the
 * page's one `<meta name="description">` already is it, and a second would be a duplicate.
 * Author is the byline, else the source, else the site; ContentSource is the source, else the site;
 * Keywords are the tags, else the district.
 */
export function articleMeta(site: SiteConfig, article: Article): MetaPair[] {
  const keywords = article.tags.length > 0 ? article.tags.map((t) => t.name) : [article.district.name];
  return [
    ["ArticleTitle", article.title],
    ["PubDate", article.dateText],
    ["ContentSource", article.source ?? site.name],
    ["Author", article.byline ?? article.source ?? site.name],
    ["Keywords", keywords.join(",")],
  ];
}
