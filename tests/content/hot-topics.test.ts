import { describe, expect, it } from "vitest";
import { rankHotTopics, type Article } from "../../src/content/index.ts";
import { article, siteOrder } from "../support/articles.ts";

// Reference time 2020-03-31 12:00 Beijing; the 30-day window starts 2020-03-01 12:00 Beijing.
const NOW = new Date("2020-03-31T04:00:00Z");
const site = siteOrder([
  article("pin-old", { date: "2019-12-01 08:00", hot: true }),
  article("pin-new", { date: "2020-03-20 08:00", hot: true }),
  article("read-most", { date: "2020-03-10 08:00" }),
  article("read-less", { date: "2020-03-15 08:00" }),
  article("read-tie-old", { date: "2020-03-02 08:00" }),
  article("read-tie-new", { date: "2020-03-05 08:00" }),
  article("read-before-window", { date: "2020-03-01 11:59" }),
  article("read-window-start", { date: "2020-03-01 12:00" }),
  article("newest", { date: "2020-03-30 08:00" }),
  article("second-newest", { date: "2020-03-29 08:00" }),
  article("old", { date: "2019-01-01 08:00" }),
]);
const url = (slug: string) => site.find((a) => a.slug === slug)!.url;
const views = new Map([
  [url("read-most"), 9000],
  [url("read-less"), 500],
  [url("read-tie-old"), 700],
  [url("read-tie-new"), 700],
  [url("read-before-window"), 1_000_000],
  [url("read-window-start"), 600],
  [url("pin-old"), 42],
  [url("old"), 50_000],
]);

function rank(articles: Article[], counts: Map<string, number>, count: number, windowDays = 30) {
  return rankHotTopics(articles, counts, { count, windowDays, now: NOW }).map((e) => [e.article.slug, e.reason, e.views ?? null]);
}

describe("rankHotTopics", () => {
  it("puts pins first (newest first), then the most read inside the window, then the newest", () => {
    expect(rank(site, views, 9)).toEqual([
      ["pin-new", "pinned", null],
      ["pin-old", "pinned", 42],
      ["read-most", "most-read", 9000],
      ["read-tie-new", "most-read", 700],
      ["read-tie-old", "most-read", 700],
      ["read-window-start", "most-read", 600],
      ["read-less", "most-read", 500],
      // Counts outside the window do not rank, but are still shown.
      ["newest", "newest", null],
      ["second-newest", "newest", null],
    ]);
  });

  it.each([
    [1, ["pin-new"]],
    [3, ["pin-new", "pin-old", "read-most"]],
    [7, ["pin-new", "pin-old", "read-most", "read-tie-new", "read-tie-old", "read-window-start", "read-less"]],
  ])("stops at %i entries", (count, expected) => {
    expect(rank(site, views, count).map((e) => e[0])).toEqual(expected);
  });

  it("without any read counts: pins, then the newest", () => {
    expect(rank(site, new Map(), 4)).toEqual([
      ["pin-new", "pinned", null],
      ["pin-old", "pinned", null],
      ["newest", "newest", null],
      ["second-newest", "newest", null],
    ]);
  });

  it("a wider window lets older counts rank", () => {
    expect(rank(site, views, 4, 3650).map((e) => e[0])).toEqual(["pin-new", "pin-old", "read-before-window", "old"]);
  });

  it("shows a count known for an article that is only on the list for being new", () => {
    const two = siteOrder([article("a", { date: "2020-01-01 08:00" }), article("b", { date: "2020-01-02 08:00" })]);
    // "a" is older than the window and read 0 times: it does not rank by reads, but its count is known.
    expect(rank(two, new Map([[two[1]!.url, 0]]), 2)).toEqual([
      ["b", "newest", null],
      ["a", "newest", 0],
    ]);
  });

  it("ignores articles published after the reference time", () => {
    const future = siteOrder([article("future", { date: "2020-04-02 08:00" }), article("past", { date: "2020-03-30 08:00" })]);
    const counts = new Map([[future[0]!.url, 100], [future[1]!.url, 1]]);
    expect(rank(future, counts, 1)).toEqual([["past", "most-read", 1]]);
  });

  it("gives an empty list for an empty site", () => {
    expect(rank([], new Map(), 7)).toEqual([]);
  });
});
