// 相关阅读: for every article, up to `count` other articles that share its district or tags. An article
// sharing more of them ranks higher (the district and each tag count one each); equal shares go newest
// first, then by site order, so the result is the same on every build.
//
// Computed for the whole site at once from inverted indexes (district and tag → articles, newest first),
// never by comparing each article with every other. Articles with the same district and tags share one
// computation. For each such signature with m groups, a candidate sharing two or more groups must appear in
// one of the m - 1 smallest lists (it can miss at most the largest), so only those lists are scanned in
// full; candidates sharing exactly one group come after all of them and are taken newest first by merging
// the lists, stopping as soon as the list is full.
import type { Article } from "./article.ts";
import { tagKey } from "./taxonomies.ts";

/** Related articles of every article, keyed by URL, best first. */
export function findRelated(newestFirst: readonly Article[], count: number): Map<string, Article[]> {
  const n = newestFirst.length;
  const result = new Map<string, Article[]>();
  if (count <= 0) {
    for (const article of newestFirst) result.set(article.url, []);
    return result;
  }

  // Group ids: one per district and one per folded tag; each article's groups, and each group's postings.
  const ids = new Map<string, number>();
  const postings: number[][] = [];
  const groupsOf: number[][] = [];
  const idOf = (name: string) => {
    let id = ids.get(name);
    if (id === undefined) {
      ids.set(name, (id = postings.length));
      postings.push([]);
    }
    return id;
  };
  newestFirst.forEach((article, i) => {
    const groups = [idOf(`d:${article.district.slug}`)];
    for (const term of article.tags) {
      const id = idOf(`t:${tagKey(term.name)}`);
      if (!groups.includes(id)) groups.push(id);
    }
    groups.sort((a, b) => a - b);
    for (const g of groups) postings[g]!.push(i);
    groupsOf.push(groups);
  });

  const counts = new Int32Array(n);
  const stamps = new Int32Array(n);
  let stamp = 0;
  const bySignature = new Map<string, number[]>();

  /** The `limit` best candidates for an article in `groups`, the article itself possibly among them. */
  const rank = (groups: readonly number[], limit: number): number[] => {
    const lists = groups.map((g) => postings[g]!).sort((a, b) => a.length - b.length);
    const largest = groups.find((g) => postings[g] === lists[lists.length - 1])!;
    // The best candidates sharing two groups or more, kept sorted (score down, then site order): a
    // bounded insertion, since only `limit` of possibly many hundreds are wanted.
    const chosen: number[] = [];
    const scores: number[] = [];
    if (lists.length >= 2) {
      stamp++;
      const touched: number[] = [];
      for (let l = 0; l < lists.length - 1; l++) {
        const list = lists[l]!;
        for (let k = 0; k < list.length; k++) {
          const c = list[k]!;
          if (stamps[c] !== stamp) {
            stamps[c] = stamp;
            counts[c] = 1;
            touched.push(c);
          } else counts[c]!++;
        }
      }
      for (const c of touched) {
        const score = counts[c]! + (groupsOf[c]!.includes(largest) ? 1 : 0);
        if (score < 2) continue;
        let at = chosen.length;
        while (at > 0 && (scores[at - 1]! < score || (scores[at - 1] === score && chosen[at - 1]! > c))) at--;
        if (at >= limit) continue;
        chosen.splice(at, 0, c);
        scores.splice(at, 0, score);
        if (chosen.length > limit) {
          chosen.pop();
          scores.pop();
        }
      }
    }
    // Fewer than `limit` share two groups: then every one of them is chosen, and everything else shares
    // exactly one group; those follow newest first, merged across the lists.
    const heads = lists.map(() => 0);
    while (chosen.length < limit) {
      let pick = -1;
      let from = -1;
      for (let l = 0; l < lists.length; l++) {
        const list = lists[l]!;
        // (Reading past a list's end would throw optimised code back to the interpreter, again and again.)
        if (heads[l]! >= list.length) continue;
        const c = list[heads[l]!]!;
        if (pick === -1 || c < pick) {
          pick = c;
          from = l;
        }
      }
      if (pick === -1) break;
      heads[from]!++;
      if (!chosen.includes(pick)) chosen.push(pick);
    }
    return chosen;
  };

  newestFirst.forEach((article, i) => {
    const groups = groupsOf[i]!;
    const signature = groups.join(",");
    let ranked = bySignature.get(signature);
    if (!ranked) bySignature.set(signature, (ranked = rank(groups, count + 1)));
    result.set(
      article.url,
      ranked.filter((c) => c !== i).slice(0, count).map((c) => newestFirst[c]!),
    );
  });
  return result;
}
