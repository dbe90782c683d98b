// Where a feed lives. Apart from feeds.ts, so that templates linking to feeds load nothing of making them.

/** "/" for the whole site, "/districts/<slug>/" for a district. */
export function feedPaths(dir: string): { atom: string; rss: string; json: string } {
  return { atom: `${dir}feed.xml`, rss: `${dir}rss.xml`, json: `${dir}feed.json` };
}
