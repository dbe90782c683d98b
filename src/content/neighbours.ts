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
    const neighbours: Neighbours = {};
    const older = newestFirst[i + 1];
    const newer = i > 0 ? newestFirst[i - 1] : undefined;
    if (older) neighbours.previous = older;
    if (newer) neighbours.next = newer;
    result.set(article.url, neighbours);
  });
  return result;
}
