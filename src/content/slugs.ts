// URL slugs: ASCII only (a-z, 0-9, hyphen), Chinese transliterated to toneless pinyin, full-width folded,
// never empty. Slugs are part of published URLs, so the rules here must stay stable.
import { pinyin } from "pinyin-pro";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLUG_LENGTH = 80;
const HAN = /\p{Script=Han}/u;

// Pinyin conversion dominates slug making, and the same tags, district names and headings recur across
// thousands of articles: remember recent answers (bounded, so a huge site cannot grow it without limit).
const remembered = new Map<string, string>();
const REMEMBER_AT_MOST = 50_000;

/** How many texts this process transliterated (tests check that known slugs are not worked out again). */
let transliterated = 0;

/** Transliterates any text to a URL slug; returns "" when nothing usable is left (the caller decides). */
export function slugify(text: string): string {
  // Already a slug (most file names): transliterating would give it back unchanged.
  if (text.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(text)) return text;
  let slug = remembered.get(text);
  if (slug === undefined) {
    if (remembered.size >= REMEMBER_AT_MOST) remembered.clear();
    slug = transliterate(text);
    transliterated++;
    remembered.set(text, slug);
  }
  return slug;
}

/**
 * Tells slugify the slug this code made of `text` before (an edited article's tags and headings, from its
 * last version in the parse cache, which only this code and configuration wrote): a warm build that parses
 * an edited article then transliterates only what is new in it. pinyin-pro builds its dictionary on its
 * first call (20–30 ms and 7 MB for the collector, in a build that otherwise needs no pinyin at all).
 */
export function rememberSlug(text: string, slug: string): void {
  if (remembered.size < REMEMBER_AT_MOST) remembered.set(text, slug);
}

/** How many texts slugify transliterated in this process; with `forget`, it also forgets every slug it knows. */
export function slugsTransliterated(forget = false): number {
  const count = transliterated;
  if (forget) {
    remembered.clear();
    transliterated = 0;
  }
  return count;
}

function transliterate(text: string): string {
  // NFKC folds full-width letters and digits (ＡＢＣ１２３ → ABC123) and compatibility forms.
  const folded = text.normalize("NFKC");
  const words = HAN.test(folded)
    ? pinyin(folded, { toneType: "none", type: "array", nonZh: "consecutive", v: true })
    : [folded];
  const ascii = words
    .map((word) =>
      word
        .normalize("NFKD")
        .replace(/\p{M}/gu, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-"),
    )
    .join("-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  return truncateSlug(ascii);
}

function truncateSlug(slug: string): string {
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, MAX_SLUG_LENGTH)).replace(/-$/, "");
}

/** Characters that must never reach a URL segment from an explicit `slug:`, with a name for the error. */
export function findUnsafeSlugCharacter(slug: string): string | undefined {
  if (slug.includes("..")) return '".." (parent folder)';
  if (slug.includes("/") || slug.includes("\\")) return '"/" or "\\" (folder separator)';
  const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u3000\u00a0]/u.exec(slug);
  if (invisible) return `invisible character U+${invisible[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  return undefined;
}

/** A leading "YYYY-MM-DD-" in a file name is the date, not the slug. */
export function slugFromFileName(fileName: string): string {
  const base = fileName.replace(/\.md$/i, "").replace(/^\d{4}-\d{2}-\d{2}-?/, "");
  return slugify(base);
}
