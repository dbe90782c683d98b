// The sitemap (https://www.sitemaps.org/protocol.html) and robots.txt. Pure functions: (entries, site) →
// files. Above `maxUrls` URLs (the protocol's limit is 50,000 per file) the URLs are split over numbered
// files under /sitemaps/ and /sitemap.xml becomes the sitemap index that lists them, so the one address
// given to search engines and in robots.txt never changes.
import { districtUrl, formatIso, toZonedTime, type Article, type SiteConfig, type SiteContent } from "../content/index.ts";
import type { OutputFile } from "./output.ts";
import { absoluteUrl } from "./urls.ts";
import { xml } from "./xml.ts";

/** The protocol's limit of URLs per sitemap file (and of sitemaps per index). */
export const SITEMAP_MAX_URLS = 50_000;

export const SITEMAP_PATH = "/sitemap.xml";

export const ROBOTS_PATH = "/robots.txt";

export interface SitemapEntry {
  /** Site path: "/news/2020/02/changan/". */
  path: string;
  /** When the page last changed; absent when unknown (a list with no articles yet). */
  lastmod?: Date;
  /** lastmod as written in the sitemap, when already known (an article's dateIso). */
  lastmodIso?: string;
}

const NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

/**
 * The pages search engines should crawl, each once: the home page, the 区县播报 index, the district and tag
 * overviews, every district and tag page (the URLs the list pages use, src/content/taxonomies.ts), and
 * every article. Later pages of a list (/news/page/2/) are left out: every article they link to is listed
 * itself. A list's lastmod is its newest article's date.
 */
export function collectSitemapEntries(content: SiteContent): SitemapEntry[] {
  const { site, articles } = content;
  const newest = articles[0]?.date;
  const districtNewest = new Map<string, Date>();
  for (const a of articles) if (!districtNewest.has(a.district.slug)) districtNewest.set(a.district.slug, a.date);
  const entries: SitemapEntry[] = [withLastmod("/", newest), withLastmod("/news/", newest), withLastmod("/districts/", newest)];
  for (const district of site.districts) entries.push(withLastmod(districtUrl(district), districtNewest.get(district.slug)));
  entries.push(withLastmod("/tags/", newest));
  for (const tag of content.tags.tags) entries.push(withLastmod(tag.url, tag.articles[0]?.date));
  for (const article of articles) entries.push(articleEntry(article));
  return entries;
}

function withLastmod(path: string, lastmod: Date | undefined): SitemapEntry {
  return lastmod ? { path, lastmod } : { path };
}

function articleEntry(article: Article): SitemapEntry {
  return { path: article.url, lastmod: article.date, lastmodIso: article.dateIso };
}

function lastmodText(date: Date, site: SiteConfig): string {
  return formatIso(toZonedTime(date, site.timeZone));
}

/** A sitemap (a <urlset> of <url> elements) or the sitemap index (a <sitemapindex> of <sitemap> elements). */
function renderList(root: "urlset" | "sitemapindex", entries: readonly SitemapEntry[], site: SiteConfig): string {
  const item = root === "urlset" ? "url" : "sitemap";
  const items = entries.map(
    (e) => xml`
<${item}><loc>${absoluteUrl(e.path, site)}</loc>${e.lastmod ? xml`<lastmod>${e.lastmodIso ?? lastmodText(e.lastmod, site)}</lastmod>` : ""}</${item}>`,
  );
  return xml`<?xml version="1.0" encoding="UTF-8"?>
<${root} xmlns="${NAMESPACE}">${items}
</${root}>
`.value;
}

/** The paths of the files renderSitemaps makes of `count` entries. */
export function sitemapPaths(count: number, maxUrls = SITEMAP_MAX_URLS): string[] {
  if (count <= maxUrls) return [SITEMAP_PATH];
  return [SITEMAP_PATH, ...Array.from({ length: Math.ceil(count / maxUrls) }, (_, i) => partPath(i + 1))];
}

/** The path of the `n`th sitemap (from 1) when the URLs are split. */
function partPath(n: number): string {
  return `/sitemaps/${n}.xml`;
}

/**
 * /sitemap.xml, alone when the entries fit in one file; otherwise /sitemaps/1.xml, /sitemaps/2.xml, … with
 * at most `maxUrls` URLs each, and /sitemap.xml as their index.
 */
export function renderSitemaps(entries: readonly SitemapEntry[], site: SiteConfig, maxUrls = SITEMAP_MAX_URLS): OutputFile[] {
  if (!Number.isInteger(maxUrls) || maxUrls < 1) throw new RangeError(`maxUrls must be a positive whole number, received ${maxUrls}`);
  if (entries.length <= maxUrls) return [{ path: SITEMAP_PATH, contents: renderList("urlset", entries, site) }];
  const files: OutputFile[] = [];
  const parts: SitemapEntry[] = [];
  for (let start = 0; start < entries.length; start += maxUrls) {
    const chunk = entries.slice(start, start + maxUrls);
    const path = partPath(parts.length + 1);
    let lastmod: Date | undefined;
    for (const e of chunk) if (e.lastmod && (!lastmod || e.lastmod > lastmod)) lastmod = e.lastmod;
    parts.push(lastmod ? { path, lastmod } : { path });
    files.push({ path, contents: renderList("urlset", chunk, site) });
  }
  if (parts.length > maxUrls) {
    throw new RangeError(`${entries.length} URLs need ${parts.length} sitemaps, more than one index may list (${maxUrls})`);
  }
  return [{ path: SITEMAP_PATH, contents: renderList("sitemapindex", parts, site) }, ...files];
}

/** robots.txt: everything may be crawled except search result pages; the sitemap's absolute address. */
export function renderRobots(site: SiteConfig): string {
  return ["User-agent: *", "Disallow: /search/", "", `Sitemap: ${absoluteUrl(SITEMAP_PATH, site)}`, ""].join("\n");
}

/** The sitemap files and robots.txt of the whole site. */
export function renderSitemapFiles(content: SiteContent, maxUrls = SITEMAP_MAX_URLS): OutputFile[] {
  return [
    ...renderSitemaps(collectSitemapEntries(content), content.site, maxUrls),
    { path: ROBOTS_PATH, contents: renderRobots(content.site) },
  ];
}
