// The benchmark's arithmetic and report: medians, paired ratios and the target checks, on fixed figures.
import { describe, expect, it } from "vitest";
import { checkTargets, formatReport, median, pairedRatio, summarise, type BuildSample, type SizeResult } from "../../src/bench/report.ts";
import { parseArticleCounts, parseRuns } from "../../src/bench/options.ts";

const MB = 1024 ** 2;
const build = (wallMs: number, cpuMs = wallMs, peakMb = 400): BuildSample => ({ wallMs, cpuMs, peakRssBytes: peakMb * MB, pages: 100, files: 110 });

describe("median", () => {
  it.each([
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])("of %j is %d", (values, expected) => expect(median(values)).toBe(expected));
  it("of nothing is NaN", () => expect(median([])).toBeNaN());
});

describe("pairedRatio", () => {
  it("takes the median of the per-pair ratios, not the ratio of medians", () => {
    // Pairs: 1/2, 4/4, 9/3 → ratios 0.5, 1, 3 → median 1. Ratio of medians would be 4/3.
    expect(pairedRatio([1, 4, 9], [2, 4, 3])).toBe(1);
  });
});

const size = (articles: number, ours: number[], hugo: number[], extra: Partial<SizeResult> = {}): SizeResult => ({
  articles,
  ours: ours.map((w) => build(w)),
  hugo: hugo.map((w) => build(w)),
  warm: [],
  phases: {},
  ...extra,
});

describe("checkTargets", () => {
  it("checks every target of issue 8 that the run measured", () => {
    const s10 = summarise(
      size(10_000, [900, 1000, 1100], [1000, 1000, 1000], {
        warm: [build(1500), build(2500), build(1900)],
        serve: { readyMs: 9000, reloadMs: [300, 400, 500], pageMs: [450, 1200, 700] },
      }),
    );
    const s30 = summarise(size(30_000, [3400, 3500, 3600], [4000, 4000, 4000]));
    const checks = checkTargets([s10, s30]);
    expect(checks.map((c) => [c.target, c.measured, c.holds])).toEqual([
      ["10,000 articles: wall time ours/Hugo <= 1.0", "1.00 (CPU 1.00)", true],
      ["10,000 articles: peak memory <= 1 GB", "400 MB", true],
      ["30,000 articles: wall time ours/Hugo <= 0.8", "0.88 (CPU 0.88)", false],
      ["30,000 articles: time <= 3.3 x the 10,000 time", "3.50 x", false],
      ["100,000 articles: completes within 24 GB", "not measured", undefined],
      ["warm rebuild after editing one of 10,000 articles <= 2 s", "1.90 s", true],
      ["serve: an edit to one of 10,000 articles reaches the open page <= 1 s", "700 ms", true],
    ]);
  });

  it("says when there was no Hugo to compare with", () => {
    const checks = checkTargets([summarise(size(10_000, [1000], []))]);
    expect(checks[0]).toEqual({ target: "10,000 articles: wall time ours/Hugo <= 1.0", measured: "no Hugo to compare with" });
  });
});

describe("formatReport", () => {
  it("prints medians, the paired ratio, warm rebuilds, phases, search time and serve's reload time", () => {
    const text = formatReport({
      runs: 3,
      cores: 2,
      node: "v20.20.0",
      hugo: "hugo v0.111.3",
      sizes: [
        size(10_000, [4000, 5000, 6000], [5000, 5000, 5000], { warm: [build(1200, 1100, 300)], phases: { load: 1500, render: 2500 }, searchMs: 9000, warmDifferences: [], serve: { readyMs: 8400, reloadMs: [200, 300, 900], pageMs: [350, 420, 1100] } }),
        size(20_000, [8000], [8000], { warmDifferences: ["news/a/index.html", "sitemap.xml"] }),
      ],
    });
    const lines = text.split("\n");
    expect(lines[0]).toBe("newsdesk bench: 2 cores, Node v20.20.0, hugo v0.111.3; medians of 3 run(s) each, ours and Hugo interleaved");
    expect(lines).toContain("10,000      newsdesk         5.00 s    5.00 s     400 MB       100       110        20");
    expect(lines).toContain("10,000      hugo             5.00 s    5.00 s     400 MB       100       110        20");
    expect(lines).toContain("            ours/hugo          1.00      1.00");
    expect(lines).toContain("10,000      warm (1 edit)    1.20 s    1.10 s     300 MB       100       110        83");
    expect(lines).toContain("            newsdesk phases (median): load 1.50 s, render 2.50 s");
    expect(lines).toContain("            search index (not in the ratio): 9.00 s");
    expect(lines).toContain("            newsdesk serve: ready in 8.40 s; an edit reaches the open page in 420 ms (median)");
    expect(lines).toContain("  ok  serve: an edit to one of 10,000 articles reaches the open page <= 1 s: 420 ms");
    expect(lines).toContain("            warm output vs a build from scratch: byte-identical");
    expect(lines).toContain("            warm output vs a build from scratch: 2 file(s) DIFFER, e.g. news/a/index.html, sitemap.xml");
    expect(lines).toContain("  ok  10,000 articles: wall time ours/Hugo <= 1.0: 1.00 (CPU 1.00)");
    expect(lines).toContain("  -   30,000 articles: wall time ours/Hugo <= 0.8: not measured");
    expect(lines.some((l) => l.includes("no usable cache"))).toBe(false);
  });

  it("says when a warm rebuild built everything, and then the warm target does not hold however fast", () => {
    const text = formatReport({
      runs: 2,
      cores: 2,
      node: "v20.20.0",
      sizes: [size(10_000, [4000, 4000], [], { warm: [build(1200), build(1300)], warmAsFull: 1 })],
    });
    const lines = text.split("\n");
    expect(lines).toContain("            warm rebuilds that found no usable cache and built everything: 1");
    expect(lines).toContain(" MISS warm rebuild after editing one of 10,000 articles <= 2 s: 1.25 s (1 of them full builds)");
  });
});

describe("formatReport without Hugo", () => {
  it("says so in the heading and prints no ratio", () => {
    const text = formatReport({ runs: 1, cores: 2, node: "v20.20.0", sizes: [size(10_000, [4000], [])] });
    expect(text.split("\n")[0]).toBe("newsdesk bench: 2 cores, Node v20.20.0, no Hugo (ratios not measured); medians of 1 run(s) each");
    expect(text).not.toContain("ours/hugo");
    expect(text).toContain("  -   10,000 articles: wall time ours/Hugo <= 1.0: no Hugo to compare with");
  });
});

describe("bench options", () => {
  it.each([
    ["10000", [10_000]],
    ["10000,30000", [10_000, 30_000]],
    ["10k, 30k,100K", [10_000, 30_000, 100_000]],
    ["100_000", [100_000]],
  ])("--articles %s", (text, counts) => expect(parseArticleCounts(text)).toEqual(counts));

  it.each(["", "ten", "0", "10000,", "-5", "2000000"])("rejects --articles %j with the expected form", (text) => {
    expect(() => parseArticleCounts(text)).toThrow(/--articles expects counts between 1 and 1000000 separated by commas \(e\.g\. 10000,30000 or 10k,30k\)/);
  });

  it("reads --runs as a whole number", () => {
    expect(parseRuns("5")).toBe(5);
    expect(() => parseRuns("0")).toThrow('--runs expects a whole number from 1 to 50, received "0"');
    expect(() => parseRuns("2.5")).toThrow(/received "2.5"/);
  });
});
