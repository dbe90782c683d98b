// Districts and tags: the groups readers browse by. Each group keeps the site's article order (newest
// first). Tags that differ only in case or width (COVID, covid, ＣＯＶＩＤ) are one tag; tags whose
// pinyin slugs collide (公式, 攻势) stay apart and the later one gets a numbered URL, with a warning.
import type { Article } from "./article.ts";
import { compareText, type Problem } from "./problems.ts";
import type { District, SiteConfig } from "./site-config.ts";
import { districtUrl, tagUrl } from "./site-urls.ts";
import { slugify } from "./slugs.ts";

export interface DistrictGroup {
  district: District;
  /** /districts/<slug>/ */
  url: string;
  articles: Article[];
}

export interface TagGroup {
  /** The folding key: NFKC and lower case. */
  key: string;
  /** The spelling shown: the one most articles use (ties: code-unit order). */
  name: string;
  slug: string;
  /** /tags/<slug>/ */
  url: string;
  articles: Article[];
}

export interface TagIndex {
  /** Every tag in use, most articles first, then by slug. */
  tags: TagGroup[];
  byKey: ReadonlyMap<string, TagGroup>;
  /** Slug collisions between different tags, as warnings. */
  problems: Problem[];
}

/** tagKey's answers: a site has few tag spellings, asked for once per article carrying them, or more. */
const tagKeys = new Map<string, string>();

/** Case and width variants of a tag give one key. */
export function tagKey(name: string): string {
  let key = tagKeys.get(name);
  if (key === undefined) {
    key = name.normalize("NFKC").toLowerCase();
    if (tagKeys.size >= 10_000) tagKeys.clear();
    tagKeys.set(name, key);
  }
  return key;
}

/** One group per configured district, in the configuration's order, empty districts included. */
export function groupByDistrict(site: SiteConfig, articles: readonly Article[]): DistrictGroup[] {
  const groups = new Map<string, DistrictGroup>();
  for (const district of site.districts) groups.set(district.slug, { district, url: districtUrl(district), articles: [] });
  for (const article of articles) groups.get(article.district.slug)?.articles.push(article);
  return [...groups.values()];
}

/** Groups `articles` (newest first) by folded tag and gives every tag a unique URL slug. */
export function groupByTag(articles: readonly Article[]): TagIndex {
  interface Draft {
    key: string;
    spellings: Map<string, number>;
    articles: Article[];
    /** The slug of the key, from a term spelled as its key (its own slug is slugify of that very text). */
    keySlug?: string;
  }
  const drafts = new Map<string, Draft>();
  for (const article of articles) {
    const seen = new Set<string>();
    for (const term of article.tags) {
      const key = tagKey(term.name);
      if (seen.has(key)) continue;
      seen.add(key);
      let draft = drafts.get(key);
      if (!draft) drafts.set(key, (draft = { key, spellings: new Map(), articles: [] }));
      draft.spellings.set(term.name, (draft.spellings.get(term.name) ?? 0) + 1);
      if (term.name === key) draft.keySlug ??= term.slug;
      draft.articles.push(article);
    }
  }

  // The tag used first (oldest article) keeps its natural slug, so adding articles never moves a URL.
  const oldest = (d: Draft) => d.articles[d.articles.length - 1]!;
  const byAge = [...drafts.values()]
    .map((d) => ({ draft: d, natural: d.keySlug ?? slugify(d.key) }))
    .filter((d) => d.natural !== "")
    .sort((a, b) => oldest(a.draft).date.getTime() - oldest(b.draft).date.getTime() || compareText(oldest(a.draft).url, oldest(b.draft).url) || compareText(a.draft.key, b.draft.key));
  const owner = new Map<string, Draft>();
  for (const { draft, natural } of byAge) if (!owner.has(natural)) owner.set(natural, draft);

  const used = new Set(owner.keys());
  const problems: Problem[] = [];
  const tags: TagGroup[] = [];
  for (const { draft, natural } of byAge) {
    let slug = natural;
    if (owner.get(natural) !== draft) {
      let n = 2;
      while (used.has(`${natural}-${n}`)) n++;
      slug = `${natural}-${n}`;
      used.add(slug);
      const first = owner.get(natural)!;
      problems.push({
        severity: "warning",
        file: oldest(draft).file,
        field: "tags",
        message: `tag "${spellingOf(draft.spellings)}" has the same URL slug "${natural}" as tag "${spellingOf(first.spellings)}" (first used in ${oldest(first).file}); it is published at ${tagUrl(slug)}`,
        hint: "两个标签的拼音相同，后出现的标签网址已自动加上编号；如不希望这样，请换一个标签名",
      });
    }
    tags.push({ key: draft.key, name: spellingOf(draft.spellings), slug, url: tagUrl(slug), articles: draft.articles });
  }
  tags.sort((a, b) => b.articles.length - a.articles.length || compareText(a.slug, b.slug));
  return { tags, byKey: new Map(tags.map((t) => [t.key, t])), problems };
}

function spellingOf(spellings: ReadonlyMap<string, number>): string {
  let best = "";
  let bestCount = -1;
  for (const [name, count] of spellings) {
    if (count > bestCount || (count === bestCount && compareText(name, best) < 0)) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}
