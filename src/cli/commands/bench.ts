// `newsdesk bench`: builds generated corpora with newsdesk and, when installed, Hugo on the same corpus,
// interleaved, and prints medians, ratios, warm rebuild time, memory and the issue-8 targets.
import { HUGO_REFERENCE_SITE, runBench } from "../../bench/run.ts";
import { parseArticleCounts, parseRuns } from "../../bench/options.ts";
import { formatReport } from "../../bench/report.ts";
import type { Command } from "../io.ts";

export const benchCommand: Command = {
  summary: "benchmark full and warm builds on generated corpora, side by side with Hugo",
  usage: `  --articles N,M  corpus sizes (default 10000,30000; "10k" works too)
  --runs N        runs of each build per size, medians reported (default 3)
  --no-hugo       measure newsdesk alone, even when hugo is installed
  --hugo-site DIR Hugo reference site (default ../shared/bench/hugo-site)
  --keep          keep the generated corpora and outputs (their folders are printed)`,
  options: {
    articles: { type: "string" },
    runs: { type: "string" },
    "no-hugo": { type: "boolean" },
    "hugo-site": { type: "string" },
    keep: { type: "boolean" },
  },
  async run({ values, io }) {
    let counts: number[];
    let runs: number;
    try {
      counts = parseArticleCounts(typeof values.articles === "string" ? values.articles : "10000,30000");
      runs = parseRuns(typeof values.runs === "string" ? values.runs : "3");
    } catch (error) {
      io.err(`newsdesk bench: ${(error as Error).message}`);
      return 2;
    }
    const report = await runBench({
      counts,
      runs,
      hugo: values["no-hugo"] !== true,
      hugoSite: typeof values["hugo-site"] === "string" ? values["hugo-site"] : HUGO_REFERENCE_SITE,
      keep: values.keep === true,
      log: (line) => io.err(line),
    });
    io.out(formatReport(report));
    return 0;
  },
};
