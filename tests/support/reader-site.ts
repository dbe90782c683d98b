// The site reader-facing tests look at: the bundled sample articles plus the seed article, built once per
// test file and served on loopback like a CDN would.
import { cpSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { buildSite } from "../../src/site/index.ts";
import { PROJECT_DIR, makeSite, readSeed } from "./fixtures.ts";
import { serveFolder, type StaticServer } from "./static-server.ts";

export const SEED_PATH = "/news/2020/02/changan-health-bureau/";

/** One page of each type readers meet, by the name tests report. */
export const READER_PAGES: Record<string, string> = {
  article: SEED_PATH,
};

export interface ReaderSite {
  root: string;
  server: StaticServer;
}

export async function buildReaderSite(): Promise<ReaderSite> {
  const root = makeSite({ "2020-02-27-changan-health-bureau.md": readSeed() });
  cpSync(path.join(PROJECT_DIR, "content/news"), path.join(root, "content/news"), { recursive: true });
  const result = await buildSite({ root, now: new Date("2027-01-01T00:00:00Z") });
  expect(result.problems).toEqual([]);
  return { root, server: await serveFolder(path.join(root, "_site")) };
}

/** Where tests save screenshots and other artifacts for people to look at (gitignored). */
export const ARTIFACTS_DIR = path.join(PROJECT_DIR, "test-artifacts");
