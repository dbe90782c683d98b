import { describe, expect, it } from "vitest";
import { escapeHtml, html, jsonForScript, trustedHtml } from "../../templates/html.ts";

describe("html", () => {
  it("escapes interpolated text and attribute values", () => {
    const title = `"卫"士 <script>alert('x')</script> & co`;
    expect(html`<h1 title="${title}">${title}</h1>`.value).toBe(
      "<h1 title=\"&quot;卫&quot;士 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co\">&quot;卫&quot;士 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co</h1>",
    );
  });
  it("nests SafeHtml and lists without double escaping", () => {
    const items = ["a<b", "c&d"].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe("<ul><li>a&lt;b</li><li>c&amp;d</li></ul>");
  });
  it("prints nothing for null, undefined and booleans", () => {
    expect(html`[${null}${undefined}${false}${true}]`.value).toBe("[]");
  });
  it("passes trusted HTML through", () => {
    expect(html`<div>${trustedHtml("<p>x</p>")}</div>`.value).toBe("<div><p>x</p></div>");
  });
  it("prints shared and deeply nested markup in order, whichever is printed first", () => {
    const shared = html`<b>${"共享&"}</b>`;
    const nested = html`<ol>${[1, 2].map((n) => html`<li>${[html`<i>${n}</i>`, [html`${shared}`, "<x>"]]}</li>`)}</ol>`;
    const outer = html`<div>${nested}|${shared}</div>`;
    const list = "<ol><li><i>1</i><b>共享&amp;</b>&lt;x&gt;</li><li><i>2</i><b>共享&amp;</b>&lt;x&gt;</li></ol>";
    // A piece printed first, then what holds it; then a piece after what holds it.
    expect(shared.value).toBe("<b>共享&amp;</b>");
    expect(outer.value).toBe(`<div>${list}|<b>共享&amp;</b></div>`);
    expect(outer.value).toBe(`<div>${list}|<b>共享&amp;</b></div>`);
    expect(String(nested)).toBe(list);
  });
  it("escapes the five special characters", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});

describe("jsonForScript", () => {
  it("cannot close the script element or open a comment", () => {
    const out = jsonForScript({ headline: "</script><script>alert(1)</script><!-- &" }).value;
    expect(out).toBe('{"headline":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u003c!-- \\u0026"}');
    expect(JSON.parse(out)).toEqual({ headline: "</script><script>alert(1)</script><!-- &" });
  });
  it("escapes line and paragraph separators, and leaves JSON with nothing to escape as JSON.stringify writes it", () => {
    const value = { a: "行\u2028分\u2029段>", b: ["标题", 1, null], c: { d: "https://www.example.cn/x/" } };
    const out = jsonForScript(value).value;
    expect(out).toBe('{"a":"行\\u2028分\\u2029段\\u003e","b":["标题",1,null],"c":{"d":"https://www.example.cn/x/"}}');
    expect(JSON.parse(out)).toEqual(value);
    const plain = { headline: "长安区卫健局", url: "https://www.example.cn/news/2020/02/a/" };
    expect(jsonForScript(plain).value).toBe(JSON.stringify(plain));
  });
});
