// The benchmark's arithmetic and its printed report: medians, paired ratios, growth, and the targets of
// issue 8 checked against the figures of one run. Pure functions, so the report is tested without timing.

export interface BuildSample {
  wallMs: number;
  cpuMs: number;
  peakRssBytes: number;
  /** HTML pages in the output folder. */
  pages: number;
  /** Every file in the output folder (pages, feeds, sitemap, assets). */
  files: number;
}

export interface SizeResult {
  articles: number;
  ours: BuildSample[];
  /** Hugo's runs, paired with ours (hugo[i] ran right after ours[i], or right before it in even runs); empty without Hugo. */
  hugo: BuildSample[];
  /** Warm rebuilds, each after editing one article. */
  warm: BuildSample[];
  /** How many of those found no usable cache and built everything (build --timings says: mode "full"). */
  warmAsFull?: number;
  /** Search indexing time of a full build, when the build has a search index. */
  searchMs?: number;
  /** Files where the last warm build's output differs from a build from scratch (should be none). */
  warmDifferences?: string[];
  /** Median time per build phase of our cold builds (load, render, …), from `build --timings`. */
  phases: Record<string, number>;
  /** `newsdesk serve` on the corpus: start-up, and each edit until the page's new HTML (src/bench/serve.ts). */
  serve?: { readyMs: number; reloadMs: number[]; pageMs: number[] };
}

export interface BenchReport {
  runs: number;
  cores: number;
  node: string;
  hugo?: string;
  sizes: SizeResult[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median over the pairs of ours/theirs: each pair ran back to back, so machine load mostly cancels out. */
export function pairedRatio(ours: readonly number[], theirs: readonly number[]): number {
  const n = Math.min(ours.length, theirs.length);
  if (n === 0) return Number.NaN;
  return median(Array.from({ length: n }, (_, i) => ours[i]! / theirs[i]!));
}

export interface SizeSummary {
  articles: number;
  ours: BuildSample;
  hugo?: BuildSample;
  warm?: BuildSample;
  wallRatio?: number;
  cpuRatio?: number;
  searchMs?: number;
  warmDifferences?: string[];
  warmAsFull?: number;
  phases: Record<string, number>;
  /** serve: start-up time and the median from saving an edit to the edited page's new HTML. */
  serve?: { readyMs: number; editToPageMs: number };
}

function medianSample(samples: readonly BuildSample[]): BuildSample | undefined {
  if (samples.length === 0) return undefined;
  return {
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    peakRssBytes: Math.max(...samples.map((s) => s.peakRssBytes)),
    pages: median(samples.map((s) => s.pages)),
    files: median(samples.map((s) => s.files)),
  };
}

export function summarise(size: SizeResult): SizeSummary {
  const summary: SizeSummary = { articles: size.articles, ours: medianSample(size.ours)!, phases: size.phases };
  const hugo = medianSample(size.hugo);
  if (hugo) {
    summary.hugo = hugo;
    summary.wallRatio = pairedRatio(size.ours.map((s) => s.wallMs), size.hugo.map((s) => s.wallMs));
    summary.cpuRatio = pairedRatio(size.ours.map((s) => s.cpuMs), size.hugo.map((s) => s.cpuMs));
  }
  const warm = medianSample(size.warm);
  if (warm) summary.warm = warm;
  if (size.searchMs !== undefined) summary.searchMs = size.searchMs;
  if (size.warmDifferences) summary.warmDifferences = size.warmDifferences;
  if (size.warmAsFull) summary.warmAsFull = size.warmAsFull;
  if (size.serve && size.serve.pageMs.length > 0) summary.serve = { readyMs: size.serve.readyMs, editToPageMs: median(size.serve.pageMs) };
  return summary;
}

export interface TargetCheck {
  target: string;
  measured: string;
  /** undefined when this run did not measure it (size not benched, or no Hugo). */
  holds?: boolean;
}

const GB = 1024 ** 3;

/** The targets of issue 8 (and serve's of issue 4), checked against whichever sizes this run measured. */
export function checkTargets(sizes: readonly SizeSummary[]): TargetCheck[] {
  const at = (n: number) => sizes.find((s) => s.articles === n);
  const s10 = at(10_000);
  const s30 = at(30_000);
  const s100 = at(100_000);
  const checks: TargetCheck[] = [];
  const ratio = (target: string, s: SizeSummary | undefined, limit: number) =>
    checks.push(
      s?.wallRatio === undefined
        ? { target, measured: s ? "no Hugo to compare with" : "not measured" }
        : { target, measured: `${s.wallRatio.toFixed(2)} (CPU ${s.cpuRatio!.toFixed(2)})`, holds: s.wallRatio <= limit },
    );
  ratio("10,000 articles: wall time ours/Hugo <= 1.0", s10, 1.0);
  checks.push(
    s10
      ? { target: "10,000 articles: peak memory <= 1 GB", measured: formatBytes(s10.ours.peakRssBytes), holds: s10.ours.peakRssBytes <= GB }
      : { target: "10,000 articles: peak memory <= 1 GB", measured: "not measured" },
  );
  ratio("30,000 articles: wall time ours/Hugo <= 0.8", s30, 0.8);
  checks.push(
    s10 && s30
      ? {
          target: "30,000 articles: time <= 3.3 x the 10,000 time",
          measured: `${(s30.ours.wallMs / s10.ours.wallMs).toFixed(2)} x`,
          holds: s30.ours.wallMs <= 3.3 * s10.ours.wallMs,
        }
      : { target: "30,000 articles: time <= 3.3 x the 10,000 time", measured: "not measured" },
  );
  checks.push(
    s100
      ? { target: "100,000 articles: completes within 24 GB", measured: `peak ${formatBytes(s100.ours.peakRssBytes)}`, holds: s100.ours.peakRssBytes <= 24 * GB }
      : { target: "100,000 articles: completes within 24 GB", measured: "not measured" },
  );
  checks.push(
    s10?.warm
      ? {
          target: "warm rebuild after editing one of 10,000 articles <= 2 s",
          measured: `${formatSeconds(s10.warm.wallMs)}${s10.warmAsFull ? ` (${s10.warmAsFull} of them full builds)` : ""}`,
          holds: s10.warm.wallMs <= 2000 && !s10.warmAsFull,
        }
      : { target: "warm rebuild after editing one of 10,000 articles <= 2 s", measured: "not measured" },
  );
  const serveTarget = "serve: an edit to one of 10,000 articles reaches the open page <= 1 s";
  checks.push(
    s10?.serve
      ? { target: serveTarget, measured: `${Math.round(s10.serve.editToPageMs)} ms`, holds: s10.serve.editToPageMs <= 1000 }
      : { target: serveTarget, measured: "not measured" },
  );
  return checks;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatBytes(bytes: number): string {
  return bytes >= GB ? `${(bytes / GB).toFixed(2)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

const count = new Intl.NumberFormat("en-US");

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
}

/** The report `npm run bench` prints. */
export function formatReport(report: BenchReport): string {
  const lines: string[] = [];
  lines.push(
    `newsdesk bench: ${report.cores} cores, Node ${report.node}, ${report.hugo ?? "no Hugo (ratios not measured)"}; ` +
      `medians of ${report.runs} run(s) each${report.hugo ? ", ours and Hugo interleaved" : ""}`,
  );
  lines.push("");
  const widths = [10, 13, 8, 8, 9, 8, 8, 8];
  lines.push(row(["articles", "build", "wall", "CPU", "peak mem", "pages", "files", "pages/s"], widths));
  const summaries = report.sizes.map(summarise);
  for (const s of summaries) {
    const line = (label: string, b: BuildSample) =>
      row(
        [
          count.format(s.articles),
          label,
          formatSeconds(b.wallMs),
          formatSeconds(b.cpuMs),
          formatBytes(b.peakRssBytes),
          count.format(b.pages),
          count.format(b.files),
          count.format(Math.round(b.pages / (b.wallMs / 1000))),
        ],
        widths,
      );
    lines.push(line("newsdesk", s.ours));
    if (s.hugo) lines.push(line("hugo", s.hugo));
    if (s.wallRatio !== undefined) {
      lines.push(row(["", "ours/hugo", s.wallRatio.toFixed(2), s.cpuRatio!.toFixed(2)], widths));
    }
    if (s.warm) lines.push(line("warm (1 edit)", s.warm));
    if (s.warmAsFull) lines.push(`${"".padEnd(widths[0]!)}  warm rebuilds that found no usable cache and built everything: ${s.warmAsFull}`);
    if (s.warmDifferences) {
      const d = s.warmDifferences;
      lines.push(
        `${"".padEnd(widths[0]!)}  warm output vs a build from scratch: ${d.length === 0 ? "byte-identical" : `${d.length} file(s) DIFFER, e.g. ${d.slice(0, 3).join(", ")}`}`,
      );
    }
    const phases = Object.entries(s.phases).map(([name, ms]) => `${name} ${formatSeconds(ms)}`);
    if (phases.length > 0) lines.push(`${"".padEnd(widths[0]!)}  newsdesk phases (median): ${phases.join(", ")}`);
    if (s.searchMs !== undefined) lines.push(`${"".padEnd(widths[0]!)}  search index (not in the ratio): ${formatSeconds(s.searchMs)}`);
    if (s.serve) {
      lines.push(
        `${"".padEnd(widths[0]!)}  newsdesk serve: ready in ${formatSeconds(s.serve.readyMs)}; an edit reaches the open page in ${Math.round(s.serve.editToPageMs)} ms (median)`,
      );
    }
  }
  lines.push("");
  lines.push("Targets (issues 8 and 4):");
  for (const check of checkTargets(summaries)) {
    const mark = check.holds === undefined ? "  -  " : check.holds ? "  ok " : " MISS";
    lines.push(`${mark} ${check.target}: ${check.measured}`);
  }
  return lines.join("\n");
}
