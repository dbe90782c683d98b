// How a build loads Eleventy: without the ESM resolve hook Eleventy registers for its own watch mode (on
// Node 20 a thread of its own that every later import waits for), unless the user says otherwise.
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/index.ts";
import { makeArticle, makeSite } from "../support/fixtures.ts";

const NOW = new Date("2027-01-01T00:00:00Z");
const before = process.env.ELEVENTY_SKIP_ESM_RESOLVER;

describe("loading Eleventy", () => {
  afterEach(() => {
    if (before === undefined) delete process.env.ELEVENTY_SKIP_ESM_RESOLVER;
    else process.env.ELEVENTY_SKIP_ESM_RESOLVER = before;
  });

  it("tells Eleventy not to register its ESM resolve hook", async () => {
    delete process.env.ELEVENTY_SKIP_ESM_RESOLVER;
    const root = makeSite({ "a.md": makeArticle({ title: "第一篇" }) });
    expect((await buildSite({ root, now: NOW, search: false })).ok).toBe(true);
    expect(process.env.ELEVENTY_SKIP_ESM_RESOLVER).toBe("1");
  });

  it("leaves a value the user set", async () => {
    process.env.ELEVENTY_SKIP_ESM_RESOLVER = "";
    const root = makeSite({ "a.md": makeArticle({ title: "第一篇" }) });
    expect((await buildSite({ root, now: NOW, search: false })).ok).toBe(true);
    expect(process.env.ELEVENTY_SKIP_ESM_RESOLVER).toBe("");
  });
});
