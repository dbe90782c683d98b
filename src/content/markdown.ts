// The Markdown policy: CommonMark via markdown-it, CJK-friendly emphasis, no raw HTML (escaped and shown as
// text, with a warning), links and images only to http(s), mailto and site-relative URLs, and stable,
// unique heading ids. Articles are never templates: `{{ }}` and `{% %}` print as written.
import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import cjkFriendly from "markdown-it-cjk-friendly";
import { slugify } from "./slugs.ts";

export interface Heading {
  level: number;
  text: string;
  id: string;
}

export interface RenderedBody {
  html: string;
  headings: Heading[];
  /** Plain text of the first paragraph, for summaries. */
  lead: string;
  /** Lines (1-based within the body) and what was not rendered as written. */
  warnings: { line: number; message: string; hint: string }[];
}

const ALLOWED_SCHEME = /^(?:https?|mailto):/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const RAW_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|<!--/;

let rejectedUrls: string[] = [];

function createRenderer(): MarkdownIt {
  const md = new MarkdownIt("commonmark", { html: false, xhtmlOut: false, linkify: false, typographer: false });
  md.use(cjkFriendly);
  md.validateLink = (url: string): boolean => {
    const trimmed = url.trim();
    // Protocol-relative URLs ("//host") leave the site like absolute ones; allow only with a scheme.
    const ok = ALLOWED_SCHEME.test(trimmed) || (!ANY_SCHEME.test(trimmed) && !trimmed.startsWith("//"));
    if (!ok) rejectedUrls.push(url);
    return ok;
  };
  md.core.ruler.push("newsdesk_headings", (state) => {
    const used = new Map<string, number>();
    const levels = state.tokens.filter((t) => t.type === "heading_open").map((t) => Number(t.tag.slice(1)));
    // The page's <h1> is the title, so article headings start at <h2>.
    const shift = levels.length > 0 && Math.min(...levels) === 1 ? 1 : 0;
    state.tokens.forEach((token, i) => {
      if (token.type !== "heading_open" && token.type !== "heading_close") return;
      const level = Math.min(6, Number(token.tag.slice(1)) + shift);
      token.tag = `h${level}`;
      if (token.type === "heading_close") return;
      const text = plainText(state.tokens[i + 1]);
      const base = slugify(text) || "section";
      const count = (used.get(base) ?? 0) + 1;
      used.set(base, count);
      token.attrSet("id", count === 1 ? base : `${base}-${count}`);
    });
  });
  return md;
}

const renderer = createRenderer();

/** A numbered id of a repeated heading slug ("-2", "-3"): the id's tail, after the heading's own slug. */
const NUMBERED = /-\d+$/;

/**
 * What the ids of `headings` (as renderMarkdown made them) tell of their texts' slugs: text and slug for
 * every id that is slugify of its text as it stands, leaving out ids that may carry a number (the second
 * heading of one slug gets "-2"; a slug ending in digits is left out too) and the fallback "section" (of a
 * text without a slug).
 */
export function headingSlugs(headings: readonly Heading[]): [text: string, slug: string][] {
  return headings.filter((h) => h.id !== "section" && h.id !== "" && !NUMBERED.test(h.id)).map((h) => [h.text, h.id]);
}

function plainText(inline: Token | undefined): string {
  if (!inline?.children) return inline?.content ?? "";
  return inline.children
    .filter((c) => c.type === "text" || c.type === "code_inline")
    .map((c) => c.content)
    .join("");
}

/** Renders an article body under the Markdown policy. */
export function renderMarkdown(body: string): RenderedBody {
  rejectedUrls = [];
  const env = {};
  const tokens = renderer.parse(body, env);
  const html = renderer.renderer.render(tokens, renderer.options, env);
  const headings: Heading[] = [];
  const warnings: RenderedBody["warnings"] = [];
  let lead = "";
  tokens.forEach((token, i) => {
    if (token.type === "heading_open") {
      headings.push({ level: Number(token.tag.slice(1)), text: plainText(tokens[i + 1]), id: token.attrGet("id") ?? "" });
    }
    if (token.type === "paragraph_open" && lead === "") lead = plainText(tokens[i + 1]).trim();
    if (token.type === "inline" && token.children?.some((c) => c.type === "text" && RAW_TAG.test(c.content))) {
      warnings.push({
        line: (token.map?.[0] ?? 0) + 1,
        message: "raw HTML is not allowed in articles; it is shown as text",
        hint: "正文不支持 HTML 标签，请改用 Markdown 写法",
      });
    }
  });
  const lines = rejectedUrls.length > 0 ? body.split("\n") : [];
  for (const url of new Set(rejectedUrls)) {
    const index = lines.findIndex((l) => l.includes(url));
    warnings.push({
      line: index + 1,
      message: `link to "${url}" is not allowed (only http, https, mailto and site-relative links); it is shown as text`,
      hint: "链接只能是 http、https、mailto 或本站地址",
    });
  }
  rejectedUrls = [];
  return { html, headings, lead, warnings };
}
