// The persistent build cache (.cache/newsdesk/): a warm build after any change gives byte for byte the output
// of a build from scratch, and re-renders and rewrites what the change touched, not everything.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatCorpusArticle, generateCorpus, type CorpusArticle } from "../../src/bench/corpus.ts";
import { buildSite, type BuildResult } from "../../src/site/index.ts";
import { loadSite } from "../../src/content/index.ts";
import { CACHE_DIR, saltOf } from "../../src/site/build-cache.ts";
import { manifestFileOf, readManifest, type OutputManifest } from "../../src/site/output.ts";
import { publishFilesMade } from "../../src/site/pages/publish-files.ts";
import { PROJECT_DIR, SITE_YAML, makeSite, readOutput } from "../support/fixtures.ts";
import { diffTrees, readTree } from "../support/tree.ts";

const NOW = new Date("2027-01-01T00:00:00Z");

/** A site of `count` corpus articles, built once with the cache. */
async function builtSite(count = 30): Promise<{ root: string; corpus: CorpusArticle[]; first: BuildResult }> {
  const corpus = generateCorpus(count);
  const files = Object.fromEntries(corpus.map((a) => [a.fileName, formatCorpusArticle(a)]));
  const root = makeSite(files);
  const first = await buildSite({ root, now: NOW });
  expect(first.ok).toBe(true);
  expect(first.output?.mode).toBe("full");
  return { root, corpus, first };
}

/** Builds again with the cache, then from scratch elsewhere, and checks the two outputs are identical. */
async function warmEqualsCold(root: string): Promise<BuildResult> {
  const warm = await buildSite({ root, now: NOW });
  expect(warm.ok).toBe(true);
  const cold = await buildSite({ root, now: NOW, outDir: "_cold", cache: false });
  expect(cold.output?.mode).toBe("full");
  expect(diffTrees(readTree(path.join(root, "_site")), readTree(path.join(root, "_cold")))).toEqual([]);
  rmSync(path.join(root, "_cold"), { recursive: true, force: true });
  return warm;
}

/** Feeds, sitemaps and robots.txt, as output paths. */
const PUBLISH_FILE = /^(?:(?:districts\/[^/]+\/)?(?:feed\.xml|rss\.xml|feed\.json)|sitemap\.xml|sitemaps\/\d+\.xml|robots\.txt)$/;
/** The output manifest the last build of `root` into _site left, as the next build reads it. */
async function manifestOf(root: string): Promise<OutputManifest> {
  const loaded = await loadSite(root, { now: NOW });
  const outDir = path.join(root, "_site");
  const file = manifestFileOf(path.join(root, CACHE_DIR), outDir);
  const manifest = readManifest(file, saltOf("output", loaded.content!.site), outDir);
  if (!manifest) throw new Error(`no manifest in ${file}`);
  return manifest;
}

const pageOf = (a: CorpusArticle) => `/news/${a.date.slice(0, 4)}/${a.date.slice(5, 7)}/${a.fileName.slice(11, -3)}/`;
const articleFile = (root: string, a: CorpusArticle) => path.join(root, "content/news", a.fileName);

describe("a warm build", () => {
  it("with nothing changed renders no article or list page, feed or sitemap, and writes nothing", async () => {
    const { root, first } = await builtSite();
    const files = [...readTree(path.join(root, "_site")).keys()];
    const lists = files.filter((p) => /^(news|districts\/[^/]+|tags\/[^/]+)\/(page\/\d+\/)?index\.html$/.test(p));
    expect(lists.length).toBeGreaterThan(10);
    const publishFiles = files.filter((p) => PUBLISH_FILE.test(p));
    expect(publishFiles).toContain("sitemap.xml");
    expect(publishFiles.length).toBeGreaterThan(6);
    const warm = await warmEqualsCold(root);
    expect(warm.output).toEqual({ mode: "warm", rendered: first.output!.rendered - 30 - lists.length - publishFiles.length, written: 0, deleted: 0 });
  });

  it("after an edited body makes again the feeds that carry it, not the sitemap", async () => {
    const { root, corpus } = await builtSite();
    const edited = corpus[10]!;
    const carrying = [...readTree(path.join(root, "_site"))]
      .filter(([p, bytes]) => PUBLISH_FILE.test(p) && !p.startsWith("sitemap") && bytes.toString().includes(pageOf(edited)))
      .map(([p]) => `/${p}`)
      .sort();
    // The whole site's feed and its district's, each in three formats.
    expect(carrying.length).toBe(6);
    writeFileSync(articleFile(root, edited), formatCorpusArticle({ ...edited, body: `${edited.body}\n\n补充报道：活动仍在进行。` }));
    const warm = await buildSite({ root, now: NOW });
    expect(warm.output?.mode).toBe("warm");
    expect([...publishFilesMade()].sort()).toEqual(carrying);
    await warmEqualsCold(root);
  });

  it("after a changed date makes the sitemap again", async () => {
    const { root, corpus } = await builtSite();
    const edited = corpus[3]!;
    writeFileSync(articleFile(root, edited), formatCorpusArticle({ ...edited, date: edited.date.replace(/\d\d:\d\d$/, "23:59") }));
    expect((await buildSite({ root, now: NOW })).output?.mode).toBe("warm");
    expect(publishFilesMade()).toContain("/sitemap.xml");
    await warmEqualsCold(root);
    expect(readOutput(root, "/sitemap.xml")).toMatch(new RegExp(`${pageOf(edited)}</loc><lastmod>[^<]*T23:59:00`));
  });

  it("after an edited title rewrites the lists that show it, and its neighbours", async () => {
    const { root, corpus } = await builtSite();
    const edited = corpus[12]!;
    writeFileSync(articleFile(root, edited), formatCorpusArticle({ ...edited, title: "改过的标题" }));
    const warm = await warmEqualsCold(root);
    expect(warm.output?.mode).toBe("warm");
    expect(warm.output!.written).toBeGreaterThanOrEqual(4);
    expect(readOutput(root, "/news/")).toContain("改过的标题");
    expect(readOutput(root, pageOf(corpus[13]!))).toContain("改过的标题");
  });

  it("after an edited article body rewrites that article's page only", async () => {
    const { root, corpus } = await builtSite();
    const edited = corpus[10]!;
    const before = readTree(path.join(root, "_site"));
    writeFileSync(articleFile(root, edited), formatCorpusArticle({ ...edited, body: `${edited.body}\n\n补充报道：活动仍在进行。` }));
    const warm = await warmEqualsCold(root);
    expect(warm.output?.mode).toBe("warm");
    // Of the pages only the article's own; besides it, the feeds that carry its text and the search index.
    const after = readTree(path.join(root, "_site"));
    const changed = diffTrees(before, after);
    expect(changed.filter((p) => p.endsWith(".html"))).toEqual([`${pageOf(edited).slice(1)}index.html`]);
    expect(changed.filter((p) => !p.endsWith(".html") && !/^(?:pagefind\/|feed\.|rss\.xml$|districts\/[a-z]+\/(?:feed\.|rss\.xml$))/.test(p))).toEqual([]);
    expect(warm.output?.written).toBe(changed.filter((p) => after.has(p)).length);
    expect(readOutput(root, pageOf(edited))).toContain("补充报道：活动仍在进行。");
  });

  it("after changed tags rewrites the 相关阅读 of the articles it now joins or leaves", async () => {
    const { root, corpus } = await builtSite();
    const edited = corpus[7]!;
    const before = readTree(path.join(root, "_site"));
    writeFileSync(articleFile(root, edited), formatCorpusArticle({ ...edited, tags: ["全新标签甲", "全新标签乙"] }));
    const warm = await warmEqualsCold(root);
    expect(warm.output?.mode).toBe("warm");
    // Pages other than its own, its tag pages and the lists changed: their related reading did.
    const changed = diffTrees(before, readTree(path.join(root, "_site"))).filter((p) => /^news\/\d{4}\//.test(p) && p !== `${pageOf(edited).slice(1)}index.html`);
    expect(changed.length).toBeGreaterThan(0);
  });

  it("after an edited title of a 全站热点 article renders every page that shows it", async () => {
    const { root, corpus } = await builtSite();
    // With no views data the sidebar lists the newest articles: the last one of the corpus is among them.
    const newest = corpus[corpus.length - 1]!;
    writeFileSync(articleFile(root, newest), formatCorpusArticle({ ...newest, title: "全新的标题" }));
    const warm = await warmEqualsCold(root);
    expect(warm.output?.written).toBeGreaterThanOrEqual(30);
    expect(readOutput(root, pageOf(corpus[0]!))).toContain("全新的标题");
  });

  it("that would render most pages again builds from scratch instead, the same", async () => {
    const { root, corpus, first } = await builtSite(320);
    // The newest article is on every page's 全站热点 list (no views data): every page changes.
    const newest = corpus[corpus.length - 1]!;
    writeFileSync(articleFile(root, newest), formatCorpusArticle({ ...newest, title: "全新的标题" }));
    const warm = await warmEqualsCold(root);
    expect(warm.output).toEqual({ mode: "full", rendered: first.output!.rendered, written: first.output!.rendered, deleted: 0 });
    expect(readOutput(root, pageOf(corpus[0]!))).toContain("全新的标题");
    // And the build after it, with nothing changed, is warm again and keeps everything.
    const again = await buildSite({ root, now: NOW });
    expect(again.output).toMatchObject({ mode: "warm", written: 0 });
  }, 120_000);

  it("after a deleted article removes its page and folder", async () => {
    const { root, corpus } = await builtSite();
    const gone = corpus[5]!;
    unlinkSync(articleFile(root, gone));
    const warm = await warmEqualsCold(root);
    expect(warm.output?.deleted).toBeGreaterThanOrEqual(1);
    expect(existsSync(path.join(root, "_site", pageOf(gone)))).toBe(false);
  });

  it("after an added article writes its page", async () => {
    const { root } = await builtSite();
    writeFileSync(path.join(root, "content/news/2026-10-31-xin-wen.md"), "---\ntitle: 新增的文章\ndate: 2026-10-31 08:00\ndistrict: 长安区\n---\n\n新增的正文。\n");
    await warmEqualsCold(root);
    expect(readOutput(root, "/news/2026/10/xin-wen/")).toContain("新增的正文。");
  });

  it("after a changed site configuration renders every page again", async () => {
    const { root, corpus, first } = await builtSite();
    writeFileSync(path.join(root, "content/site.yaml"), SITE_YAML.replace("name: 兵马俑在线", "name: 长安新闻网"));
    const warm = await warmEqualsCold(root);
    expect(warm.output?.mode).toBe("full");
    expect(warm.output?.rendered).toBe(first.output?.rendered);
    expect(readOutput(root, pageOf(corpus[0]!))).toContain("长安新闻网");
  });

  it("leaves, after warm builds of every kind, the manifest a full build records", async () => {
    const { root, corpus } = await builtSite();
    const edits = [
      () => unlinkSync(articleFile(root, corpus[5]!)),
      () => writeFileSync(path.join(root, "content/news/2026-10-31-xin-wen.md"), "---\ntitle: 新增的文章\ndate: 2026-10-31 08:00\ndistrict: 长安区\n---\n\n新增的正文。\n"),
      () => writeFileSync(articleFile(root, corpus[10]!), formatCorpusArticle({ ...corpus[10]!, body: `${corpus[10]!.body}\n\n补充。` })),
      () => writeFileSync(articleFile(root, corpus[12]!), formatCorpusArticle({ ...corpus[12]!, title: "改过的标题" })),
      () => undefined,
    ];
    for (const edit of edits) {
      edit();
      expect((await warmEqualsCold(root)).output?.mode).toBe("warm");
      const warm = await manifestOf(root);
      // Every file of the folder, with its own stamp.
      expect([...warm.files.keys()].sort()).toEqual([...readTree(path.join(root, "_site")).keys()].sort());
      for (const [rel, stamp] of warm.files) {
        const { size, mtimeMs, ino } = statSync(path.join(root, "_site", rel));
        expect({ size, mtimeMs, ino }).toEqual(stamp);
      }
      // Every page's key as a build from scratch of the same site works it out.
      const fresh = mkdtempSync(path.join(tmpdir(), "newsdesk-fresh-"));
      cpSync(path.join(root, "content"), path.join(fresh, "content"), { recursive: true });
      expect((await buildSite({ root: fresh, now: NOW })).output?.mode).toBe("full");
      expect(warm.pageKeys).toEqual((await manifestOf(fresh)).pageKeys);
      expect(warm.pageKeys.size).toBeGreaterThan(40);
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 60_000);

  it("puts back output files changed or deleted by hand", async () => {
    const { root, corpus } = await builtSite();
    const touched = path.join(root, "_site", pageOf(corpus[3]!), "index.html");
    writeFileSync(touched, "changed by hand");
    rmSync(path.join(root, "_site", pageOf(corpus[4]!)), { recursive: true });
    const warm = await warmEqualsCold(root);
    expect(warm.output?.written).toBe(2);
  });

  it("after the cache folder is deleted builds everything, the same", async () => {
    const { root } = await builtSite();
    rmSync(path.join(root, ".cache"), { recursive: true });
    const warm = await warmEqualsCold(root);
    expect(warm.output?.mode).toBe("full");
  });

  it("that fails on bad content leaves the output and the cache as they were", async () => {
    const { root, corpus } = await builtSite();
    const before = readTree(path.join(root, "_site"));
    writeFileSync(articleFile(root, corpus[2]!), "---\ntitle: 坏文章\ndate: 2020年2月27日\ndistrict: 长安区\n---\n\n正文。\n");
    const failed = await buildSite({ root, now: NOW });
    expect(failed.ok).toBe(false);
    expect(diffTrees(readTree(path.join(root, "_site")), before)).toEqual([]);
    // Fixed again: the cache still serves, nothing needs writing.
    writeFileSync(articleFile(root, corpus[2]!), formatCorpusArticle(corpus[2]!));
    const warm = await warmEqualsCold(root);
    expect(warm.output).toMatchObject({ mode: "warm", written: 0 });
  });
});

describe("a changed template", () => {
  it("makes the next build render every page again, with the new template", async () => {
    // A copy of the project whose article page says 正文 instead of 正文阅读 in the breadcrumb.
    const project = mkdtempSync(path.join(tmpdir(), "newsdesk-project-"));
    for (const part of ["src", "templates", "bin", ".eleventy.ts", "package.json", "tsconfig.json"]) {
      cpSync(path.join(PROJECT_DIR, part), path.join(project, part), { recursive: true });
    }
    symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(project, "node_modules"));
    const { root, corpus, first } = await builtSite(12);
    const template = path.join(project, "templates/article.ts");
    const original = readFileSync(template, "utf8");
    expect(original).toContain('{ label: "正文阅读" }');
    writeFileSync(template, original.replace('{ label: "正文阅读" }', '{ label: "正文" }'));

    const bin = path.join(project, "bin/newsdesk.js");
    const env = { ...process.env, SOURCE_DATE_EPOCH: String(NOW.getTime() / 1000) };
    const warm = await run(bin, ["build", "--root", root, "--timings", path.join(root, "timings.json")], env);
    expect(warm.stderr).toBe("");
    // The changed template was seen: the last build's record of the folder no longer holds (it is tied to
    // the code), so this one built every page again (`--timings` says how the output was made).
    const timings = JSON.parse(readFileSync(path.join(root, "timings.json"), "utf8"));
    expect(timings.output).toMatchObject({ mode: "full", rendered: first.output!.rendered });
    expect(Object.keys(timings.phases)).toEqual(expect.arrayContaining(["load", "plan", "render", "write"]));
    expect(readOutput(root, pageOf(corpus[0]!))).toContain('<li aria-current="page">正文</li>');
    const cold = await run(bin, ["build", "--root", root, "--out", "_cold", "--no-cache"], env);
    expect(cold.stderr).toBe("");
    expect(diffTrees(readTree(path.join(root, "_site")), readTree(path.join(root, "_cold")))).toEqual([]);
    expect(first.output?.rendered).toBeGreaterThan(12);
    rmSync(project, { recursive: true, force: true });
  });
});

function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env }, (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr }));
  });
}
