// Absolute URLs for everything that leaves the site (feeds, sitemaps, structured data): site paths joined
// to the configured base URL, and the links and images inside an article body made absolute.
import type { Article, SiteConfig } from "../content/index.ts";

/** The absolute URL of a site path ("/news/…/" → "https://www.example.cn/news/…/"). */
export function absoluteUrl(path: string, site: SiteConfig): string {
  // Every page asks for its own URL (canonical link, share code, structured data): a plain site path, which
  // URL parsing would leave as it is, is joined to the base URL's root as parsed once.
  if (PLAIN_PATH.test(path)) return rootOf(site.baseUrl) + path.slice(1);
  return new URL(path, site.baseUrl).href;
}

/**
 * A path of segments made of letters, digits, "-", "_" and "~" only (no dot segments, escapes, query or
 * fragment), each followed by "/", or a last one without: resolved against any base, it stays as written.
 */
const PLAIN_PATH = /^\/(?:[A-Za-z0-9_~-]+\/)*[A-Za-z0-9_~-]*$/;

const roots = new Map<string, string>();

/** The root ("https://www.example.cn/") of a base URL, with its port and credentials, as URL writes it. */
function rootOf(baseUrl: string): string {
  let root = roots.get(baseUrl);
  if (root === undefined) roots.set(baseUrl, (root = new URL("/", baseUrl).href));
  return root;
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const decodeAttribute = (value: string) => value.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);
const encodeAttribute = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

// The Markdown policy prints links and images as `href="…"` / `src="…"` with escaped values; text that
// merely looks like an attribute was escaped to `href=&quot;` and cannot match.
const URL_ATTRIBUTE = /(<(?:a|img)\s[^>]*?\b(?:href|src)=")([^"]*)(")/g;

/** Resolves `value` against `base`, or returns it unchanged when it is not a URL at all. */
function resolve(value: string, base: string): string {
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}

/**
 * The article body with every link and image URL absolute (resolved against the article's own URL, as a
 * browser would), for feed readers that show it away from the site.
 */
export function absolutizeBody(article: Article, site: SiteConfig): string {
  const base = absoluteUrl(article.url, site);
  return article.html.replace(
    URL_ATTRIBUTE,
    (_, open: string, value: string, close: string) => open + encodeAttribute(resolve(decodeAttribute(value), base)) + close,
  );
}

const FIRST_IMAGE = /<img\s[^>]*?\bsrc="([^"]*)"/;

/** The absolute URL of the article's first body image, if it has one. */
export function findLeadImage(article: Article, site: SiteConfig): string | undefined {
  const match = FIRST_IMAGE.exec(article.html);
  if (!match || match[1] === "") return undefined;
  return resolve(decodeAttribute(match[1]!), absoluteUrl(article.url, site));
}
