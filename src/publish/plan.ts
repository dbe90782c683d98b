// The publish plan, a pure function of the built files and the bucket's objects: what to upload, whose
// headers to replace, what to delete, in an order that keeps the live site consistent while it runs.
// Files a page links to go up before the page, pages before the lists that link to them, the home page
// last; deletes come after every upload (see README "Publishing").
import { isContentHashed, sameHeaders, type ObjectHeaders } from "./headers.ts";
import type { LocalFile } from "./local.ts";

/** Upload phases, in order. */
export const PHASES = ["assets", "articles", "lists", "feeds", "sitemaps", "home"] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Record<Phase, string> = {
  assets: "stylesheets, scripts, images and other files",
  articles: "article pages",
  lists: "list pages",
  feeds: "feeds and data files",
  sitemaps: "sitemaps and robots.txt",
  home: "home page",
};

/** An object in the bucket, as listed, with what its metadata says when that was read. */
export interface RemoteObject {
  key: string;
  size: number;
  /** x-amz-meta-sha256, when the object has it and it was read. */
  sha256?: string;
  /** Headers, when they were read. */
  headers?: ObjectHeaders;
  /** When a publish first found the build no longer has this object (ms), if one did. */
  orphanedSince?: number;
}

/** A content-hashed object the build no longer uses, kept for now (see PlanOptions.keepHashedMs). */
export interface KeptObject extends RemoteObject {
  orphanedSince: number;
}

export interface PlanOptions {
  /** The time of this publish (ms). */
  now: number;
  /**
   * How long a content-hashed object stays after the build stopped using it: pages still cached elsewhere
   * may reference it. The object's key without the prefix decides whether it is hashed.
   */
  keepHashedMs: number;
  /** The bucket prefix, stripped from keys before judging their names. */
  prefix: string;
}

export interface Step {
  kind: "upload" | "headers";
  /** "new": not in the bucket; "changed": other bytes; "headers": same bytes, other headers. */
  reason: "new" | "changed" | "headers";
  phase: Phase;
  file: LocalFile;
  /** For header changes: what the bucket has now. */
  previous?: ObjectHeaders;
}

export interface Plan {
  /** Uploads and header changes, in the order they must happen. */
  steps: Step[];
  /** Keys to delete, after every step succeeded. */
  deletes: RemoteObject[];
  /** Outdated content-hashed objects kept until they have been unused for long enough. */
  kept: KeptObject[];
  unchanged: number;
  localFiles: number;
  localBytes: number;
  remoteObjects: number;
  remoteBytes: number;
  uploadBytes: number;
  deleteBytes: number;
}

const ARTICLE_PAGE = /^news\/\d{4}\/\d{2}\/[^/]+\/index\.html$/;
const SITEMAP = /^sitemap[^/]*\.xml(\.gz)?$/;
const DATA = /\.(xml|rss|atom|json|txt|webmanifest)(\.gz)?$/;

/** The upload phase of a file, from its path relative to the output folder. */
export function phaseOf(filePath: string): Phase {
  if (filePath === "index.html") return "home";
  const base = filePath.slice(filePath.lastIndexOf("/") + 1);
  if (filePath === "robots.txt" || SITEMAP.test(base)) return "sitemaps";
  if (ARTICLE_PAGE.test(filePath)) return "articles";
  if (/\.html?(\.gz)?$/.test(filePath)) return "lists";
  if (DATA.test(base)) return "feeds";
  return "assets";
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Compares the build with the bucket. A remote object counts as the same file only when its recorded
 * SHA-256 equals the file's (an ETag is not a content hash for multipart or encrypted uploads); same bytes
 * with other headers is a header change. Every remote key the build does not have is deleted.
 */
export function planPublish(
  local: readonly LocalFile[],
  remote: readonly RemoteObject[],
  options: PlanOptions = { now: 0, keepHashedMs: 0, prefix: "" },
): Plan {
  const remoteByKey = new Map(remote.map((object) => [object.key, object]));
  const localKeys = new Set(local.map((file) => file.key));
  const steps: Step[] = [];
  let unchanged = 0;
  for (const file of local) {
    const phase = phaseOf(file.path);
    const existing = remoteByKey.get(file.key);
    if (!existing) {
      steps.push({ kind: "upload", reason: "new", phase, file });
    } else if (existing.size !== file.size || existing.sha256 !== file.sha256) {
      steps.push({ kind: "upload", reason: "changed", phase, file });
    } else if (!existing.headers || !sameHeaders(existing.headers, file.headers)) {
      steps.push({ kind: "headers", reason: "headers", phase, file, ...(existing.headers ? { previous: existing.headers } : {}) });
    } else {
      unchanged += 1;
    }
  }
  steps.sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || byKey(a.file, b.file));
  const deletes: RemoteObject[] = [];
  const kept: KeptObject[] = [];
  for (const object of remote.filter((o) => !localKeys.has(o.key)).sort(byKey)) {
    const since = object.orphanedSince ?? options.now;
    if (isContentHashed(object.key.slice(options.prefix.length)) && options.now - since < options.keepHashedMs) {
      kept.push({ ...object, orphanedSince: since });
    } else {
      deletes.push(object);
    }
  }
  const sum = (sizes: number[]) => sizes.reduce((total, size) => total + size, 0);
  return {
    steps,
    deletes,
    kept,
    unchanged,
    localFiles: local.length,
    localBytes: sum(local.map((f) => f.size)),
    remoteObjects: remote.length,
    remoteBytes: sum(remote.map((o) => o.size)),
    uploadBytes: sum(steps.filter((s) => s.kind === "upload").map((s) => s.file.size)),
    deleteBytes: sum(deletes.map((o) => o.size)),
  };
}

/** True when carrying out the plan would change nothing. */
export function isEmptyPlan(plan: Plan): boolean {
  return plan.steps.length === 0 && plan.deletes.length === 0;
}

/** "1.2 MB": bytes in decimal units, as object stores bill them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
