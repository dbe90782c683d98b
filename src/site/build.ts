// Builds a site: load and validate everything first, render with Eleventy into a staging folder, then
// swap it in place of the output folder only when the whole build succeeded.
import { rm } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { hasErrors, loadSite, referenceTime, type Problem } from "../content/index.ts";
import { CONFIG_PATH, TEMPLATES_DIR, createSiteModel } from "./model.ts";
import { recoverOutput, stagingFolder, swapInto, withOutputLock } from "./output-folder.ts";
import { prepareBuild } from "./plugin.ts";

export interface BuildOptions {
  /** The site root: the folder holding content/. */
  root: string;
  /** Output folder, relative to root; default _site. */
  outDir?: string;
  /** Include drafts (preview). */
  drafts?: boolean;
  /** Reference time for scheduling; default SOURCE_DATE_EPOCH or now. */
  now?: Date;
  /** Build the search index of the written site (default true); `newsdesk build --no-search` skips it. */
  search?: boolean;
}

/** Milliseconds spent in each phase of a build, in order; `newsdesk build --timings FILE` writes them. */
export type BuildTimings = Record<string, number>;

export interface BuildResult {
  ok: boolean;
  problems: Problem[];
  outDir: string;
  articles: number;
  timings: BuildTimings;
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const root = path.resolve(options.root);
  const outDir = path.resolve(root, options.outDir ?? "_site");
  const timings: BuildTimings = {};
  let phaseStart = performance.now();
  const endPhase = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - phaseStart);
    phaseStart = now;
  };
  return withOutputLock(outDir, async () => {
    // First, whatever happened to the last build, the last complete site is back in place.
    await recoverOutput(outDir);
    const loaded = await loadSite(root, { drafts: options.drafts ?? false, now: options.now ?? referenceTime() });
    endPhase("load");
    if (!loaded.content || hasErrors(loaded.problems)) {
      return { ok: false, problems: loaded.problems, outDir, articles: 0, timings };
    }
    const staging = stagingFolder(outDir);
    try {
      prepareBuild(createSiteModel(loaded.content));
      const eleventy = new Eleventy(TEMPLATES_DIR, staging, { quietMode: true, configPath: CONFIG_PATH, loader: "esm" });
      // Problems are reported by the CLI; Eleventy's own summary line would interleave with them.
      eleventy.disableLogger();
      await eleventy.write();
      endPhase("render");
      // The search index (issue 6) is built here, on the staging folder, when options.search !== false.
      await swapInto(staging, outDir);
      endPhase("swap");
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    return { ok: true, problems: loaded.problems, outDir, articles: loaded.content.articles.length, timings };
  });
}
