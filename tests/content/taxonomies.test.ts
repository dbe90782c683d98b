import { describe, expect, it } from "vitest";
import { groupByDistrict, groupByTag, tagKey } from "../../src/content/index.ts";
import { slugsTransliterated } from "../../src/content/slugs.ts";
import { SAMPLE_SITE, article, siteOrder, slugs } from "../support/articles.ts";

describe("tagKey", () => {
  it.each([
    ["COVID", "covid"],
    ["Covid", "covid"],
    ["ＣＯＶＩＤ", "covid"],
    ["５Ｇ网络", "5g网络"],
    ["疫情防控", "疫情防控"],
  ])("%s → %s", (name, key) => {
    expect(tagKey(name)).toBe(key);
  });
});

describe("groupByDistrict", () => {
  it("keeps every configured district in configuration order, empty ones included, articles newest first", () => {
    const articles = siteOrder([
      article("a", { district: "长安区", date: "2020-01-01 08:00" }),
      article("b", { district: "新城区", date: "2020-01-02 08:00" }),
      article("c", { district: "长安区", date: "2020-01-03 08:00" }),
    ]);
    const groups = groupByDistrict(SAMPLE_SITE, articles);
    expect(groups.map((g) => g.district.name)).toEqual(SAMPLE_SITE.districts.map((d) => d.name));
    expect(groups.map((g) => g.url)[0]).toBe("/districts/xincheng/");
    const bySlug = Object.fromEntries(groups.map((g) => [g.district.slug, slugs(g.articles)]));
    expect(bySlug).toMatchObject({ changan: ["c", "a"], xincheng: ["b"], beilin: [] });
  });
});

describe("groupByTag", () => {
  it("folds case and width variants into one tag, shown in its most used spelling", () => {
    const articles = siteOrder([
      article("a", { date: "2020-01-01 08:00", tags: ["COVID"] }),
      article("b", { date: "2020-01-02 08:00", tags: ["covid"] }),
      article("c", { date: "2020-01-03 08:00", tags: ["ＣＯＶＩＤ", "疫情防控"] }),
      article("d", { date: "2020-01-04 08:00", tags: ["Covid", "疫情防控"] }),
    ]);
    const index = groupByTag(articles);
    expect(index.tags.map((t) => [t.name, t.slug, t.url, slugs(t.articles)])).toEqual([
      // ＣＯＶＩＤ is COVID after width folding, so COVID is used twice.
      ["COVID", "covid", "/tags/covid/", ["d", "c", "b", "a"]],
      ["疫情防控", "yi-qing-fang-kong", "/tags/yi-qing-fang-kong/", ["d", "c"]],
    ]);
    expect(index.problems).toEqual([]);
    expect(index.byKey.get("covid")!.name).toBe("COVID");
  });

  it("keeps homophone tags apart: the first used keeps the slug, the later one is numbered with a warning", () => {
    const articles = siteOrder([
      article("old", { date: "2020-01-01 08:00", tags: ["公式"] }),
      article("new", { date: "2020-02-01 08:00", tags: ["攻势"] }),
      article("newer", { date: "2020-03-01 08:00", tags: ["攻势", "公式"] }),
    ]);
    const index = groupByTag(articles);
    expect(index.tags.map((t) => [t.name, t.url, slugs(t.articles)])).toEqual([
      ["公式", "/tags/gong-shi/", ["newer", "old"]],
      ["攻势", "/tags/gong-shi-2/", ["newer", "new"]],
    ]);
    expect(index.problems).toEqual([
      {
        severity: "warning",
        file: "content/news/new.md",
        field: "tags",
        message: 'tag "攻势" has the same URL slug "gong-shi" as tag "公式" (first used in content/news/old.md); it is published at /tags/gong-shi-2/',
        hint: "两个标签的拼音相同，后出现的标签网址已自动加上编号；如不希望这样，请换一个标签名",
      },
    ]);
  });

  it("takes a tag's slug from a term spelled as its key, transliterating none again", () => {
    const articles = siteOrder([
      article("a", { date: "2020-01-01 08:00", tags: ["复工复产", "COVID"] }),
      article("b", { date: "2020-01-02 08:00", tags: ["复工复产", "Covid"] }),
    ]);
    slugsTransliterated(true);
    const index = groupByTag(articles);
    // "COVID" is spelled as no key ("covid"): its slug is worked out from the key, needing no pinyin.
    expect(index.tags.map((t) => [t.name, t.slug])).toEqual([
      ["COVID", "covid"],
      ["复工复产", "fu-gong-fu-chan"],
    ]);
    expect(slugsTransliterated()).toBe(0);
  });

  it("never gives a numbered slug that another tag already has", () => {
    const articles = siteOrder([
      article("a", { date: "2020-01-01 08:00", tags: ["公式"] }),
      article("b", { date: "2020-01-02 08:00", tags: ["gong shi 2"] }),
      article("c", { date: "2020-01-03 08:00", tags: ["攻势"] }),
    ]);
    const urls = Object.fromEntries(groupByTag(articles).tags.map((t) => [t.name, t.url]));
    expect(urls).toEqual({ 公式: "/tags/gong-shi/", "gong shi 2": "/tags/gong-shi-2/", 攻势: "/tags/gong-shi-3/" });
  });

  it("orders tags by article count, then slug", () => {
    const articles = siteOrder([
      article("a", { date: "2020-01-01 08:00", tags: ["教育", "民生"] }),
      article("b", { date: "2020-01-02 08:00", tags: ["民生", "就业"] }),
    ]);
    expect(groupByTag(articles).tags.map((t) => t.slug)).toEqual(["min-sheng", "jiao-yu", "jiu-ye"]);
  });
});
