import { describe, expect, it } from "vitest";
import { PUBLISH_DEFAULTS } from "../../src/content/index.ts";
import { changedUrls, publicUrl } from "../../src/publish/changed-urls.ts";
import { headersFor, type ObjectHeaders } from "../../src/publish/headers.ts";
import type { LocalFile } from "../../src/publish/local.ts";
import { formatBytes, phaseOf, planPublish, type RemoteObject } from "../../src/publish/plan.ts";

function file(path: string, sha256 = `sha-${path}`, size = 100): LocalFile {
  return { path, source: path, key: `www/${path}`, size, sha256, headers: headersFor(path, Buffer.from(""), PUBLISH_DEFAULTS.cacheControl) };
}
function remote(of: LocalFile, change: { sha256?: string; size?: number; headers?: Partial<ObjectHeaders> } = {}): RemoteObject {
  return { key: of.key, size: change.size ?? of.size, sha256: change.sha256 ?? of.sha256, headers: { ...of.headers, ...change.headers } };
}

describe("phaseOf", () => {
  it.each([
    ["assets/site.0055be7a4e.css", "assets"],
    ["images/photo.jpg", "assets"],
    ["pagefind/fragment/zh-cn_d23cdc7.pf_fragment", "assets"],
    ["news/2026/09/x/index.html", "articles"],
    ["news/index.html", "lists"],
    ["news/page/2/index.html", "lists"],
    ["districts/changan/index.html", "lists"],
    ["districts/index.html", "lists"],
    ["tags/yi-qing/index.html", "lists"],
    ["404.html", "lists"],
    ["feed.xml", "feeds"],
    ["news/feed.xml", "feeds"],
    ["feed.json", "feeds"],
    ["pagefind/pagefind-entry.json", "feeds"],
    ["sitemap.xml", "sitemaps"],
    ["sitemap-2026.xml", "sitemaps"],
    ["sitemap.xml.gz", "sitemaps"],
    ["robots.txt", "sitemaps"],
    ["index.html", "home"],
  ])("%s → %s", (path, phase) => {
    expect(phaseOf(path)).toBe(phase);
  });
});

describe("planPublish", () => {
  const css = file("assets/site.0055be7a4e.css");
  const article = file("news/2026/09/x/index.html");
  const other = file("news/2026/10/y/index.html");
  const list = file("news/page/2/index.html");
  const feed = file("feed.xml");
  const sitemap = file("sitemap.xml");
  const home = file("index.html");

  it("uploads everything to an empty bucket in consistency order: assets, articles, lists, feeds, sitemaps, home", () => {
    const plan = planPublish([home, sitemap, feed, list, other, article, css], []);
    expect(plan.steps.map((s) => [s.file.path, s.kind, s.reason])).toEqual([
      [css.path, "upload", "new"],
      [article.path, "upload", "new"],
      [other.path, "upload", "new"],
      [list.path, "upload", "new"],
      [feed.path, "upload", "new"],
      [sitemap.path, "upload", "new"],
      [home.path, "upload", "new"],
    ]);
    expect([plan.uploadBytes, plan.deletes, plan.unchanged, plan.localFiles, plan.remoteObjects]).toEqual([700, [], 0, 7, 0]);
  });

  it("plans nothing when the bucket holds the same bytes and headers", () => {
    const local = [home, article, css];
    const plan = planPublish(local, local.map((f) => remote(f)));
    expect([plan.steps, plan.deletes, plan.unchanged, plan.uploadBytes]).toEqual([[], [], 3, 0]);
  });

  it.each([
    ["other bytes", { sha256: "sha-old" }, "upload", "changed"],
    ["other size", { size: 99 }, "upload", "changed"],
    ["no recorded hash", { sha256: "" }, "upload", "changed"],
    ["other Cache-Control", { headers: { cacheControl: "max-age=60" } }, "headers", "headers"],
    ["other Content-Type", { headers: { contentType: "text/html" } }, "headers", "headers"],
    ["a Content-Encoding it should not have", { headers: { contentEncoding: "gzip" } }, "headers", "headers"],
  ])("an object with %s → %s", (_, change, kind, reason) => {
    const plan = planPublish([article], [remote(article, change)]);
    expect(plan.steps.map((s) => [s.file.path, s.kind, s.reason])).toEqual([[article.path, kind, reason]]);
    expect(plan.uploadBytes).toBe(kind === "upload" ? 100 : 0);
  });

  it("deletes what the build no longer has, sorted, and counts its bytes", () => {
    const gone = { key: "www/news/2026/08/z/index.html", size: 42 };
    const stale = { key: "www/assets/site.1111aaaa22.css", size: 8 };
    const plan = planPublish([article], [remote(article), gone, stale]);
    expect(plan.deletes.map((d) => d.key)).toEqual([stale.key, gone.key]);
    expect([plan.deleteBytes, plan.remoteBytes, plan.steps.length]).toEqual([50, 150, 0]);
  });

  it("compares keys after NFC normalisation: an NFD key in the bucket is replaced", () => {
    const nfc = { ...file("files/caf\u00e9.txt"), key: "www/files/caf\u00e9.txt" };
    const plan = planPublish([nfc], [{ key: "www/files/cafe\u0301.txt", size: 100, sha256: nfc.sha256 }]);
    expect(plan.steps.map((s) => s.reason)).toEqual(["new"]);
    expect(plan.deletes.map((d) => d.key)).toEqual(["www/files/cafe\u0301.txt"]);
  });
});

describe("outdated content-hashed files", () => {
  const NOW = Date.UTC(2027, 0, 1);
  const HOUR = 3_600_000;
  const options = { now: NOW, keepHashedMs: HOUR, prefix: "www/" };
  const page = file("news/2026/09/x/index.html");

  it.each([
    ["a hashed file just found unused", "www/assets/site.1111aaaa22.css", undefined, "kept", NOW],
    ["a hashed file unused for 59 minutes", "www/assets/site.1111aaaa22.css", NOW - HOUR + 60_000, "kept", NOW - HOUR + 60_000],
    ["a hashed file unused for an hour", "www/assets/site.1111aaaa22.css", NOW - HOUR, "deleted", undefined],
    ["a page", "www/news/2026/08/z/index.html", undefined, "deleted", undefined],
    ["an image without a hash", "www/images/photo-20240101.png", undefined, "deleted", undefined],
  ])("%s is %s", (_, key, orphanedSince, outcome, since) => {
    const plan = planPublish([page], [remote(page), { key, size: 5, ...(orphanedSince === undefined ? {} : { orphanedSince }) }], options);
    expect(plan.deletes.map((d) => d.key)).toEqual(outcome === "deleted" ? [key] : []);
    expect(plan.kept.map((k) => [k.key, k.orphanedSince])).toEqual(outcome === "kept" ? [[key, since]] : []);
  });

  it("keeps nothing when keepHashedMs is 0", () => {
    const plan = planPublish([page], [remote(page), { key: "www/assets/site.1111aaaa22.css", size: 5 }], { ...options, keepHashedMs: 0 });
    expect([plan.deletes.length, plan.kept.length]).toEqual([1, 0]);
  });
});

describe("changed URLs", () => {
  it.each([
    ["https://www.example.cn/", "index.html", "https://www.example.cn/"],
    ["https://www.example.cn/", "news/2026/09/x/index.html", "https://www.example.cn/news/2026/09/x/"],
    ["https://www.example.cn/", "assets/site.0055be7a4e.css", "https://www.example.cn/assets/site.0055be7a4e.css"],
    ["https://www.example.cn/sub/", "feed.xml", "https://www.example.cn/sub/feed.xml"],
    ["https://www.example.cn/", "files/简报 #1.pdf", "https://www.example.cn/files/%E7%AE%80%E6%8A%A5%20%231.pdf"],
  ])("%s + %s → %s", (base, path, url) => {
    expect(publicUrl(base, path)).toBe(url);
  });

  it("lists each URL once, sorted", () => {
    expect(changedUrls("https://a.cn/", ["b/index.html", "a.css", "b/index.html"])).toEqual(["https://a.cn/a.css", "https://a.cn/b/"]);
  });
});

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [999, "999 B"],
    [1000, "1.0 kB"],
    [71_600, "71.6 kB"],
    [2_500_000, "2.5 MB"],
  ])("%i → %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
