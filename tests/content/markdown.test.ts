import { describe, expect, it } from "vitest";
import { headingSlugs, renderMarkdown } from "../../src/content/markdown.ts";
import { slugify } from "../../src/content/slugs.ts";

describe("Markdown policy", () => {
  it("bolds CJK emphasis that ends in full-width punctuation", () => {
    expect(renderMarkdown("**一、强化组织领导，**全面落实").html).toBe("<p><strong>一、强化组织领导，</strong>全面落实</p>\n");
    expect(renderMarkdown("这是*“强调”*文字").html).toBe("<p>这是<em>“强调”</em>文字</p>\n");
  });

  it("escapes raw HTML and warns with the line", () => {
    const result = renderMarkdown("第一段\n\n<script>alert(1)</script>\n\n文字<b>粗</b>");
    expect(result.html).toBe("<p>第一段</p>\n<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>文字&lt;b&gt;粗&lt;/b&gt;</p>\n");
    expect(result.warnings.map((w) => w.line)).toEqual([3, 5]);
    expect(result.warnings[0]!.message).toBe("raw HTML is not allowed in articles; it is shown as text");
  });

  it.each([
    ["[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"],
    ["[x](JaVaScRiPt:alert(1))", "<p>[x](JaVaScRiPt:alert(1))</p>\n"],
    ["[x](data:text/html,hi)", "<p>[x](data:text/html,hi)</p>\n"],
    ["![x](data:image/png;base64,AA)", "<p>![x](data:image/png;base64,AA)</p>\n"],
    ["[x](vbscript:msgbox)", "<p>[x](vbscript:msgbox)</p>\n"],
    ["[x](ftp://example.com/)", "<p>[x](ftp://example.com/)</p>\n"],
    ["[x](//evil.example/)", "<p>[x](//evil.example/)</p>\n"],
  ])("does not link %s", (source, html) => {
    const result = renderMarkdown(source);
    expect(result.html).toBe(html);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]!.message).toMatch(/is not allowed \(only http, https, mailto and site-relative links\)/);
  });

  it.each([
    ["[x](https://www.xa.gov.cn/)", '<p><a href="https://www.xa.gov.cn/">x</a></p>\n'],
    ["[x](http://example.com/a?b=1&c=2)", '<p><a href="http://example.com/a?b=1&amp;c=2">x</a></p>\n'],
    ["[x](mailto:news@example.cn)", '<p><a href="mailto:news@example.cn">x</a></p>\n'],
    ["[x](/news/2020/02/a/)", '<p><a href="/news/2020/02/a/">x</a></p>\n'],
    ["[x](#section)", '<p><a href="#section">x</a></p>\n'],
    ["![图](/images/a.jpg)", '<p><img src="/images/a.jpg" alt="图"></p>\n'],
  ])("links %s", (source, html) => {
    expect(renderMarkdown(source).html).toBe(html);
  });

  it("prints template syntax literally", () => {
    expect(renderMarkdown("{{ site.name }} {% include 'x' %} {{- 1 -}}").html).toBe(
      "<p>{{ site.name }} {% include 'x' %} {{- 1 -}}</p>\n",
    );
  });

  it("gives headings stable, unique pinyin ids and starts them at h2", () => {
    const result = renderMarkdown("# 雷霆出击\n\n## 小节\n\n# 雷霆出击\n\n# !!!");
    expect(result.html).toBe(
      '<h2 id="lei-ting-chu-ji">雷霆出击</h2>\n<h3 id="xiao-jie">小节</h3>\n<h2 id="lei-ting-chu-ji-2">雷霆出击</h2>\n<h2 id="section">!!!</h2>\n',
    );
  });

  it("keeps h2 sections as h2", () => {
    expect(renderMarkdown("## 科学防控,创新方法措施有力").html).toBe(
      '<h2 id="ke-xue-fang-kong-chuang-xin-fang-fa-cuo-shi-you-li">科学防控,创新方法措施有力</h2>\n',
    );
  });

  it("returns the first paragraph as plain text for summaries", () => {
    expect(renderMarkdown("## 标题\n\n第一段**加粗**内容。\n\n第二段").lead).toBe("第一段加粗内容。");
  });
});

describe("headingSlugs", () => {
  it("gives each heading text whose id is its slug as it stands, and leaves out numbered ids and the fallback", () => {
    const { headings } = renderMarkdown("## 疫情防控\n\n## 疫情防控\n\n## ！！！\n\n## 第2节\n\n## 第3\n\n## 复工复产\n");
    expect(headings.map((h) => h.id)).toEqual(["yi-qing-fang-kong", "yi-qing-fang-kong-2", "section", "di-2-jie", "di-3", "fu-gong-fu-chan"]);
    const pairs = headingSlugs(headings);
    expect(pairs).toEqual([
      ["疫情防控", "yi-qing-fang-kong"],
      ["第2节", "di-2-jie"],
      // "di-3" could be a numbered "di" as well.
      ["复工复产", "fu-gong-fu-chan"],
    ]);
    for (const [text, slug] of pairs) expect(slugify(text)).toBe(slug);
  });
});
