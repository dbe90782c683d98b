// `newsdesk build`: validate, render into a staging folder, index it for search, swap it in for _site/ on
// success.
import { writeFile } from "node:fs/promises";
import { reportProblems, type Command } from "../io.ts";

export const buildCommand: Command = {
  summary: "build the site into _site/ (replaced only when the build succeeds)",
  usage: `  --drafts       include draft articles (preview only; never publish this)
  --out DIR      output folder (default _site)
  --no-search    skip the search index (/pagefind/): faster previews; the search page then finds nothing
  --no-cache     build from scratch, neither reading nor updating .cache/newsdesk/
  --timings FILE write the time spent in each build phase, and whether the build was full or warm, to FILE as JSON`,
  options: { drafts: { type: "boolean" }, out: { type: "string" }, "no-search": { type: "boolean" }, "no-cache": { type: "boolean" }, timings: { type: "string" } },
  async run({ values, common, io }) {
    const started = performance.now();
    // Imported here, not at the top: Eleventy takes most of a second to load, and check/new never need it.
    const { buildSite } = await import("../../site/index.ts");
    const drafts = values.drafts === true;
    const result = await buildSite({
      root: common.root,
      ...(typeof values.out === "string" ? { outDir: values.out } : {}),
      drafts,
      search: values["no-search"] !== true,
      cache: values["no-cache"] !== true,
    });
    if (typeof values.timings === "string") {
      // With how the output was made: full or warm, pages rendered, files written and deleted.
      const output = result.output ? { output: result.output } : {};
      await writeFile(values.timings, `${JSON.stringify({ articles: result.articles, phases: result.timings, ...output }, null, 2)}\n`);
    }
    reportProblems(result.problems, io);
    if (!result.ok) {
      io.err("Build stopped: nothing was written. Fix the errors above and build again.");
      return 1;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const search = result.searchPages !== undefined ? `search index: ${result.searchPages} pages` : "no search index";
    io.out(`Built ${result.articles} articles into ${result.outDir} (${search}) in ${seconds} s${drafts ? " (drafts included)" : ""}.`);
    return 0;
  },
};
