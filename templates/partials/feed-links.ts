// Feed autodiscovery: <link rel="alternate"> tags for the site's Atom, RSS and JSON feeds, so browsers and
// feed readers find them from any page.
import type { SiteConfig } from "../../src/content/index.ts";
import { feedPaths } from "../../src/publish/feed-paths.ts";
import { html, type SafeHtml } from "../html.ts";

/** Alternate links for the feeds under `dir` ("/" for the whole site, "/districts/<slug>/"). */
export function renderFeedLinks(site: SiteConfig, dir = "/", title = `${site.name} - ${site.channel.name}`): SafeHtml {
  const paths = feedPaths(dir);
  return html`<link rel="alternate" type="application/atom+xml" title="${title} (Atom)" href="${paths.atom}">
<link rel="alternate" type="application/rss+xml" title="${title} (RSS)" href="${paths.rss}">
<link rel="alternate" type="application/feed+json" title="${title} (JSON Feed)" href="${paths.json}">`;
}
