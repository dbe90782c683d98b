// 全站热点, the site-wide hot list: ranked once per build for every page's sidebar.
//   1. articles editors pinned (`hot: true`), newest first;
//   2. then the most-read articles published within `windowDays` before the build's reference time
//      (more reads first; equal reads newest first);
//   3. then the newest articles, until the list is full.
// Ties fall back to the site's article order (newest first, then URL), so one input gives one list.
import type { Article } from "./article.ts";

export interface HotEntry {
  article: Article;
  /** Read count from the analytics export, when known. */
  views?: number;
  /** Why the article is on the list: pinned by an editor, most read in the window, or simply new. */
  reason: "pinned" | "most-read" | "newest";
}

export interface HotOptions {
  /** Entries wanted. */
  count: number;
  /** How far back from `now` an article may be published to rank by reads. */
  windowDays: number;
  /** The build's reference time (SOURCE_DATE_EPOCH or now). */
  now: Date;
}

const DAY_MS = 86_400_000;

/** Ranks the hot list from the published articles in site order (newest first) and the read counts. */
export function rankHotTopics(newestFirst: readonly Article[], views: ReadonlyMap<string, number>, options: HotOptions): HotEntry[] {
  const entries: HotEntry[] = [];
  const taken = new Set<Article>();
  const add = (article: Article, reason: HotEntry["reason"]) => {
    if (entries.length >= options.count || taken.has(article)) return;
    taken.add(article);
    const count = views.get(article.url);
    entries.push(count === undefined ? { article, reason } : { article, views: count, reason });
  };

  for (const article of newestFirst) if (article.hot) add(article, "pinned");

  const end = options.now.getTime();
  const start = end - options.windowDays * DAY_MS;
  const read: { article: Article; views: number; order: number }[] = [];
  newestFirst.forEach((article, order) => {
    const time = article.date.getTime();
    const count = views.get(article.url);
    if (count !== undefined && count > 0 && time >= start && time <= end && !taken.has(article)) read.push({ article, views: count, order });
  });
  read.sort((a, b) => b.views - a.views || a.order - b.order);
  for (const r of read) add(r.article, "most-read");

  for (const article of newestFirst) {
    if (entries.length >= options.count) break;
    add(article, "newest");
  }
  return entries;
}
