import { describe, expect, it } from "vitest";
import { buildPager, countPages, pageUrl, paginate } from "../../src/content/index.ts";

describe("countPages", () => {
  it.each([
    [0, 20, 1],
    [1, 20, 1],
    [20, 20, 1],
    [21, 20, 2],
    [40, 20, 2],
    [41, 20, 3],
    [10_000, 20, 500],
    [7, 1, 7],
  ])("%i items at %i a page → %i pages", (total, size, pages) => {
    expect(countPages(total, size)).toBe(pages);
  });

  it.each([0, -1, 1.5])("refuses page size %s", (size) => {
    expect(() => countPages(10, size)).toThrow(/page size/);
  });
});

describe("pageUrl", () => {
  it.each([
    ["/news/", 1, "/news/"],
    ["/news/", 2, "/news/page/2/"],
    ["/districts/changan/", 3, "/districts/changan/page/3/"],
    ["/tags/yi-qing-fang-kong/", 12, "/tags/yi-qing-fang-kong/page/12/"],
  ])("%s page %i → %s", (base, n, url) => {
    expect(pageUrl(base, n)).toBe(url);
  });
});

describe("paginate", () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it.each([
    [0, [[]]],
    [1, [[1]]],
    [3, [[1, 2, 3]]],
    [4, [[1, 2, 3], [4]]],
    [7, [[1, 2, 3], [4, 5, 6], [7]]],
  ])("%i items at 3 a page", (n, pages) => {
    const result = paginate(items(n), 3, "/news/");
    expect(result.map((p) => p.items)).toEqual(pages);
    expect(result.map((p) => p.url)).toEqual(pages.map((_, i) => (i === 0 ? "/news/" : `/news/page/${i + 1}/`)));
    expect(result.every((p) => p.pageCount === pages.length && p.total === n && p.baseUrl === "/news/")).toBe(true);
    expect(result.map((p) => p.pageNumber)).toEqual(pages.map((_, i) => i + 1));
  });

  it("boundaries at the default size of 20: 20 items are one page, 21 are two", () => {
    expect(paginate(items(20), 20, "/news/").map((p) => p.items.length)).toEqual([20]);
    expect(paginate(items(21), 20, "/news/").map((p) => p.items.length)).toEqual([20, 1]);
  });
});

describe("buildPager", () => {
  /** The pager as text: «first ‹previous [numbers] next› last», "-" for a missing link, * for current. */
  function sketch(current: number, count: number): string {
    const p = buildPager("/news/", current, count);
    const link = (l: { url?: string; pageNumber: number }) => (l.url ? String(l.pageNumber) : "-");
    const numbers = p.numbers.map((n) => ("gap" in n ? "…" : n.current ? `*${n.pageNumber}` : String(n.pageNumber))).join(" ");
    return `${link(p.first)} ${link(p.previous)} [${numbers}] ${link(p.next)} ${link(p.last)}`;
  }

  it.each([
    [1, 1, "- - [*1] - -"],
    [1, 2, "- - [*1 2] 2 2"],
    [2, 2, "1 1 [1 *2] - -"],
    [1, 10, "- - [*1 2 3 … 10] 2 10"],
    [4, 10, "1 3 [1 2 3 *4 5 6 … 10] 5 10"],
    [5, 10, "1 4 [1 2 3 4 *5 6 7 … 10] 6 10"],
    [6, 10, "1 5 [1 … 4 5 *6 7 8 9 10] 7 10"],
    [7, 10, "1 6 [1 … 5 6 *7 8 9 10] 8 10"],
    [10, 10, "1 9 [1 … 8 9 *10] - -"],
    [250, 500, "1 249 [1 … 248 249 *250 251 252 … 500] 251 500"],
  ])("page %i of %i: %s", (current, count, expected) => {
    expect(sketch(current, count)).toBe(expected);
  });

  it("links page numbers to their URLs", () => {
    const p = buildPager("/districts/changan/", 2, 3);
    expect(p.numbers).toEqual([
      { pageNumber: 1, url: "/districts/changan/", current: false },
      { pageNumber: 2, url: "/districts/changan/page/2/", current: true },
      { pageNumber: 3, url: "/districts/changan/page/3/", current: false },
    ]);
    expect(p.previous).toEqual({ pageNumber: 1, url: "/districts/changan/" });
    expect(p.next).toEqual({ pageNumber: 3, url: "/districts/changan/page/3/" });
  });
});
