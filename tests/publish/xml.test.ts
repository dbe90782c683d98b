import { describe, expect, it } from "vitest";
import { RawXml, escapeXml, stringifyJson, xml } from "../../src/publish/xml.ts";

describe("escapeXml", () => {
  it.each([
    ["</script><script>alert(1)</script>", "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"],
    [`"q" 'a' & b`, "&quot;q&quot; &apos;a&apos; &amp; b"],
    ["&amp; stays text", "&amp;amp; stays text"],
    ["长安人民的忠诚\"卫\"士", "长安人民的忠诚&quot;卫&quot;士"],
    ["tab\tnew\nline\r", "tab\tnew\nline\r"],
    ["bell\u0007 nul\u0000 esc\u001b", "bell nul esc"],
    ["lone \ud800 surrogate, \ufffe \uffff", "lone  surrogate,  "],
    ["emoji 😀 stays", "emoji 😀 stays"],
    ["both\u000b <kinds>\udc00 & 😀", "both &lt;kinds&gt; &amp; 😀"],
    ["plain 正文，没有要转义的字符", "plain 正文，没有要转义的字符"],
  ])("%j → %j", (input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });
});

describe("xml tag", () => {
  it("escapes values, keeps RawXml, joins arrays and prints nothing for nullish and false", () => {
    const items = ["a<b", "c&d"].map((v) => xml`<i>${v}</i>`);
    expect(xml`<r k="${'"x"'}">${items}${undefined}${null}${false}${new RawXml("<raw/>")}${3}</r>`.value).toBe(
      '<r k="&quot;x&quot;"><i>a&lt;b</i><i>c&amp;d</i><raw/>3</r>',
    );
  });
});

describe("stringifyJson", () => {
  it("never prints <, > or & and parses back to the same value", () => {
    const value = { title: "</script><script>alert(1)</script> & \u2028", n: 1 };
    const text = stringifyJson(value);
    expect(text).toBe('{"title":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 \\u2028","n":1}');
    expect(JSON.parse(text)).toEqual(value);
  });
});
