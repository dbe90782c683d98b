// Escaping by default: the `html` tag escapes every interpolated value unless it is already SafeHtml.
// The only way to print unescaped text is `trustedHtml`, used for the article body the Markdown policy made.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

const SPECIAL = /[&<>"']/;

/** Escapes text for HTML text and for quoted attribute values. */
export function escapeHtml(text: string): string {
  // Most values (Chinese titles, dates, URLs) need no escaping: skip the replace and its callbacks.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : text;
}

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[];

function print(value: Value): string {
  if (value === null || value === undefined || value === false || value === true) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(print).join("");
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<h1>${title}</h1>\`` escapes `title`. Booleans and nullish print nothing. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += print(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Marks HTML as safe. Only for HTML produced by the Markdown policy or another escaping renderer. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** JSON inside <script type="application/ld+json">: no value can close the element or open a comment. */
export function jsonForScript(value: unknown): SafeHtml {
  const json = JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return new SafeHtml(json);
}
