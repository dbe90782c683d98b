// The parse cache on disk: entries come back as they were stored, bodies are read only when used, and an
// entry made with other code or configuration (another salt) is never served.
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseCacheStore, loadSite, parseArticle, parseKey, parseSiteConfig, type ParsedArticle } from "../../src/content/index.ts";
import { SITE_YAML, makeArticle, makeSite } from "../support/fixtures.ts";
import { slugsTransliterated } from "../../src/content/slugs.ts";

const site = parseSiteConfig(SITE_YAML).config!;
const parse = (title: string, body = "正文第一段。\n"): ParsedArticle => parseArticle(makeArticle({ title }, body), `content/news/${title}.md`, site);
const dir = () => mkdtempSync(path.join(tmpdir(), "newsdesk-cache-"));

describe("ParseCacheStore", () => {
  it("gives back what was stored, with the body read from disk only when asked for", () => {
    const cacheDir = dir();
    const stored = ParseCacheStore.open(cacheDir, "salt-1");
    const a = parse("第一篇", "**加粗**的正文。\n");
    const b = parse("第二篇");
    stored.set("a", a);
    stored.set("b", b);
    stored.save();

    const reopened = ParseCacheStore.open(cacheDir, "salt-1");
    expect(reopened.size).toBe(2);
    const back = reopened.get("a")!;
    expect(reopened.bodyReads).toBe(0);
    expect(back.article!.title).toBe("第一篇");
    expect(reopened.bodyReads).toBe(0);
    expect(back.article!.html).toBe("<p><strong>加粗</strong>的正文。</p>\n");
    expect(reopened.bodyReads).toBe(1);
    expect(back).toEqual(a);
    // Every field, in the order parseArticle gives them (one shape for the code that reads articles).
    expect(Object.keys(back.article!)).toEqual(Object.keys(a.article!));
    expect(Object.keys(a.article!)).toContain("subtitle");
    reopened.close();
  });

  it("gives back tags, headings and every optional field as parsed", () => {
    const cacheDir = dir();
    const store = ParseCacheStore.open(cacheDir, "s");
    const text = makeArticle({ title: "全字段", subtitle: "副题", source: "来源", byline: "记者 甲", editor: "编辑 乙", tags: ["疫情防控", "卫生健康"], summary: "摘要" }, "## 小标题一\n\n正文。\n\n### 小标题二\n\n正文。\n");
    const full = parseArticle(text, "content/news/full.md", site);
    expect(full.article?.headings.length).toBe(2);
    store.set("full", full);
    store.save();
    const back = ParseCacheStore.open(cacheDir, "s").get("full")!;
    expect(back.article!.tags).toEqual(full.article!.tags);
    expect(back.article!.headings).toEqual(full.article!.headings);
    expect(back.article!.date).toEqual(full.article!.date);
    expect({ ...back.article!, html: "" }).toStrictEqual({ ...full.article!, html: "" });
  });

  it("keeps problems, and entries without an article", () => {
    const cacheDir = dir();
    const store = ParseCacheStore.open(cacheDir, "s");
    const bad = parseArticle("---\ntitle: 标题\n---\n", "content/news/bad.md", site);
    expect(bad.article).toBeUndefined();
    store.set("bad", bad);
    store.save();
    expect(ParseCacheStore.open(cacheDir, "s").get("bad")).toEqual(bad);
  });

  it("serves nothing made with another salt (other code or site configuration)", () => {
    const cacheDir = dir();
    const store = ParseCacheStore.open(cacheDir, "old");
    store.set("a", parse("第一篇"));
    store.save();
    expect(ParseCacheStore.open(cacheDir, "new").get("a")).toBeUndefined();
    expect(ParseCacheStore.open(cacheDir, "old").get("a")?.article?.title).toBe("第一篇");
  });

  it("leaves one bodies file: a cache made with another salt replaces the old one's", () => {
    const cacheDir = dir();
    const bodies = () => readdirSync(cacheDir).filter((f) => f.startsWith("bodies-"));
    const old = ParseCacheStore.open(cacheDir, "old");
    old.set("a", parse("第一篇"));
    old.save();
    const [oldFile] = bodies();
    const replaced = ParseCacheStore.open(cacheDir, "new");
    replaced.set("b", parse("第二篇"));
    replaced.save();
    expect(bodies()).toHaveLength(1);
    expect(bodies()).not.toContain(oldFile);
    expect(ParseCacheStore.open(cacheDir, "new").get("b")).toEqual(parse("第二篇"));
  });

  it("drops entries a build did not use, and compacts the bodies file when most of it is dead", () => {
    const cacheDir = dir();
    const long = "很长的正文。".repeat(40_000);
    const first = ParseCacheStore.open(cacheDir, "s");
    for (let i = 0; i < 10; i++) first.set(`k${i}`, parse(`第${i}篇`, long));
    first.save();
    const bodies = () => readdirSync(cacheDir).filter((f) => f.startsWith("bodies-"));
    const size = () => statSync(path.join(cacheDir, bodies()[0]!)).size;
    const full = size();

    // The next build uses one old entry and adds one: the others are gone and the file shrinks.
    const second = ParseCacheStore.open(cacheDir, "s");
    expect(second.get("k3")?.article?.title).toBe("第3篇");
    second.set("new", parse("新文章"));
    second.save();
    expect(bodies()).toHaveLength(1);
    expect(size()).toBeLessThan(full / 4);
    const third = ParseCacheStore.open(cacheDir, "s");
    expect(third.size).toBe(2);
    expect(third.get("k3")?.article?.html).toBe(parse("第3篇", long).article!.html);
    expect(third.get("k4")).toBeUndefined();
    third.close();
  });

  it("appends new bodies to the bodies file, however long, and reads every one back", () => {
    const cacheDir = dir();
    const first = ParseCacheStore.open(cacheDir, "s");
    const a = parse("第一篇", "短的正文，**加粗**。\n");
    first.set("a", a);
    first.save();
    const bodies = () => readdirSync(cacheDir).filter((f) => f.startsWith("bodies-"));
    const [file] = bodies();

    // Longer than the buffer bodies go through on their way to the file (4 MiB).
    const huge = parse("第二篇", `${"很长的正文，".repeat(400_000)}\n`);
    expect(huge.article!.html.length * 2).toBeGreaterThan(4 << 20);
    const second = ParseCacheStore.open(cacheDir, "s");
    expect(second.get("a")).toBeDefined();
    second.set("b", huge);
    second.set("c", parse("第三篇"));
    second.save();
    expect(bodies()).toEqual([file]);

    const third = ParseCacheStore.open(cacheDir, "s");
    expect(third.get("a")).toEqual(a);
    expect(third.get("b")).toEqual(huge);
    expect(third.get("c")).toEqual(parse("第三篇"));
    third.close();
  });

  it("writes only what changed since the index when that is little, and reads it back over the index", () => {
    const cacheDir = dir();
    const first = ParseCacheStore.open(cacheDir, "s");
    for (let i = 0; i < 100; i++) first.set(`k${i}`, parse(`第${i}篇`));
    first.save();
    const indexFile = path.join(cacheDir, "articles.v8");
    const deltaFile = path.join(cacheDir, "articles-delta.v8");
    const index = readFileSync(indexFile);
    expect(existsSync(deltaFile)).toBe(false);

    // One article edited (a new key in place of its old one), twice over: the index stays as written.
    for (const [round, title] of [[1, "改过的第7篇"], [2, "再改的第7篇"]] as const) {
      const store = ParseCacheStore.open(cacheDir, "s");
      for (let i = 0; i < 100; i++) if (i !== 7) expect(store.get(`k${i}`)?.article?.title).toBe(`第${i}篇`);
      if (round === 2) expect(ParseCacheStore.open(cacheDir, "s").get("edited-1")?.article?.title).toBe("改过的第7篇");
      store.set(`edited-${round}`, parse(title));
      store.save();
      expect(readFileSync(indexFile).equals(index)).toBe(true);
      expect(existsSync(deltaFile)).toBe(true);
    }
    const after = ParseCacheStore.open(cacheDir, "s");
    expect(after.size).toBe(100);
    expect(after.get("k7")).toBeUndefined();
    expect(after.get("edited-1")).toBeUndefined();
    expect(after.get("edited-2")).toEqual(parse("再改的第7篇"));
    expect(after.get("k8")).toEqual(parse("第8篇"));
    after.close();

    // Many changes: the index is written whole again, and the delta, which named the old one, goes.
    const many = ParseCacheStore.open(cacheDir, "s");
    for (let i = 0; i < 100; i++) many.set(`n${i}`, parse(`新的第${i}篇`));
    many.save();
    expect(readFileSync(indexFile).equals(index)).toBe(false);
    expect(existsSync(deltaFile)).toBe(false);
    const rewritten = ParseCacheStore.open(cacheDir, "s");
    expect(rewritten.size).toBe(100);
    expect(rewritten.get("edited-2")).toBeUndefined();
    expect(rewritten.get("n42")).toEqual(parse("新的第42篇"));
    rewritten.close();
  });

  it("never applies a delta to an index other than the one it was written after", () => {
    const cacheDir = dir();
    const first = ParseCacheStore.open(cacheDir, "s");
    for (let i = 0; i < 10; i++) first.set(`k${i}`, parse(`第${i}篇`));
    first.save();
    const second = ParseCacheStore.open(cacheDir, "s");
    for (let i = 1; i < 10; i++) second.get(`k${i}`);
    second.set("delta-only", parse("只在增量里"));
    second.save();
    const deltaFile = path.join(cacheDir, "articles-delta.v8");
    const delta = readFileSync(deltaFile);

    // The index is written whole (another build's many changes); a crash before the old delta was
    // removed would leave that delta beside it.
    const third = ParseCacheStore.open(cacheDir, "s");
    for (let i = 0; i < 100; i++) third.set(`n${i}`, parse(`新的第${i}篇`));
    third.save();
    writeFileSync(deltaFile, delta);
    const reopened = ParseCacheStore.open(cacheDir, "s");
    expect(reopened.size).toBe(100);
    expect(reopened.get("delta-only")).toBeUndefined();
    expect(reopened.get("n3")?.article?.title).toBe("新的第3篇");
  });

  it("keys files by path and bytes", () => {
    const bytes = new TextEncoder().encode("---\ntitle: x\n---\n");
    expect(parseKey("content/news/a.md", bytes)).toBe(parseKey("content/news/a.md", bytes));
    expect(parseKey("content/news/b.md", bytes)).not.toBe(parseKey("content/news/a.md", bytes));
    expect(parseKey("content/news/a.md", new TextEncoder().encode("---\ntitle: y\n---\n"))).not.toBe(parseKey("content/news/a.md", bytes));
  });
});

describe("file stamps", () => {
  const NOW = new Date("2026-11-01T00:00:00Z");
  const MTIME = 1_760_000_000;
  const articleFiles = ["2026-01-01-yi.md", "2026-01-02-er.md", "2026-01-03-san.md"];
  const siteWithCache = () => {
    const root = makeSite(Object.fromEntries(articleFiles.map((name, i) => [name, makeArticle({ title: `第${i + 1}篇`, date: `2026-01-0${i + 1} 09:00` })])));
    // Whole-second modification times, so that one can be put back exactly.
    for (const name of articleFiles) utimesSync(path.join(root, "content/news", name), MTIME, MTIME);
    return { root, cacheDir: path.join(root, ".cache/newsdesk") };
  };
  const load = (root: string, cache: ParseCacheStore) => loadSite(root, { now: NOW, cache, threads: 1 });

  it("vouch for files untouched since they were read, and let any write be read again", async () => {
    const { root, cacheDir } = siteWithCache();
    const first = ParseCacheStore.open(cacheDir, "s", { settleMs: 0 });
    await load(root, first);
    first.save();

    const second = ParseCacheStore.open(cacheDir, "s", { settleMs: 0 });
    const file = (name: string) => `content/news/${name}`;
    for (const name of articleFiles) expect(second.keyOfUnchanged(file(name), statSync(path.join(root, file(name))))).toBeDefined();

    // Same size, and the modification time put back as it was: the change time still tells.
    const edited = path.join(root, file(articleFiles[1]!));
    const before = statSync(edited);
    writeFileSync(edited, makeArticle({ title: "第8篇", date: "2026-01-02 09:00" }));
    utimesSync(edited, MTIME, MTIME);
    expect(statSync(edited).size).toBe(before.size);
    expect(statSync(edited).mtimeMs).toBe(before.mtimeMs);
    expect(second.keyOfUnchanged(file(articleFiles[1]!), statSync(edited))).toBeUndefined();
    const result = await load(root, second);
    expect(result.content!.articles.map((a) => a.title)).toEqual(["第3篇", "第8篇", "第1篇"]);
    second.save();

    // A cache made with other code or configuration vouches for nothing, whatever its stamps say.
    const third = ParseCacheStore.open(cacheDir, "other-salt", { settleMs: 0 });
    expect(third.keyOfUnchanged(file(articleFiles[0]!), statSync(path.join(root, file(articleFiles[0]!))))).toBeUndefined();
  });

  it("give an edited article's earlier tags and headings, whose slugs are then not worked out again", async () => {
    const root = makeSite({ "2026-01-01-yi.md": makeArticle({ title: "第一篇", date: "2026-01-01 09:00", tags: ["复工复产", "疫情防控"] }, "## 企业复工\n\n正文。\n\n## 企业复工\n") });
    const file = "content/news/2026-01-01-yi.md";
    utimesSync(path.join(root, file), MTIME, MTIME);
    const cacheDir = path.join(root, ".cache/newsdesk");
    const first = ParseCacheStore.open(cacheDir, "s", { settleMs: 0 });
    await load(root, first);
    first.save();

    // The body edited, tags and headings kept; then a new heading.
    const edit = async (body: string) => {
      writeFileSync(path.join(root, file), makeArticle({ title: "第一篇", date: "2026-01-01 09:00", tags: ["复工复产", "疫情防控"] }, body));
      const store = ParseCacheStore.open(cacheDir, "s", { settleMs: 0 });
      expect(store.previousArticle(file)?.tags.map((t) => t.slug)).toEqual(["fu-gong-fu-chan", "yi-qing-fang-kong"]);
      slugsTransliterated(true);
      const article = (await load(root, store)).content!.articles[0]!;
      const count = slugsTransliterated();
      // The same as a parse that knew no slugs.
      slugsTransliterated(true);
      const fresh = parseArticle(readFileSync(path.join(root, file), "utf8"), file, site);
      expect({ tags: article.tags, headings: article.headings }).toEqual({ tags: fresh.article!.tags, headings: fresh.article!.headings });
      return { count, headings: article.headings.map((h) => h.id) };
    };
    expect(await edit("## 企业复工\n\n正文，补充一段。\n\n## 企业复工\n")).toEqual({ count: 0, headings: ["qi-ye-fu-gong", "qi-ye-fu-gong-2"] });
    expect(await edit("## 企业复工\n\n正文。\n\n## 新的小标题\n")).toEqual({ count: 1, headings: ["qi-ye-fu-gong", "xin-de-xiao-biao-ti"] });
  });

  it("do not vouch for a file changed just before it was looked at (a coarse clock could hide a second edit)", () => {
    const cacheDir = dir();
    const file = path.join(cacheDir, "article.md");
    writeFileSync(file, "---\ntitle: x\n---\n");
    const stat = statSync(file);
    const changedAt = Math.max(stat.mtimeMs, stat.ctimeMs);
    const store = ParseCacheStore.open(cacheDir, "s");
    store.set("k-fresh", parse("新"));
    store.set("k-old", parse("旧"));
    store.remember("fresh.md", stat, changedAt + 1000, "k-fresh");
    store.remember("old.md", stat, changedAt + 5000, "k-old");
    store.save();
    const reopened = ParseCacheStore.open(cacheDir, "s");
    expect(reopened.keyOfUnchanged("fresh.md", stat)).toBeUndefined();
    expect(reopened.keyOfUnchanged("old.md", stat)).toBe("k-old");
  });
});
