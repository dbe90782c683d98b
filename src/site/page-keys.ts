// Fingerprints of what a page is rendered from, so a warm build re-renders only pages whose inputs changed.
// Articles inside the inputs are represented by a digest of everything about them but their body HTML
// (lists, neighbours and sidebars never show another article's body); the page's own article is
// represented by the digest of its source file, which covers the body too.
import { createHash } from "node:crypto";
import type { Article } from "../content/index.ts";

/** Digests per build: articles and shared input objects (the hot list) are walked once, not once per page. */
export class Fingerprinter {
  private readonly articles: ReadonlySet<object>;
  private readonly memo = new WeakMap<object, string>();

  constructor(articles: Iterable<Article>) {
    this.articles = new Set<object>(articles);
  }

  /** A stable text for any plain value: objects by sorted keys, Maps and Sets in their order. */
  of(value: unknown): string {
    if (value === null || value === undefined) return String(value);
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
    if (value instanceof Date) return `D${value.toISOString()}`;
    if (typeof value !== "object") throw new Error(`cannot fingerprint a ${typeof value}`);
    const known = this.memo.get(value);
    if (known !== undefined) return known;
    let text: string;
    if (this.articles.has(value)) text = `A${this.articleDigest(value as Article)}`;
    else if (Array.isArray(value)) text = `[${value.map((v) => this.of(v)).join(",")}]`;
    else if (value instanceof Map) text = `M[${[...value].map(([k, v]) => `${this.of(k)}:${this.of(v)}`).join(",")}]`;
    else if (value instanceof Set) text = `S[${[...value].map((v) => this.of(v)).join(",")}]`;
    else {
      const record = value as Record<string, unknown>;
      text = `{${Object.keys(record)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${this.of(record[k])}`)
        .join(",")}}`;
    }
    // Long texts of shared objects (the hot list) are hashed once, so pages that show them stay cheap.
    if (text.length > 512) text = `H${createHash("sha256").update(text).digest("base64url")}`;
    this.memo.set(value, text);
    return text;
  }

  /** Everything about an article except its body HTML, which is never read here (it may not be loaded). */
  articleDigest(article: Article): string {
    const known = this.memo.get(article);
    if (known !== undefined) return known.slice(1);
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(article)) if (key !== "html") fields[key] = (article as unknown as Record<string, unknown>)[key];
    const digest = createHash("sha256").update(JSON.stringify(fields)).digest("base64url");
    this.memo.set(article, `A${digest}`);
    return digest;
  }
}

/** The key of one page: its own source, and the fingerprint of everything else it shows. */
export function pageKey(fingerprints: Fingerprinter, source: string, inputs: unknown): string {
  return createHash("sha256").update(source).update("\0").update(fingerprints.of(inputs)).digest("base64url");
}
