import { describe, expect, it } from "vitest";
import { findUnsafeSlugCharacter, slugFromFileName, slugify } from "../../src/content/slugs.ts";

describe("slugify", () => {
  it.each([
    ["长安区", "chang-an-qu"],
    ['长安人民的忠诚"卫"士', "chang-an-ren-min-de-zhong-cheng-wei-shi"],
    ["重庆银行行长", "chong-qing-yin-hang-hang-zhang"],
    ["女儿绿", "nv-er-lv"],
    ["ＡＢＣ　１２３", "abc-123"],
    ["Hello, World!", "hello-world"],
    ["2020年 疫情防控", "2020-nian-yi-qing-fang-kong"],
    ["Café déjà vu", "cafe-deja-vu"],
    ["！！！", ""],
    ["", ""],
  ])("%s → %s", (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it("caps long slugs at a hyphen boundary", () => {
    const slug = slugify("长安区卫生健康局党委疫情防控工作侧记长安区卫生健康局党委疫情防控工作侧记");
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe("slugFromFileName", () => {
  it.each([
    ["2020-02-27-changan-health-bureau.md", "changan-health-bureau"],
    ["2020-02-27-长安卫士.md", "chang-an-wei-shi"],
    ["长安卫士.md", "chang-an-wei-shi"],
    ["2020-02-27.md", ""],
    ["My Article.MD", "my-article"],
  ])("%s → %s", (name, slug) => {
    expect(slugFromFileName(name)).toBe(slug);
  });
});

describe("findUnsafeSlugCharacter", () => {
  it.each([
    ["../etc", '".." (parent folder)'],
    ["a/b", '"/" or "\\" (folder separator)'],
    ["a\\b", '"/" or "\\" (folder separator)'],
    ["a\u200bb", "invisible character U+200B"],
    ["a\u0000b", "invisible character U+0000"],
    ["a\u3000b", "invisible character U+3000"],
  ])("%j is unsafe: %s", (slug, reason) => {
    expect(findUnsafeSlugCharacter(slug)).toBe(reason);
  });
  it("accepts ordinary slugs", () => {
    expect(findUnsafeSlugCharacter("changan-2020")).toBeUndefined();
  });
});
