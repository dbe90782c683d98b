// Fingerprints of what a page is rendered from, so a warm build re-renders only pages whose inputs changed.
// Articles inside the inputs are represented by the digest of their source file (its path and bytes):
// everything about an article follows from that file and the site configuration, which the cache is tied
// to. A neighbour's body edit thus re-renders the pages that show it too; they come out the same and are
// not rewritten (output.ts compares bytes), and no article has to be walked field by field.
import { hash } from "node:crypto";
import type { Article, ArticleLink } from "../content/index.ts";

/** Texts longer than this stand as their digest inside other texts. */
const LONG_TEXT = 512;

/** Digests per build: articles and shared input objects (the hot list) are walked once, not once per page. */
export class Fingerprinter {
  private readonly memo = new WeakMap<object, string>();

  /**
   * `sources`: every article of the build with the digest of its source file (load.ts, sourceKeyOf). An
   * article-page worker, which has articles as links only, gives each link the digest of its article.
   */
  constructor(sources: ReadonlyMap<Article | ArticleLink, string>) {
    for (const [article, digest] of sources) this.know(article, digest);
  }

  /** Stands `article` (an article or a link to one) for the article with this source digest. */
  know(article: Article | ArticleLink, digest: string): void {
    this.memo.set(article, knownArticleText(digest));
  }

  /** A stable text for any plain value: objects by sorted keys (undefined fields left out), Maps and Sets in their order. */
  of(value: unknown): string {
    if (typeof value !== "object" || value === null) return this.textOf(value);
    const known = this.memo.get(value);
    if (known !== undefined) return known;
    const text = this.compose(value);
    // Long texts (the hot list, a page's related reading) are hashed and remembered, so that pages showing
    // the same object stay cheap; short ones are quicker to make again than to remember.
    if (text.length <= LONG_TEXT) return text;
    const hashed = this.sized(text);
    this.memo.set(value, hashed);
    return hashed;
  }

  /**
   * What `of` gives for an object made afresh (so not remembered) that composes to `text`: the text, or
   * its digest when long. For keys put together without the object itself (articlePageKey).
   */
  sized(text: string): string {
    return sized(text);
  }

  /** The text of `value` itself, however long (its parts through `of`). */
  textOf(value: unknown): string {
    if (value === null || value === undefined) return String(value);
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
    if (typeof value !== "object") throw new Error(`cannot fingerprint a ${typeof value}`);
    return this.memo.get(value) ?? this.compose(value);
  }

  private compose(value: object): string {
    if (value instanceof Date) return `D${value.toISOString()}`;
    if (Array.isArray(value)) return `[${value.map((v) => this.of(v)).join(",")}]`;
    if (value instanceof Map) return `M[${[...value].map(([k, v]) => `${this.of(k)}:${this.of(v)}`).join(",")}]`;
    if (value instanceof Set) return `S[${[...value].map((v) => this.of(v)).join(",")}]`;
    // A field set to undefined counts as absent, as in JSON: the same record either way.
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${this.of(record[k])}`)
      .join(",")}}`;
  }
}

/**
 * The key of one page: its own source, and the fingerprint of everything else it shows. The definition:
 * builds work keys out with articlePageKey and listPageKey, which put the same text together from a page's
 * parts, and tests/site/page-keys.test.ts holds them to this over articlePageInputs and listPageInputs.
 */
export function pageKey(fingerprints: Fingerprinter, source: string, inputs: unknown): string {
  return keyOfText(source, fingerprints.textOf(inputs));
}

/** A page key from its source and the text of its inputs (as `Fingerprinter.textOf` makes it). */
export function keyOfText(source: string, text: string): string {
  // One-shot hashing: half the time of a Hash object for texts this short (about 3.4 µs against 6-7 µs).
  return hash("sha256", `${source}\0${text}`, "base64url");
}

/** The text of an article known by its source digest. */
function knownArticleText(digest: string): string {
  return `A${digest}`;
}

/** A text as it stands inside another: itself, or its digest when long (Fingerprinter.sized). */
function sized(text: string): string {
  return text.length <= LONG_TEXT ? text : `H${hash("sha256", text, "base64url")}`;
}

/**
 * The text of an article page's inputs (articlePageInputs, pages/article-pages.ts), from the texts of its
 * parts as a Fingerprinter gives them: `shared`, the hot list and assets every page shows; the neighbours
 * and related articles; and the tags' own texts (articleTagText).
 */
export function articleInputsText(shared: string, previous: string | undefined, next: string | undefined, related: readonly string[], tags: readonly string[]): string {
  // Objects' keys in sorted order, as Fingerprinter's compose writes them.
  const neighbours = `{${next ? `"next":${next}` : ""}${next && previous ? "," : ""}${previous ? `"previous":${previous}` : ""}}`;
  return `{${shared},"neighbours":${sized(neighbours)},"related":${sized(`[${related.join(",")}]`)},"tags":${sized(`[${tags.join(",")}]`)}}`;
}

/** What an article page prints of one of its tags, as it stands in the page's inputs text. */
export function articleTagText(tag: { name: string; url: string }): string {
  return sized(`[${JSON.stringify(tag.name)},${JSON.stringify(tag.url)}]`);
}

/**
 * The keys of many article pages at once, from their parts' texts, each article's as numbers into tables
 * (what build.ts sends the warm worker): `layout` holds, page after page, its source, previous and next (-1
 * for none), the count of its related articles and each, the count of its tags and each; numbers name
 * entries of `articles` (an article's source digest) or `tags` (articleTagText). Every article is known
 * by its source digest, as a Fingerprinter knows it.
 */
export interface ArticleKeyJob {
  shared: string;
  articles: readonly string[];
  tags: string[];
  layout: Int32Array;
}

export function keysOfJob(job: ArticleKeyJob): string[] {
  const { shared, articles, tags, layout } = job;
  const link = (i: number) => (i < 0 ? undefined : knownArticleText(articles[i]!));
  const keys: string[] = [];
  for (let at = 0; at < layout.length; ) {
    const source = articles[layout[at++]!]!;
    const previous = link(layout[at++]!);
    const next = link(layout[at++]!);
    const related: string[] = [];
    for (let n = layout[at++]!; n > 0; n--) related.push(link(layout[at++]!)!);
    const tagTexts: string[] = [];
    for (let n = layout[at++]!; n > 0; n--) tagTexts.push(tags[layout[at++]!]!);
    keys.push(keyOfText(source, articleInputsText(shared, previous, next, related, tagTexts)));
  }
  return keys;
}
