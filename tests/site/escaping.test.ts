// Front-matter values are escaped in every HTML context they reach: text, attributes, <title>, meta tags.
import { parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/index.ts";
import { makeSite, readOutput } from "../support/fixtures.ts";

const NASTY = `</script><script>alert(1)</script> "q" 'a' & <b>`;
const ESCAPED = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &#39;a&#39; &amp; &lt;b&gt;";

describe("escaping front-matter values", () => {
  it("escapes title, subtitle, source, byline, editor, summary and tags wherever they are printed", async () => {
    const yamlValue = `'${NASTY.replace(/'/g, "''")}'`;
    const article = [
      "---",
      `title: ${yamlValue}`,
      `subtitle: ${yamlValue}`,
      "date: 2020-02-27 11:31",
      `source: ${yamlValue}`,
      `byline: ${yamlValue}`,
      `editor: ${yamlValue}`,
      `summary: ${yamlValue}`,
      "district: 长安区",
      "---",
      "",
      "正文。",
    ].join("\n");
    const root = makeSite({ "2020-02-27-nasty.md": article });
    const result = await buildSite({ root, now: new Date("2026-01-01T00:00:00Z") });
    expect(result.ok).toBe(true);
    const html = readOutput(root, "/news/2020/02/nasty/");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain(`<title>${ESCAPED} - 兵马俑在线</title>`);
    expect(html).toContain(`<meta name="description" content="${ESCAPED}">`);
    expect(html).toContain(`<h1>${ESCAPED}</h1>`);
    expect(html).toContain(`<p class="subtitle">—${ESCAPED}</p>`);
    expect(html).toContain(`<span class="source">来源:${ESCAPED}</span>`);
    expect(html).toContain(`<span class="byline">(${ESCAPED})</span>`);
    expect(html).toContain(`<p class="editor">责任编辑:${ESCAPED}</p>`);
    // And the parsed page reads back the exact original text.
    const page = parse(html);
    expect(page.querySelector("h1")!.text).toBe(NASTY);
    expect(page.querySelector('meta[name="description"]')!.getAttribute("content")).toBe(NASTY);
  });
});
