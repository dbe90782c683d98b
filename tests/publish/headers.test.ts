import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { PUBLISH_DEFAULTS } from "../../src/content/index.ts";
import { headersFor, isContentHashed, normalizePrefix, objectKey } from "../../src/publish/headers.ts";

const RULES = PUBLISH_DEFAULTS.cacheControl;
const PAGES = "public, max-age=300";
const HASHED = "public, max-age=31536000, immutable";
const OTHER = "public, max-age=3600";
const text = (s: string) => Buffer.from(s);
const gz = (s: string) => gzipSync(s);

describe("headersFor", () => {
  it.each([
    ["index.html", text("<!doctype html>"), "text/html; charset=utf-8", PAGES, undefined],
    ["news/2026/09/x/index.html", text("<p>"), "text/html; charset=utf-8", PAGES, undefined],
    ["assets/site.0055be7a4e.css", text("body{}"), "text/css; charset=utf-8", HASHED, undefined],
    ["assets/app.3f2a9c1e7b.js", text("1"), "text/javascript; charset=utf-8", HASHED, undefined],
    ["assets/site.css", text("body{}"), "text/css; charset=utf-8", PAGES, undefined],
    ["feed.xml", text("<rss/>"), "application/xml; charset=utf-8", PAGES, undefined],
    ["feed.json", text("{}"), "application/json; charset=utf-8", PAGES, undefined],
    ["sitemap.xml", text("<urlset/>"), "application/xml; charset=utf-8", PAGES, undefined],
    ["robots.txt", text("User-agent: *"), "text/plain; charset=utf-8", PAGES, undefined],
    ["site.webmanifest", text("{}"), "application/manifest+json; charset=utf-8", PAGES, undefined],
    ["images/logo.svg", text("<svg/>"), "image/svg+xml; charset=utf-8", PAGES, undefined],
    ["images/photo.jpg", Buffer.from([0xff, 0xd8, 0xff]), "image/jpeg", OTHER, undefined],
    ["images/photo-20240101.png", Buffer.from([0x89, 0x50]), "image/png", OTHER, undefined],
    ["images/photo.8c1f0e2a9b.webp", Buffer.from([0x52, 0x49]), "image/webp", HASHED, undefined],
    ["fonts/a.woff2", Buffer.from([0x77, 0x4f]), "font/woff2", OTHER, undefined],
    // gzip bytes: served decompressed under the inner type...
    ["sitemap.xml.gz", gz("<urlset/>"), "application/xml; charset=utf-8", PAGES, "gzip"],
    ["assets/site.0055be7a4e.css.gz", gz("body{}"), "text/css; charset=utf-8", HASHED, "gzip"],
    ["index.html", gz("<!doctype html>"), "text/html; charset=utf-8", PAGES, "gzip"],
    ["pagefind/fragment/zh-cn_d23cdc7.pf_fragment", gz("pagefind_dcd"), "application/octet-stream", HASHED, "gzip"],
    // ...except archives, which readers download as they are,
    ["files/report.tar.gz", gz("tar"), "application/gzip", OTHER, undefined],
    ["files/report.tgz", gz("tar"), "application/gzip", OTHER, undefined],
    ["files/data.gz", gz("x"), "application/gzip", OTHER, undefined],
    // and never on bytes that are not compressed, whatever the name says.
    ["sitemap.xml.gz", text("<urlset/>"), "application/gzip", OTHER, undefined],
    ["files/blob.bin", text("plain"), "application/octet-stream", OTHER, undefined],
  ])("%s", (file, bytes, contentType, cacheControl, contentEncoding) => {
    expect(headersFor(file, bytes, RULES)).toEqual({ contentType, cacheControl, ...(contentEncoding ? { contentEncoding } : {}) });
  });

  it("takes cache rules from the site configuration", () => {
    const rules = { pages: "no-cache", hashed: "max-age=1", other: "max-age=2" };
    expect(headersFor("a/index.html", text("x"), rules).cacheControl).toBe("no-cache");
    expect(headersFor("assets/site.0055be7a4e.css", text("x"), rules).cacheControl).toBe("max-age=1");
    expect(headersFor("a.png", text("x"), rules).cacheControl).toBe("max-age=2");
  });
});

describe("isContentHashed", () => {
  it.each([
    ["assets/site.0055be7a4e.css", true],
    ["pagefind/pagefind.zh-cn_5a3e991a9a775.pf_meta", true],
    ["pagefind/index/zh-cn_ab848c1.pf_index", true],
    ["assets/site.css", false],
    ["images/photo-20240101.png", false], // digits only: a date, not a hash
    ["images/cafe-deadbeef.png", false], // letters only
    ["pagefind/pagefind-entry.json", false],
    ["news/2026/09/x/index.html", false],
    ["a.0055be.css", false], // too short
  ])("%s → %s", (file, hashed) => {
    expect(isContentHashed(file)).toBe(hashed);
  });
});

describe("object keys", () => {
  it.each([
    ["", ""],
    ["/", ""],
    ["www", "www/"],
    ["/www/site/", "www/site/"],
  ])("prefix %j → %j", (prefix, normalized) => {
    expect(normalizePrefix(prefix)).toBe(normalized);
  });

  it.each(["a//b", "a/../b", "./a"])("refuses the prefix %j", (prefix) => {
    expect(() => normalizePrefix(prefix)).toThrow(/empty, "\." or "\.\." segment/);
  });

  it("normalises keys to NFC", () => {
    const nfd = "files/Cafe\u0301.txt";
    expect(objectKey("www/", nfd)).toBe("www/files/Caf\u00e9.txt");
    expect(objectKey("", "news/长安/index.html")).toBe("news/长安/index.html");
  });
});
