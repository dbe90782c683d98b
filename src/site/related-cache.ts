// 相关阅读 of the whole site, kept between builds. It follows only from each article's URL, district and
// tags, in site order, which an edited body or title leaves as they were; working it out again takes a
// tenth of a warm build at 10,000 articles. Stored as positions in the site order, under a digest of
// exactly what findRelated reads, so any change there works it out again.
import { hash } from "node:crypto";
import { readFileSync } from "node:fs";
import { deserialize, serialize } from "node:v8";
import { relatedPositions, tagKey, type Article } from "../content/index.ts";
import { writeFileAtomically } from "../files.ts";

interface Stored {
  salt: string;
  inputs: string;
  /** Per article in site order: the positions of its related articles. */
  related: number[][];
}

/** A digest of everything findRelated reads. */
function inputsOf(newestFirst: readonly Article[], count: number): string {
  // One text hashed once: an update per article took 10,000 calls into the hash.
  let text = `${count}\n`;
  for (const a of newestFirst) text += `${a.url}\0${a.district.slug}\0${a.tags.map((t) => tagKey(t.name)).join("\0")}\n`;
  return hash("sha256", text, "base64url");
}

/** findRelated, answered from `file` when its inputs are those of the last build made with `salt`. */
export function findRelatedCached(file: string, salt: string, newestFirst: readonly Article[], count: number): Map<string, Article[]> {
  const inputs = inputsOf(newestFirst, count);
  let stored: Stored | undefined;
  try {
    stored = deserialize(readFileSync(file)) as Stored;
  } catch {
    // No cache yet, or unreadable: worked out below.
  }
  let related = stored?.related;
  if (stored?.salt !== salt || stored.inputs !== inputs || related?.length !== newestFirst.length) {
    related = relatedPositions(newestFirst, count);
    writeFileAtomically(file, serialize({ salt, inputs, related } satisfies Stored));
  }
  return new Map(newestFirst.map((a, i) => [a.url, related[i]!.map((j) => newestFirst[j]!)]));
}
