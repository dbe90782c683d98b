import { describe, expect, it } from "vitest";
import { findNeighbours } from "../../src/content/index.ts";
import { article, siteOrder } from "../support/articles.ts";

describe("findNeighbours", () => {
  const articles = siteOrder([
    article("first", { date: "2020-01-01 08:00" }),
    article("second", { date: "2020-01-02 08:00" }),
    article("third", { date: "2020-01-03 08:00" }),
  ]);
  const neighbours = findNeighbours(articles);
  const of = (slug: string) => {
    const n = neighbours.get(articles.find((a) => a.slug === slug)!.url)!;
    return [n.previous?.slug ?? null, n.next?.slug ?? null];
  };

  it.each([
    ["first", [null, "second"]],
    ["second", ["first", "third"]],
    ["third", ["second", null]],
  ])("%s: 上一篇 (published before) and 下一篇 (published after)", (slug, expected) => {
    expect(of(slug)).toEqual(expected);
  });

  it("gives every article both fields, undefined at either end", () => {
    for (const a of articles) expect(Object.keys(neighbours.get(a.url)!)).toEqual(["previous", "next"]);
  });

  it("gives a lone article no neighbours", () => {
    const lone = article("lone");
    expect(findNeighbours([lone]).get(lone.url)).toEqual({});
  });

  it("orders articles published at the same minute by URL, as every list does", () => {
    const same = siteOrder([article("b", { date: "2020-01-01 08:00" }), article("a", { date: "2020-01-01 08:00" })]);
    const n = findNeighbours(same);
    expect(n.get(same[0]!.url)!.previous?.slug).toBe("b");
    expect(same.map((a) => a.slug)).toEqual(["a", "b"]);
  });
});
