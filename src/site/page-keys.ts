// Fingerprints of what a page is rendered from, so a warm build re-renders only pages whose inputs changed.
// Articles inside the inputs are represented by the digest of their source file (its path and bytes):
// everything about an article follows from that file and the site configuration, which the cache is tied
// to. A neighbour's body edit thus re-renders the pages that show it too; they come out the same and are
// not rewritten (output.ts compares bytes), and no article has to be walked field by field.
import { createHash } from "node:crypto";
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
    this.memo.set(article, `A${digest}`);
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
    return text.length <= LONG_TEXT ? text : `H${createHash("sha256").update(text).digest("base64url")}`;
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
  return createHash("sha256").update(source).update("\0").update(text).digest("base64url");
}
