// Feeds for aggregators and feed readers: Atom 1.0 (RFC 4287), RSS 2.0 and JSON Feed 1.1, for the whole
// site and for each district. Pure functions: (published articles, site) → file contents.
//
// Generated here rather than through @11ty/eleventy-plugin-rss's Nunjucks feed templates: our pages are
// typed TypeScript functions over Article objects, not Eleventy collections of template files; the
// `xml` tag escapes every value by construction (and drops characters XML forbids), which the plugin's
// templates leave to each template line; and a feed is a few dozen entries picked from an already sorted
// list, so it costs nothing at 100,000 articles. The plugin's useful ideas (absolute URLs in the body,
// RFC 3339/822 dates) live in urls.ts and src/content/dates.ts, tested on their own.
import { districtUrl, formatIso, formatRfc822, toZonedTime, type Article, type SiteContent } from "../content/index.ts";
import type { OutputFile } from "./output.ts";
import { feedPaths } from "./feed-paths.ts";
import { absoluteUrl, absolutizeBody, findLeadImage } from "./urls.ts";
import { stringifyJson, xml } from "./xml.ts";

/** One feed, in all three formats. */
export interface FeedSpec {
  title: string;
  description: string;
  /** Site path of the page the feed follows: "/" or "/districts/changan/". */
  homePath: string;
  /** Site paths of the three files. */
  paths: { atom: string; rss: string; json: string };
  /** The entries, newest first, already limited. */
  articles: Article[];
  /** When the feed last changed: its newest entry, else the site's newest article. */
  updated: Date;
}

/**
 * Every feed of the site: the whole site, then each district in configuration order (a district with no
 * articles yet still has its feed, so readers can subscribe before the first story).
 */
export function planFeeds(content: SiteContent): FeedSpec[] {
  const { site, articles } = content;
  const limit = site.feeds.limit;
  const fallback = articles[0]?.date ?? new Date(0);
  const byDistrict = new Map<string, Article[]>(site.districts.map((d) => [d.slug, []]));
  // One pass over the newest-first list; each district keeps only its newest `limit` entries.
  for (const article of articles) {
    const list = byDistrict.get(article.district.slug);
    if (list && list.length < limit) list.push(article);
  }
  const channelTitle = `${site.name} - ${site.channel.name}`;
  const feeds: FeedSpec[] = [
    {
      title: channelTitle,
      description: site.description || channelTitle,
      homePath: "/",
      paths: feedPaths("/"),
      articles: articles.slice(0, limit),
      updated: fallback,
    },
  ];
  for (const district of site.districts) {
    const list = byDistrict.get(district.slug)!;
    feeds.push({
      title: `${district.name} - ${site.name}`,
      description: `${site.name}${site.channel.name}：${district.name}`,
      homePath: districtUrl(district),
      paths: feedPaths(districtUrl(district)),
      articles: list,
      updated: list[0]?.date ?? fallback,
    });
  }
  return feeds;
}

type Site = SiteContent["site"];

const iso = (date: Date, site: Site) => formatIso(toZonedTime(date, site.timeZone));
const rfc822 = (date: Date, site: Site) => formatRfc822(toZonedTime(date, site.timeZone));

/** Atom 1.0 (RFC 4287). Entries without a byline inherit the feed's author, the site. */
export function renderAtom(feed: FeedSpec, site: Site): string {
  const self = absoluteUrl(feed.paths.atom, site);
  const entries = feed.articles.map((a) => {
    const url = absoluteUrl(a.url, site);
    return xml`
<entry>
<title type="text">${a.title}</title>
<link rel="alternate" type="text/html" href="${url}"/>
<id>${url}</id>
<published>${a.dateIso}</published>
<updated>${a.dateIso}</updated>
${a.byline ? xml`<author><name>${a.byline}</name></author>\n` : ""}<category term="${a.district.name}"/>
${a.tags.map((t) => xml`<category term="${t.name}"/>\n`)}<summary type="text">${a.summary}</summary>
${site.feeds.fullText ? xml`<content type="html">${absolutizeBody(a, site)}</content>\n` : ""}</entry>`;
  });
  return xml`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${site.language}">
<title type="text">${feed.title}</title>
<subtitle type="text">${feed.description}</subtitle>
<link rel="self" type="application/atom+xml" href="${self}"/>
<link rel="alternate" type="text/html" href="${absoluteUrl(feed.homePath, site)}"/>
<id>${self}</id>
<updated>${iso(feed.updated, site)}</updated>
<author><name>${site.name}</name><uri>${site.baseUrl}</uri></author>
<generator>newsdesk</generator>${entries}
</feed>
`.value;
}

/** RSS 2.0 (https://www.rssboard.org/rss-specification), with atom:link rel=self as the board advises. */
export function renderRss(feed: FeedSpec, site: Site): string {
  const items = feed.articles.map((a) => {
    const url = absoluteUrl(a.url, site);
    return xml`
<item>
<title>${a.title}</title>
<link>${url}</link>
<guid isPermaLink="true">${url}</guid>
<pubDate>${rfc822(a.date, site)}</pubDate>
${a.byline ? xml`<dc:creator>${a.byline}</dc:creator>\n` : ""}<category>${a.district.name}</category>
${a.tags.map((t) => xml`<category>${t.name}</category>\n`)}<description>${a.summary}</description>
${site.feeds.fullText ? xml`<content:encoded>${absolutizeBody(a, site)}</content:encoded>\n` : ""}</item>`;
  });
  return xml`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${feed.title}</title>
<link>${absoluteUrl(feed.homePath, site)}</link>
<description>${feed.description}</description>
<language>${site.language.toLowerCase()}</language>
<lastBuildDate>${rfc822(feed.updated, site)}</lastBuildDate>
<atom:link href="${absoluteUrl(feed.paths.rss, site)}" rel="self" type="application/rss+xml"/>
<generator>newsdesk</generator>${items}
</channel>
</rss>
`.value;
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function renderJsonFeed(feed: FeedSpec, site: Site): string {
  const document = {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: absoluteUrl(feed.homePath, site),
    feed_url: absoluteUrl(feed.paths.json, site),
    description: feed.description,
    language: site.language,
    authors: [{ name: site.name, url: site.baseUrl }],
    items: feed.articles.map((a) => {
      const url = absoluteUrl(a.url, site);
      const image = findLeadImage(a, site);
      return {
        id: url,
        url,
        title: a.title,
        ...(site.feeds.fullText ? { content_html: absolutizeBody(a, site) } : { content_text: a.summary }),
        summary: a.summary,
        ...(image ? { image } : {}),
        date_published: a.dateIso,
        ...(a.byline ? { authors: [{ name: a.byline }] } : {}),
        tags: [a.district.name, ...a.tags.map((t) => t.name)],
      };
    }),
  };
  return `${stringifyJson(document, 2)}\n`;
}

/** One feed's three files, ready to write. */
export function renderFeed(feed: FeedSpec, site: Site): OutputFile[] {
  return [
    { path: feed.paths.atom, contents: renderAtom(feed, site) },
    { path: feed.paths.rss, contents: renderRss(feed, site) },
    { path: feed.paths.json, contents: renderJsonFeed(feed, site) },
  ];
}

/** The feed files of the whole site, ready to write. */
export function renderFeedFiles(content: SiteContent): OutputFile[] {
  return planFeeds(content).flatMap((feed) => renderFeed(feed, content.site));
}
