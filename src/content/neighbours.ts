// 上一篇 / 下一篇: an article's neighbours by date within the channel. 上一篇 is the one published just
// before it, 下一篇 the one published just after; the oldest article has no 上一篇, the newest no 下一篇.
import type { Article } from "./article.ts";

export interface Neighbours {
  /** 上一篇: published just before. */
  previous?: Article;
  /** 下一篇: published just after. */
  next?: Article;
}

/** Neighbours of every article, keyed by URL, from the channel's articles in site order (newest first). */
export function findNeighbours(newestFirst: readonly Article[]): Map<string, Neighbours> {
  const result = new Map<string, Neighbours>();
  newestFirst.forEach((article, i) => {
    // Both fields always (undefined at either end): one shape for every article's neighbours.
    result.set(article.url, { previous: newestFirst[i + 1], next: i > 0 ? newestFirst[i - 1] : undefined });
  });
  return result;
}
