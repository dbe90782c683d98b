// The peer in the benchmark: Hugo building the reference site (../shared/bench/hugo-site) on a copy of the
// same corpus. Hugo cannot read "YYYY-MM-DD HH:mm" dates (it silently dates such pages 0001-01-01), so its
// copy carries the same instants in RFC 3339.
import { execFileSync } from "node:child_process";
import { accessSync, constants, cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatCorpusArticle, type CorpusArticle } from "./corpus.ts";

/** The Hugo program on PATH, or undefined when it is not installed. */
export function findHugo(pathVariable = process.env.PATH ?? ""): string | undefined {
  for (const dir of pathVariable.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, "hugo");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** "hugo v0.111.3+extended linux/amd64 …" → "hugo v0.111.3+extended". */
export function hugoVersion(hugo: string): string {
  try {
    const line = execFileSync(hugo, ["version"], { encoding: "utf8" }).trim();
    return line.split(" ").slice(0, 2).join(" ");
  } catch {
    return "hugo (version unknown)";
  }
}

/** Copies the reference site (configuration and layouts) to `dest` and writes the corpus into content/news/. */
export function prepareHugoSite(referenceDir: string, dest: string, articles: readonly CorpusArticle[]): void {
  if (!existsSync(path.join(referenceDir, "config.toml")) && !existsSync(path.join(referenceDir, "hugo.toml"))) {
    throw new Error(`${referenceDir} is not a Hugo site (no config.toml)`);
  }
  cpSync(referenceDir, dest, { recursive: true, filter: (src) => !src.startsWith(path.join(referenceDir, "content")) && !src.startsWith(path.join(referenceDir, "public")) });
  const news = path.join(dest, "content/news");
  mkdirSync(news, { recursive: true });
  for (const a of articles) writeFileSync(path.join(news, a.fileName), formatCorpusArticle(a, a.dateRfc3339));
}

/** Arguments for one timed Hugo build into `outDir` (run from the site folder). */
export function hugoBuildArgs(outDir: string): string[] {
  // --buildFuture: the corpus is dated up to its own end date, whatever the machine's clock says, so
  // Hugo renders every article as newsdesk does (which is given SOURCE_DATE_EPOCH).
  return ["--quiet", "--buildFuture", "-d", outDir];
}
