// Runs the benchmark: for each corpus size, generate the corpus into a temporary folder, build it with
// `newsdesk build` in a child process (cold: no output, no cache) and Hugo on a copy, interleaved run by run,
// then time warm rebuilds after editing one article, and the search index apart.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CORPUS_END, formatCorpusArticle, generateCorpus, writeCorpus, type CorpusArticle } from "./corpus.ts";
import { findHugo, hugoBuildArgs, hugoVersion, prepareHugoSite } from "./hugo.ts";
import { runMeasured, type Measurement } from "./measure.ts";
import { median, type BenchReport, type BuildSample, type SizeResult } from "./report.ts";
import { measureServe } from "./serve.ts";
import type { BuildResult } from "../site/build.ts";

export const PROJECT_DIR = fileURLToPath(new URL("../../", import.meta.url));
const BIN = path.join(PROJECT_DIR, "bin/newsdesk.js");
/** The peer reference site, kept next to the project (see ../shared/bench/README.md). */
export const HUGO_REFERENCE_SITE = path.resolve(PROJECT_DIR, "../shared/bench/hugo-site");
/** The largest corpus whose search indexing the bench times. */
const SEARCH_TIMED_UP_TO = 10_000;
/** Where the build keeps its persistent cache, relative to the site root. */
const CACHE_DIR = ".cache";

export interface BenchOptions {
  /** Corpus sizes, in order. */
  counts: number[];
  /** Runs per build kind and size; medians are reported. */
  runs: number;
  /** Compare with Hugo when it is installed (default true). */
  hugo: boolean;
  /** The Hugo reference site to copy. */
  hugoSite: string;
  /** Keep the temporary folders (corpus and outputs) for inspection. */
  keep: boolean;
  /** Progress lines (the report itself is returned). */
  log: (line: string) => void;
}

/** Counts HTML pages and all files under an output folder. */
export function countOutput(dir: string): { pages: number; files: number } {
  let pages = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    if (entry.name.endsWith(".html")) pages++;
  }
  return { pages, files };
}

function sample(run: Measurement, outDir: string): BuildSample {
  return { wallMs: run.wallMs, cpuMs: run.cpuMs, peakRssBytes: run.peakRssBytes, ...countOutput(outDir) };
}

function check(run: Measurement, what: string): Measurement {
  if (run.exitCode !== 0) throw new Error(`${what} failed (exit ${run.exitCode}): ${run.command}\n${run.stderr.slice(-4000)}`);
  return run;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Before each timed build: the files the last one wrote reach the disk first (sync), so no build pays
 * for writing back another's output while it runs.
 */
function settle(): void {
  spawnSync("sync", { stdio: "ignore" });
}

/**
 * Clears a folder before a cold build by moving it into `trash` (deleted when the whole bench is done)
 * rather than deleting it. On ext4 without a journal, as on these machines, Linux will not reuse an inode
 * freed in the last minute (five, while its table block is unwritten) and scans past every such inode on
 * each file it creates: a build started right after deleting a 10,000-page site paid 5–10 s of system time
 * for that, unlike a CI build from a clean clone. Every build, ours and Hugo's, is cleared this way.
 */
function clearForColdBuild(dir: string, trash: string): void {
  if (!existsSync(dir)) return;
  mkdirSync(trash, { recursive: true });
  renameSync(dir, mkdtempSync(path.join(trash, `${path.basename(dir)}-`)) + "/moved");
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const hugo = options.hugo ? findHugo() : undefined;
  const report: BenchReport = { runs: options.runs, cores: availableParallelism(), node: process.version, sizes: [] };
  if (hugo) report.hugo = hugoVersion(hugo);
  else if (options.hugo) options.log("hugo is not installed: measuring newsdesk alone (install Debian's hugo for the ratio).");
  const siteYaml = readFileSync(path.join(PROJECT_DIR, "content/site.yaml"), "utf8");
  // Every corpus article is published whatever the machine's clock says.
  const env = { ...process.env, SOURCE_DATE_EPOCH: String(Math.floor(CORPUS_END.getTime() / 1000) + 86_400) };

  const buildArgs = (root: string, timings: string, search = false) =>
    [BIN, "build", "--root", root, "--timings", timings, ...(search ? [] : ["--no-search"])];

  // Warm-up, untimed: compiles the TypeScript sources into tsx's cache so the first timed run pays nothing extra.
  const warmup = mkdtempSync(path.join(tmpdir(), "newsdesk-bench-warmup-"));
  try {
    writeCorpus(warmup, generateCorpus(20), siteYaml);
    check(await runMeasured(process.execPath, buildArgs(warmup, path.join(warmup, "timings.json")), { env }), "warm-up build");
  } finally {
    rmSync(warmup, { recursive: true, force: true });
  }

  // Work folders (corpora, outputs and their trash) are deleted at the very end, for the reason above.
  const works: string[] = [];
  try {
    for (const count of options.counts) {
      const work = mkdtempSync(path.join(tmpdir(), `newsdesk-bench-${count}-`));
      works.push(work);
      await benchSize(count, work);
    }
  } finally {
    for (const work of works) {
      if (options.keep) options.log(`kept ${work}`);
      else rmSync(work, { recursive: true, force: true });
    }
  }
  return report;

  async function benchSize(count: number, work: string): Promise<void> {
    const root = path.join(work, "site");
    const ours = path.join(root, "_site");
    const theirs = path.join(work, "hugo-out");
    const timingsFile = path.join(work, "timings.json");
    const trash = path.join(work, "trash");
    options.log(`${count} articles: generating the corpus in ${work}`);
    const corpus = generateCorpus(count);
    writeCorpus(root, corpus, siteYaml);
    if (hugo) prepareHugoSite(options.hugoSite, path.join(work, "hugo"), corpus);

    const result: SizeResult = { articles: count, ours: [], hugo: [], warm: [], phases: {} };
    const phaseRuns: Record<string, number>[] = [];
    for (let run = 1; run <= options.runs; run++) {
      const ourBuild = async () => {
        // Cold: no previous output, no cache.
        clearForColdBuild(ours, trash);
        clearForColdBuild(path.join(root, CACHE_DIR), trash);
        settle();
        const mine = check(await runMeasured(process.execPath, buildArgs(root, timingsFile), { env }), "newsdesk build");
        result.ours.push(sample(mine, ours));
        phaseRuns.push(readTimings(timingsFile).phases);
        return mine;
      };
      const hugoBuild = async (program: string) => {
        clearForColdBuild(theirs, trash);
        settle();
        const peer = check(await runMeasured(program, hugoBuildArgs(theirs), { cwd: path.join(work, "hugo") }), "hugo");
        result.hugo.push(sample(peer, theirs));
        return peer;
      };
      if (!hugo) {
        const mine = await ourBuild();
        options.log(`${count} articles, run ${run}/${options.runs}: newsdesk ${seconds(mine.wallMs)}`);
        continue;
      }
      // Each pair runs back to back, in turns: newsdesk first in odd runs, Hugo first in even ones.
      let mine: Measurement;
      let peer: Measurement;
      if (run % 2 === 1) {
        mine = await ourBuild();
        peer = await hugoBuild(hugo);
      } else {
        peer = await hugoBuild(hugo);
        mine = await ourBuild();
      }
      options.log(
        `${count} articles, run ${run}/${options.runs}: newsdesk ${seconds(mine.wallMs)}, hugo ${seconds(peer.wallMs)} (ratio ${(mine.wallMs / peer.wallMs).toFixed(2)})`,
      );
    }
    result.phases = medianPhases(phaseRuns);

    // Warm: the last cold build left its output and cache; edit one article (a different one each run).
    for (let run = 1; run <= options.runs; run++) {
      editArticle(root, corpus[Math.floor(count / 2) + run]!, run);
      settle();
      const warm = check(await runMeasured(process.execPath, buildArgs(root, timingsFile), { env }), "warm newsdesk build");
      result.warm.push(sample(warm, ours));
      // Whether it was warm at all: a build that finds no usable cache builds everything, and says so.
      const { output } = readTimings(timingsFile);
      if (output?.mode !== "warm") result.warmAsFull = (result.warmAsFull ?? 0) + 1;
      const how = output ? `${output.mode === "warm" ? "" : "a FULL build, "}${output.rendered} pages rendered, ${output.written} files written` : "mode unknown";
      options.log(`${count} articles, warm rebuild ${run}/${options.runs}: ${seconds(warm.wallMs)} (${how})`);
    }

    // newsdesk serve on the same corpus: from saving an edit to the reloading page's new HTML.
    const edited = Array.from({ length: options.runs }, (_, i) => corpus[Math.floor(count / 3) + i]!);
    result.serve = await measureServe(BIN, root, edited, env);
    options.log(
      `${count} articles, newsdesk serve: ready in ${seconds(result.serve.readyMs)}; edit to new page ${result.serve.pageMs.map((ms) => `${Math.round(ms)} ms`).join(", ")}`,
    );

    // The warm output must be byte for byte what a build from scratch makes.
    const scratch = path.join(work, "from-scratch");
    check(await runMeasured(process.execPath, [BIN, "build", "--root", root, "--no-search", "--no-cache", "--out", scratch], { env }), "newsdesk build --no-cache");
    result.warmDifferences = differingFiles(ours, scratch);
    options.log(`${count} articles: warm output ${result.warmDifferences.length === 0 ? "identical to" : "DIFFERS from"} a build from scratch`);
    clearForColdBuild(scratch, trash);

    // Search indexing, timed apart from the compared builds: one more warm build with the index. Pagefind
    // needs about 2.6 GB and 100 s at 10,000 articles, growing with the pages: larger corpora skip it.
    if (count <= SEARCH_TIMED_UP_TO) {
      check(await runMeasured(process.execPath, buildArgs(root, timingsFile, true), { env }), "newsdesk build with search");
      const search = readTimings(timingsFile).phases.search;
      if (search !== undefined) result.searchMs = search;
    } else {
      options.log(`${count} articles: search indexing not timed above ${SEARCH_TIMED_UP_TO} articles (Pagefind's memory grows with the pages)`);
    }

    report.sizes.push(result);
  }
}

/** Rewrites one article's body as an editor would: a corrected sentence at the end. */
function editArticle(root: string, article: CorpusArticle, run: number): void {
  const file = path.join(root, "content/news", article.fileName);
  const edited = { ...article, body: `${article.body}\n\n（本文第${run}次更新：补充了活动的最新进展。）` };
  writeFileSync(file, formatCorpusArticle(edited));
}

/** Paths whose bytes differ between two output folders, or that exist in one only. */
export function differingFiles(a: string, b: string): string[] {
  const list = (dir: string) =>
    new Set(
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(dir, path.join(e.parentPath, e.name))),
    );
  const left = list(a);
  const right = list(b);
  const differing: string[] = [];
  for (const file of new Set([...left, ...right])) {
    if (!left.has(file) || !right.has(file) || !readFileSync(path.join(a, file)).equals(readFileSync(path.join(b, file)))) differing.push(file);
  }
  return differing.sort();
}

/** What `build --timings` wrote: each phase's time, and how the output was made. */
function readTimings(file: string): { phases: Record<string, number>; output?: BuildResult["output"] } {
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { phases?: Record<string, number>; output?: BuildResult["output"] };
  return { phases: parsed.phases ?? {}, ...(parsed.output ? { output: parsed.output } : {}) };
}

function medianPhases(runs: readonly Record<string, number>[]): Record<string, number> {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(names.map((name) => [name, median(runs.map((r) => r[name] ?? 0))]));
}
