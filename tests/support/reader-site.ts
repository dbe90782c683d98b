// The site reader-facing tests look at: the bundled sample site (content/: articles, views) plus the seed
// article, with a page size of 6 so that lists have a pager; built once per test file and served on
// loopback like a CDN would.
import { cpSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { buildSite } from "../../src/site/index.ts";
import { PROJECT_DIR, SITE_YAML, makeSite, readSeed } from "./fixtures.ts";
import { serveFolder, type StaticServer } from "./static-server.ts";

export const SEED_PATH = "/news/2020/02/changan-health-bureau/";

/** One page of each type readers meet, by the name tests report. */
export const READER_PAGES = {
  home: "/",
  news: "/news/",
  "news page 2": "/news/page/2/",
  district: "/districts/changan/",
  districts: "/districts/",
  tag: "/tags/yi-qing-fang-kong/",
  tags: "/tags/",
  search: "/search/",
  article: SEED_PATH,
} as const;

export interface ReaderSite {
  root: string;
  server: StaticServer;
}

/** Builds the reader site; `sample` builds the sample site exactly as content/ holds it instead. */
export async function buildReaderSite(options: { sample?: boolean } = {}): Promise<ReaderSite> {
  const siteYaml = options.sample ? SITE_YAML : SITE_YAML.replace(/^pageSize: \d+$/m, "pageSize: 6");
  if (!options.sample) expect(siteYaml).toContain("pageSize: 6");
  const root = makeSite(options.sample ? {} : { "2020-02-27-changan-health-bureau.md": readSeed() }, siteYaml);
  cpSync(path.join(PROJECT_DIR, "content/news"), path.join(root, "content/news"), { recursive: true });
  cpSync(path.join(PROJECT_DIR, "content/_data"), path.join(root, "content/_data"), { recursive: true });
  const result = await buildSite({ root, now: new Date("2027-01-01T00:00:00Z") });
  expect(result.problems).toEqual([]);
  return { root, server: await serveFolder(path.join(root, "_site")) };
}

/** Where tests save screenshots and other artifacts for people to look at (gitignored). */
export const ARTIFACTS_DIR = path.join(PROJECT_DIR, "test-artifacts");
