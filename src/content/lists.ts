// Pagination maths for every list on the site: which articles go on which page, each page's URL, and the
// pager's links. A list of N items at size S has max(1, ceil(N / S)) pages: an empty list still has its
// first page, so /news/ exists (and says there is nothing yet) on a new site.

/** One page of a paginated list. */
export interface ListPage<T> {
  /** 1-based. */
  pageNumber: number;
  pageCount: number;
  /** Site-relative URL of this page: the list's base URL for page 1, `<base>page/<n>/` after. */
  url: string;
  /** URL of the list's first page, e.g. /districts/changan/. */
  baseUrl: string;
  items: T[];
  /** Items in the whole list, across all pages. */
  total: number;
}

/** Number of pages a list of `total` items takes; never less than one. */
export function countPages(total: number, pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`page size must be a whole number of at least 1, received ${pageSize}`);
  return Math.max(1, Math.ceil(total / pageSize));
}

/** URL of page `pageNumber` of the list at `baseUrl` (which ends in a slash): /news/, /news/page/2/, … */
export function pageUrl(baseUrl: string, pageNumber: number): string {
  return pageNumber <= 1 ? baseUrl : `${baseUrl}page/${pageNumber}/`;
}

/** Splits `items` (already in display order) into pages of `pageSize`. */
export function paginate<T>(items: readonly T[], pageSize: number, baseUrl: string): ListPage<T>[] {
  const pageCount = countPages(items.length, pageSize);
  const pages: ListPage<T>[] = [];
  for (let n = 1; n <= pageCount; n++) {
    pages.push({
      pageNumber: n,
      pageCount,
      url: pageUrl(baseUrl, n),
      baseUrl,
      items: items.slice((n - 1) * pageSize, n * pageSize),
      total: items.length,
    });
  }
  return pages;
}

/** A link in the pager; `url` is absent where the link would lead nowhere (首页 on the first page). */
export interface PagerLink {
  pageNumber: number;
  url?: string;
}

/** A page number in the pager, or a gap ("…") standing for the numbers left out. */
export type PagerNumber = { pageNumber: number; url: string; current: boolean } | { gap: true };

export interface Pager {
  first: PagerLink;
  previous: PagerLink;
  next: PagerLink;
  last: PagerLink;
  numbers: PagerNumber[];
}

/**
 * The pager of page `current` out of `pageCount`: first, previous, next and last, and page numbers: the
 * first and last page always, and `around` pages either side of the current one, with gaps for the rest.
 * A gap never hides a single number (1 … 3 would be silly: 1 2 3 is as short).
 */
export function buildPager(baseUrl: string, current: number, pageCount: number, around = 2): Pager {
  const link = (n: number, exists: boolean): PagerLink => (exists ? { pageNumber: n, url: pageUrl(baseUrl, n) } : { pageNumber: n });
  const shown: number[] = [];
  for (let n = 1; n <= pageCount; n++) {
    const near = Math.abs(n - current) <= around;
    const edge = n === 1 || n === pageCount;
    // A number next to a would-be gap of exactly one is shown instead of the gap.
    const fillsGap = (n === 2 && current - around === 3) || (n === pageCount - 1 && current + around === pageCount - 2);
    if (near || edge || fillsGap) shown.push(n);
  }
  const numbers: PagerNumber[] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) numbers.push({ gap: true });
    numbers.push({ pageNumber: n, url: pageUrl(baseUrl, n), current: n === current });
  });
  return {
    first: link(1, current > 1),
    previous: link(current - 1, current > 1),
    next: link(current + 1, current < pageCount),
    last: link(pageCount, current < pageCount),
    numbers,
  };
}
