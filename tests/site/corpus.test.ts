// A corpus of several thousand contract-following articles builds with no change to the project.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateCorpus, writeCorpus } from "../../src/bench/corpus.ts";
import { buildSite } from "../../src/site/index.ts";
import { SITE_YAML, makeSite, readOutput } from "../support/fixtures.ts";

describe("a corpus of several thousand articles", () => {
  it("builds every article page", async () => {
    const root = makeSite({});
    const corpus = generateCorpus(3000);
    writeCorpus(root, corpus, SITE_YAML);
    const result = await buildSite({ root, now: new Date("2027-01-01T00:00:00Z") });
    expect(result.problems).toEqual([]);
    expect(result.articles).toBe(3000);
    const months = readdirSync(`${root}/_site/news`, { recursive: true }).filter((p) => String(p).endsWith("index.html"));
    expect(months.length).toBeGreaterThanOrEqual(3000);
    const last = corpus[corpus.length - 1]!;
    const [y, m] = last.date.split("-");
    const html = readOutput(root, `/news/${y}/${m}/${last.fileName.slice(11, -3)}/`);
    expect(html).toContain(`<h1>${last.title}</h1>`);
  });
});
