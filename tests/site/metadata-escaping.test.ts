// A front-matter title that tries to close a script element reaches JSON-LD, Open Graph tags and every
// feed as escaped bytes, and reads back as the exact original text.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/index.ts";
import { makeSite, readOutput } from "../support/fixtures.ts";
import { readTree } from "../support/tree.ts";
import { xpath } from "../support/xmllint.ts";

const NASTY = `</script><script>alert(1)</script> "q" 'a' & <b>`;
const IN_HTML = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &#39;a&#39; &amp; &lt;b&gt;";
const IN_XML = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &apos;a&apos; &amp; &lt;b&gt;";
const IN_JSON = String.raw`\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \"q\" 'a' \u0026 \u003cb\u003e`;

let root: string;
let out: string;

beforeAll(async () => {
  const yamlValue = `'${NASTY.replace(/'/g, "''")}'`;
  const article = ["---", `title: ${yamlValue}`, "date: 2020-02-27 11:31", `byline: ${yamlValue}`, `summary: ${yamlValue}`, "district: 长安区", `tags: [${yamlValue}]`, "---", "", "正文。"].join("\n");
  root = makeSite({ "2020-02-27-nasty.md": article });
  const result = await buildSite({ root, now: new Date("2026-01-01T00:00:00Z"), search: false });
  expect(result.ok).toBe(true);
  out = result.outDir;
});

describe("escaping in metadata and feeds", () => {
  it("JSON-LD carries the title as \\u escapes and parses back to the original", () => {
    const page = readOutput(root, "/news/2020/02/nasty/");
    expect(page).toContain(`"headline":"${IN_JSON}"`);
    expect(page).toContain(`"author":[{"@type":"Person","name":"${IN_JSON}"}]`);
    const scripts = parse(page).querySelectorAll('script[type="application/ld+json"]');
    expect(scripts).toHaveLength(1);
    const ld = JSON.parse(scripts[0]!.textContent);
    expect(ld.headline).toBe(NASTY);
    expect(ld.keywords).toEqual([NASTY.normalize("NFKC")]);
  });

  it("Open Graph tags carry it HTML-escaped", () => {
    const page = readOutput(root, "/news/2020/02/nasty/");
    expect(page).toContain(`<meta property="og:title" content="${IN_HTML}">`);
    expect(page).toContain(`<meta property="og:description" content="${IN_HTML}">`);
    expect(parse(page).querySelector('meta[property="og:title"]')!.getAttribute("content")).toBe(NASTY);
  });

  it("Atom, RSS and JSON feeds carry it escaped", () => {
    const atomFile = path.join(out, "feed.xml");
    const atom = readFileSync(atomFile, "utf8");
    expect(atom).toContain(`<title type="text">${IN_XML}</title>`);
    expect(atom).toContain(`<author><name>${IN_XML}</name></author>`);
    expect(atom).toContain(`<summary type="text">${IN_XML}</summary>`);
    expect(xpath(atomFile, "string(//*[local-name()='entry']/*[local-name()='title'])")).toBe(NASTY);
    const rssFile = path.join(out, "districts/changan/rss.xml");
    const rss = readFileSync(rssFile, "utf8");
    expect(rss).toContain(`<title>${IN_XML}</title>`);
    expect(rss).toContain(`<description>${IN_XML}</description>`);
    expect(xpath(rssFile, "string(/rss/channel/item/title)")).toBe(NASTY);
    const json = readFileSync(path.join(out, "feed.json"), "utf8");
    expect(json).toContain(`"title": "${IN_JSON}"`);
    expect(JSON.parse(json).items[0].title).toBe(NASTY);
  });

  it("no output file holds the raw bytes", () => {
    for (const [file, bytes] of readTree(out)) {
      expect(bytes.toString(), file).not.toContain("<script>alert(1)");
      expect(bytes.toString(), file).not.toContain("</script><script>");
    }
  });
});
