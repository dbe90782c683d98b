import { describe, expect, it } from "vitest";
import { findRelated, relatedPositions, tagKey, type Article } from "../../src/content/index.ts";
import { article, siteOrder, slugs } from "../support/articles.ts";

describe("findRelated", () => {
  // Day numbers make the order obvious: a higher day is more recent.
  const site = siteOrder([
    article("me", { date: "2020-01-10 08:00", district: "长安区", tags: ["疫情防控", "卫生健康"] }),
    article("both-tags-old", { date: "2020-01-01 08:00", district: "新城区", tags: ["疫情防控", "卫生健康"] }),
    article("all-three", { date: "2020-01-02 08:00", district: "长安区", tags: ["卫生健康", "疫情防控", "教育"] }),
    article("district-and-tag", { date: "2020-01-05 08:00", district: "长安区", tags: ["卫生健康"] }),
    article("one-tag-new", { date: "2020-01-09 08:00", district: "碑林区", tags: ["疫情防控"] }),
    article("district-only", { date: "2020-01-08 08:00", district: "长安区" }),
    article("one-tag-old", { date: "2020-01-03 08:00", district: "碑林区", tags: ["卫生健康"] }),
    article("unrelated", { date: "2020-01-11 08:00", district: "周至县", tags: ["教育"] }),
    // ＣＯＶＩＤ and covid fold into one tag.
    article("width-a", { date: "2020-01-04 08:00", district: "周至县", tags: ["ＣＯＶＩＤ"] }),
    article("width-b", { date: "2020-01-06 08:00", district: "蓝田县", tags: ["covid"] }),
  ]);
  const related = (slug: string, count = 5) => slugs(findRelated(site, count).get(site.find((a) => a.slug === slug)!.url)!);

  it("ranks by shared district and tags, then the more recent, and never lists the article itself", () => {
    expect(related("me")).toEqual(["all-three", "district-and-tag", "both-tags-old", "one-tag-new", "district-only"]);
  });

  it.each([
    [1, ["all-three"]],
    [3, ["all-three", "district-and-tag", "both-tags-old"]],
    [7, ["all-three", "district-and-tag", "both-tags-old", "one-tag-new", "district-only", "one-tag-old"]],
  ])("takes at most %i", (count, expected) => {
    expect(related("me", count)).toEqual(expected);
  });

  it("gives nothing when relatedCount is 0, and nothing to an article that shares nothing", () => {
    expect(related("me", 0)).toEqual([]);
    const lone = siteOrder([article("x", { district: "周至县" }), article("y", { district: "长安区" })]);
    expect(slugs(findRelated(lone, 5).get(lone[0]!.url)!)).toEqual([]);
  });

  it("folds tags that differ only in case or width", () => {
    expect(related("width-a")).toContain("width-b");
    expect(related("width-b")).toEqual(["width-a"]);
  });

  it("gives articles with the same district and tags each other, not themselves", () => {
    const twins = siteOrder([
      article("t1", { date: "2020-01-01 08:00", tags: ["民生"] }),
      article("t2", { date: "2020-01-02 08:00", tags: ["民生"] }),
      article("t3", { date: "2020-01-03 08:00", tags: ["民生"] }),
    ]);
    const r = findRelated(twins, 1);
    expect(twins.map((a) => slugs(r.get(a.url)!))).toEqual([["t2"], ["t3"], ["t3"]]);
  });

  it("agrees with comparing every pair on varied sites of 600 articles, for every count", () => {
    // Few districts and tags (long lists, many sharing everything) and many (short lists, few sharing
    // more than one group): the merge must stop neither too early nor too late in either.
    const sites: [string[], string[]][] = [
      [["长安区", "新城区", "碑林区", "周至县"], ["疫情防控", "卫生健康", "教育", "就业", "民生", "COVID", "ｃｏｖｉｄ"]],
      [["长安区", "新城区", "碑林区", "周至县", "雁塔区", "莲湖区", "灞桥区", "未央区", "阎良区", "临潼区", "高陵区", "鄠邑区", "蓝田县"], Array.from({ length: 40 }, (_, i) => `话题${i}`)],
    ];
    for (const [districts, tags] of sites) {
      const many: Article[] = [];
      let seed = 7;
      const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
      for (let i = 0; i < 600; i++) {
        const chosen = [...new Set(Array.from({ length: next(5) }, () => tags[next(tags.length)]!))];
        const day = String(1 + next(28)).padStart(2, "0");
        many.push(article(`a${i}`, { date: `2021-02-${day} ${String(next(24)).padStart(2, "0")}:00`, district: districts[next(districts.length)]!, tags: chosen }));
      }
      const ordered = siteOrder(many);
      const groups = (a: Article) => new Set([`d:${a.district.slug}`, ...a.tags.map((t) => `t:${tagKey(t.name)}`)]);
      for (const count of [1, 2, 5, 8, 20]) {
        const fast = findRelated(ordered, count);
        const positions = relatedPositions(ordered, count);
        for (const [i, a] of ordered.entries()) {
          const mine = groups(a);
          const expected = ordered
            .map((c, order) => ({ c, order, score: [...groups(c)].filter((g) => mine.has(g)).length }))
            .filter((x) => x.c !== a && x.score > 0)
            .sort((x, y) => y.score - x.score || x.order - y.order)
            .slice(0, count)
            .map((x) => x.c.slug);
          expect(slugs(fast.get(a.url)!), `${a.slug}, ${count}`).toEqual(expected);
          expect(positions[i]!.map((j) => ordered[j]!.slug)).toEqual(expected);
        }
      }
    }
  });
});
