// `newsdesk bench` end to end on a tiny corpus: the real command, the real Hugo, the printed report.
// No timing is asserted (figures vary with the machine); the shape and the counted pages are.
import { describe, expect, it } from "vitest";
import { ensureProgram } from "../support/debian.ts";
import { runCli } from "../support/fixtures.ts";

describe("newsdesk bench", () => {
  it("builds a corpus with newsdesk and Hugo side by side and prints the report", async () => {
    ensureProgram("hugo", "hugo");
    const run = await runCli(["bench", "--articles", "40", "--runs", "1"]);
    expect(run.stderr).toMatch(/40 articles, run 1\/1: newsdesk [\d.]+ s, hugo [\d.]+ s \(ratio [\d.]+\)/);
    // The warm rebuild was warm: it rendered the edited page and those showing it, not the whole site.
    expect(run.stderr).toMatch(/40 articles, warm rebuild 1\/1: [\d.]+ s \(\d+ pages rendered, \d+ files written\)/);
    // serve was started on the corpus, and the edited title reached the page (else the bench fails).
    expect(run.stderr).toMatch(/40 articles, newsdesk serve: ready in [\d.]+ s; edit to new page \d+ ms/);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^newsdesk bench: \d+ cores, Node v[\d.]+, hugo v0\.\d+/);
    const ours = lines.find((l) => l.startsWith("40 ") && l.includes("newsdesk"));
    // Every article is a page of ours (the count is exact; lists and feeds add to it as they are built).
    expect(Number(ours?.split(/\s+/)[6])).toBeGreaterThanOrEqual(40);
    expect(lines.some((l) => /^\s+ours\/hugo\s+[\d.]+\s+[\d.]+$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith("40 ") && l.includes("warm (1 edit)"))).toBe(true);
    expect(lines).toContain("            warm output vs a build from scratch: byte-identical");
    expect(lines.some((l) => l.includes("no usable cache"))).toBe(false);
    expect(lines.some((l) => /^\s+newsdesk serve: ready in [\d.]+ s; an edit reaches the open page in \d+ ms \(median\)$/.test(l))).toBe(true);
    expect(lines).toContain("Targets (issues 8 and 4):");
  });

  it("refuses a malformed --articles with a usage error", async () => {
    const run = await runCli(["bench", "--articles", "lots"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('newsdesk bench: --articles expects counts between 1 and 1000000 separated by commas (e.g. 10000,30000 or 10k,30k), received "lots"');
  });
});
