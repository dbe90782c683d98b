// Escaping by default for XML files (feeds, sitemaps): the `xml` tag escapes every interpolated value
// unless it is already RawXml, the way templates/html.ts does for pages. Characters XML 1.0 forbids
// (control characters, lone surrogates, U+FFFE/U+FFFF) are dropped, so no front-matter value can make a
// feed ill-formed.

export class RawXml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
// Everything outside XML 1.0's Char production (https://www.w3.org/TR/xml/#charsets).
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// Characters NOT_XML_CHAR may drop, surrogates of valid pairs included: text without one (nearly all text)
// skips the Unicode-aware pattern, several times slower to scan with.
const MAYBE_NOT_XML_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
const SPECIAL = /[&<>"']/;

/** Escapes text for XML character data and for quoted attribute values. */
export function escapeXml(text: string): string {
  const valid = MAYBE_NOT_XML_CHAR.test(text) ? text.replace(NOT_XML_CHAR, "") : text;
  return SPECIAL.test(valid) ? valid.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : valid;
}

type Value = RawXml | string | number | null | undefined | false | readonly Value[];

function print(value: Value): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof RawXml) return value.value;
  if (Array.isArray(value)) return value.map(print).join("");
  return escapeXml(String(value));
}

/** Tagged template: `xml\`<title>${title}</title>\`` escapes `title`; nullish and false print nothing. */
export function xml(strings: TemplateStringsArray, ...values: Value[]): RawXml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += print(values[i]!) + strings[i + 1]!;
  return new RawXml(out);
}

/**
 * JSON text that is safe anywhere: `<`, `>` and `&` become \u escapes, so a value such as `</script>`
 * never appears as those bytes even when the JSON ends up inside HTML; U+2028/U+2029 are escaped for old
 * JavaScript parsers. The result parses back to exactly the same value.
 */
export function stringifyJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
