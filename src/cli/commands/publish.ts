// `newsdesk publish s3://bucket/prefix`: uploads the already built output folder to S3-protocol storage.
// Plans first (by content hash), prints the plan, refuses unsafe plans, then uploads in consistency order
// and deletes last. A re-run after any failure converges; a re-run without changes uploads nothing.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { loadSiteConfig } from "../../content/index.ts";
import {
  PHASE_LABELS,
  changedUrls,
  checkGuards,
  createS3Client,
  createS3Store,
  describeObjects,
  executePlan,
  formatBytes,
  isEmptyPlan,
  listObjects,
  parseS3Url,
  parseState,
  planPublish,
  readStateObject,
  recallObjects,
  recordState,
  scanOutput,
  stateKey,
  writeStateObject,
  type ExecuteResult,
  type ListedObject,
  type ObjectHeaders,
  type Plan,
  type PublishState,
  type ProgressEvent,
  type RemoteObject,
  type S3Target,
  type Step,
} from "../../publish/index.ts";
import type { S3Client } from "@aws-sdk/client-s3";
import { reportProblems, type Command, type Io } from "../io.ts";

/** Plan lines shown per kind before "… and N more" (all with --verbose). */
const PLAN_LINES = 20;
/** Seconds between progress lines on long runs. */
const PROGRESS_INTERVAL_MS = 2000;

class UsageError extends Error {}

function readCount(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== "string" || !/^\d+$/.test(raw) || !Number.isSafeInteger(value)) {
    throw new UsageError(`--${name} expects a whole number, received "${String(raw)}"`);
  }
  return value;
}

function readRatio(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== "string" || raw.trim() === "" || !(value >= 0 && value <= 1)) {
    throw new UsageError(`--${name} expects a number from 0 to 1, received "${String(raw)}"`);
  }
  return value;
}

function describeStep(step: Step): string {
  if (step.kind === "upload") return `  upload   ${step.file.path}  (${step.reason}, ${formatBytes(step.file.size)})`;
  const changes: string[] = [];
  const before = step.previous;
  const after = step.file.headers;
  if (!before) changes.push("headers unknown");
  else {
    if (before.contentType !== after.contentType) changes.push(`Content-Type ${before.contentType || "(none)"} → ${after.contentType}`);
    if (before.cacheControl !== after.cacheControl) changes.push(`Cache-Control ${before.cacheControl || "(none)"} → ${after.cacheControl}`);
    if ((before.contentEncoding ?? "") !== (after.contentEncoding ?? "")) {
      changes.push(`Content-Encoding ${before.contentEncoding ?? "(none)"} → ${after.contentEncoding ?? "(none)"}`);
    }
  }
  return `  headers  ${step.file.path}  (${changes.join("; ")})`;
}

function printPlan(plan: Plan, prefix: string, verbose: boolean, io: Io): void {
  const uploads = plan.steps.filter((s) => s.kind === "upload");
  const fresh = uploads.filter((s) => s.reason === "new").length;
  const headers = plan.steps.filter((s) => s.kind === "headers");
  io.out(
    `Plan: ${uploads.length} upload(s) (${fresh} new, ${uploads.length - fresh} changed; ${formatBytes(plan.uploadBytes)}), ` +
      `${headers.length} header change(s), ${plan.deletes.length} delete(s) (${formatBytes(plan.deleteBytes)}), ${plan.unchanged} unchanged.`,
  );
  const show = (lines: string[]) => {
    const shown = verbose ? lines : lines.slice(0, PLAN_LINES);
    for (const line of shown) io.out(line);
    if (shown.length < lines.length) io.out(`  … and ${lines.length - shown.length} more (--verbose lists all)`);
  };
  show(uploads.map(describeStep));
  show(headers.map(describeStep));
  show(plan.deletes.map((object) => `  delete   ${object.key.slice(prefix.length)}  (${formatBytes(object.size)})`));
  if (plan.kept.length > 0) {
    io.out(`Keeping ${plan.kept.length} content-hashed file(s) the build no longer uses, for pages still cached elsewhere (publish.keepHashedMinutes):`);
    show(plan.kept.map((object) => `  keep     ${object.key.slice(prefix.length)}  (unused since ${new Date(object.orphanedSince).toISOString()})`));
  }
}

function progressPrinter(io: Io): (event: ProgressEvent) => void {
  let last = Date.now();
  return (event) => {
    if (event.type === "phase") {
      io.out(`Uploading ${PHASE_LABELS[event.phase]}: ${event.steps} object(s), ${formatBytes(event.bytes)}…`);
      last = Date.now();
    } else if (event.type === "deletes") {
      io.out(`Deleting ${event.count} object(s) the build no longer has…`);
      last = Date.now();
    } else if (Date.now() - last >= PROGRESS_INTERVAL_MS) {
      last = Date.now();
      if (event.type === "step") {
        io.out(`  ${event.done}/${event.total} done, ${formatBytes(event.bytesDone)} of ${formatBytes(event.bytesTotal)}`);
      } else {
        io.out(`  ${event.done}/${event.total} deleted`);
      }
    }
  };
}

/** A short reason for an SDK error, with what to do about the common ones. */
function describeError(error: unknown): string {
  const err = error as Error & { $metadata?: { httpStatusCode?: number }; Code?: string };
  const status = err.$metadata?.httpStatusCode;
  if (err.name === "CredentialsProviderError") {
    return `no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)`;
  }
  if (err.name === "NoSuchBucket") return "the bucket does not exist";
  if (err.name === "AccessDenied" || status === 403) return `access denied (${err.name}): check the credentials and the bucket policy`;
  return `${err.name && err.name !== "Error" ? `${err.name}: ` : ""}${err.message || "request failed"}${status ? ` (HTTP ${status})` : ""}`;
}

/**
 * Records what the bucket holds (see src/publish/state.ts) so that the next publish need not read every
 * object's headers. Before any change (`result` undefined, `planned` given) the state stops vouching for
 * every object the plan touches, so that a publish killed halfway leaves no stale record behind.
 */
async function saveState(
  client: S3Client,
  target: S3Target,
  listed: readonly ListedObject[],
  described: readonly RemoteObject[],
  plan: Plan,
  change: { result: ExecuteResult } | { planned: Plan } | undefined,
): Promise<void> {
  const known = new Map<string, { sha256: string; size: number; headers: ObjectHeaders; written: boolean }>();
  for (const object of described) {
    if (object.sha256 && object.headers) known.set(object.key, { sha256: object.sha256, size: object.size, headers: object.headers, written: false });
  }
  if (change && "planned" in change) {
    for (const step of change.planned.steps) known.delete(step.file.key);
    for (const object of change.planned.deletes) known.delete(object.key);
  }
  if (change && "result" in change) {
    for (const step of change.result.done) {
      known.set(step.file.key, { sha256: step.file.sha256, size: step.file.size, headers: step.file.headers, written: true });
    }
    for (const key of change.result.deleted) known.delete(key);
  }
  const after = change && "result" in change ? await listObjects(client, target) : listed;
  const orphans = Object.fromEntries(plan.kept.map((object) => [object.key, object.orphanedSince]));
  await writeStateObject(client, target, recordState(after, new Map(listed.map((o) => [o.key, o])), known, orphans));
}

function warnStateNotSaved(error: unknown, io: Io): void {
  io.err(`Warning: could not save the publish state (${describeError(error)}); the next publish reads every object's headers instead.`);
}

export const publishCommand: Command = {
  summary: "upload the built site (_site/) to S3-protocol object storage: s3://bucket/prefix",
  usage: `  s3://BUCKET[/PREFIX]   where to publish (required)
  --dir DIR              the built folder to publish (default _site; publish never builds)
  --endpoint URL         S3-protocol endpoint (MinIO, OSS, COS, a test server); uses path-style URLs
  --region R             region (default AWS_REGION; us-east-1 with --endpoint)
  --dry-run              print the plan and change nothing
  --changed-urls FILE    write the absolute URLs of every changed object, one a line (for CDN purges)
  --max-deletes N        allow at most N deletes (site.yaml publish.maxDeletes, default 200)
  --max-shrink-files N   allow the build to have at most N files fewer than the bucket (default 200)
  --max-shrink-ratio R   ...and at most this fraction fewer, 0 to 1 (default 0.25)
  --concurrency N        requests at once (default 8)
  --verify-all           read every object's hash and headers from the bucket, ignoring the publish state
  --verbose              list every planned object, not only the first ${PLAN_LINES} of each kind`,
  options: {
    dir: { type: "string" },
    endpoint: { type: "string" },
    region: { type: "string" },
    "dry-run": { type: "boolean" },
    "changed-urls": { type: "string" },
    "max-deletes": { type: "string" },
    "max-shrink-files": { type: "string" },
    "max-shrink-ratio": { type: "string" },
    concurrency: { type: "string" },
    verbose: { type: "boolean" },
    "verify-all": { type: "boolean" },
  },
  async run({ values, positionals, common, io }) {
    let target;
    let limits;
    let concurrencyFlag;
    try {
      if (positionals.length !== 1) throw new UsageError("expected one target: newsdesk publish s3://bucket/prefix");
      target = parseS3Url(positionals[0]!);
      limits = {
        maxDeletes: readCount(values, "max-deletes"),
        maxShrinkFiles: readCount(values, "max-shrink-files"),
        maxShrinkRatio: readRatio(values, "max-shrink-ratio"),
      };
      concurrencyFlag = readCount(values, "concurrency");
      if (concurrencyFlag === 0) throw new UsageError("--concurrency must be at least 1");
    } catch (error) {
      io.err(`newsdesk publish: ${(error as Error).message}`);
      return 2;
    }

    const site = await loadSiteConfig(path.resolve(common.root));
    reportProblems(site.problems, io);
    if (!site.config) {
      io.err("Publish stopped: content/site.yaml has errors; nothing was changed.");
      return 1;
    }
    const settings = site.config.publish;
    const guardLimits = {
      maxDeletes: limits.maxDeletes ?? settings.maxDeletes,
      maxShrinkFiles: limits.maxShrinkFiles ?? settings.maxShrinkFiles,
      maxShrinkRatio: limits.maxShrinkRatio ?? settings.maxShrinkRatio,
    };
    const concurrency = concurrencyFlag ?? settings.concurrency;
    const dir = path.resolve(common.root, typeof values.dir === "string" ? values.dir : "_site");
    const where = `s3://${target.bucket}/${target.prefix}`;
    const endpoint = typeof values.endpoint === "string" ? values.endpoint : undefined;
    const region = typeof values.region === "string" ? values.region : undefined;

    const local = await scanOutput(dir, target.prefix, settings.cacheControl);
    if (local.some((file) => file.key === stateKey(target))) {
      io.err(`Publish stopped: the build contains ${stateKey(target).slice(target.prefix.length)}, which newsdesk publish keeps for itself. Nothing was changed.`);
      return 1;
    }
    const shownDir = path.relative(process.cwd(), dir);
    io.out(`Publishing ${shownDir.startsWith("..") || path.isAbsolute(shownDir) ? dir : shownDir || "."} (${local.length} files) to ${where}${endpoint ? ` at ${endpoint}` : ""}`);

    // The SDK warns about Node 20 on every run; this project supports Node 20 with the pinned SDK.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const client = createS3Client({ ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}) });
    let plan: Plan;
    let listed: ListedObject[];
    let described: RemoteObject[];
    let heads: number;
    let state: PublishState | undefined;
    try {
      listed = await listObjects(client, target);
      const stored = await readStateObject(client, target);
      state = parseState(stored?.bytes);
      // --verify-all trusts no recorded hash or header, but still knows since when old assets are unused.
      const trusted = state && values["verify-all"] === true ? { ...state, objects: {} } : state;
      const recalled = recallObjects(listed, trusted, stored?.modified ?? 0);
      ({ objects: described, heads } = await describeObjects(client, target, recalled, local, concurrency));
      plan = planPublish(local, described, { now: Date.now(), keepHashedMs: settings.keepHashedMinutes * 60_000, prefix: target.prefix });
    } catch (error) {
      io.err(`Publish stopped: could not read ${where}: ${describeError(error)}. Nothing was changed.`);
      if (common.debug) io.err((error as Error).stack ?? "");
      return 1;
    }

    const refusals = checkGuards(plan, guardLimits);
    if (isEmptyPlan(plan) && refusals.length === 0) {
      if (typeof values["changed-urls"] === "string") await writeFile(path.resolve(values["changed-urls"]), "");
      // Headers were read one by one (no or an outdated state): remember them for next time.
      const newlyKept = plan.kept.some((object) => state?.orphans[object.key] === undefined);
      if ((heads > 0 || newlyKept) && values["dry-run"] !== true) {
        await saveState(client, target, listed, described, plan, undefined).catch((e) => warnStateNotSaved(e, io));
      }
      io.out(`Nothing to publish: all ${plan.unchanged} objects in ${where} are up to date (0 uploads).`);
      if (plan.kept.length > 0) io.out(`Keeping ${plan.kept.length} content-hashed file(s) the build no longer uses until publish.keepHashedMinutes has passed.`);
      return 0;
    }
    printPlan(plan, target.prefix, values.verbose === true, io);
    if (refusals.length > 0) {
      for (const reason of refusals) io.err(`Publish refused: ${reason}.`);
      io.err("Nothing was changed.");
      return 1;
    }
    if (values["dry-run"] === true) {
      io.out("Dry run: nothing was changed.");
      return 0;
    }

    try {
      await saveState(client, target, listed, described, plan, { planned: plan });
    } catch (error) {
      io.err(`Publish stopped: could not write the publish state ${stateKey(target)}: ${describeError(error)}. Nothing was changed.`);
      return 1;
    }
    const result = await executePlan(plan, createS3Store(client, target), { dir, concurrency, onProgress: progressPrinter(io) });
    await saveState(client, target, listed, described, plan, { result }).catch((e) => warnStateNotSaved(e, io));
    const changedPaths = [...result.done.map((s) => s.file.path), ...result.deleted.map((key) => key.slice(target.prefix.length))];
    if (typeof values["changed-urls"] === "string") {
      const urls = changedUrls(site.config.baseUrl, changedPaths);
      await writeFile(path.resolve(values["changed-urls"]), urls.map((u) => `${u}\n`).join(""));
      io.out(`Wrote ${urls.length} changed URL(s) to ${values["changed-urls"]}.`);
    }
    if (!result.ok) {
      for (const failure of result.failures) io.err(`  failed: ${failure.key.slice(target.prefix.length)}: ${describeError(failure.error)}`);
      io.err(
        `Publish failed: ${result.done.length} of ${plan.steps.length} change(s) made, ${result.deleted.length} of ${plan.deletes.length} delete(s)` +
          `${result.deleted.length === 0 && plan.deletes.length > 0 ? " (deletes wait until every upload succeeded)" : ""}. ` +
          "Run the same command again to finish.",
      );
      return 1;
    }
    const uploads = result.done.filter((s) => s.kind === "upload").length;
    io.out(
      `Published to ${where}: ${uploads} upload(s) (${formatBytes(plan.uploadBytes)}), ${result.done.length - uploads} header change(s), ` +
        `${result.deleted.length} delete(s); ${plan.localFiles} objects, ${formatBytes(plan.localBytes)} in all.`,
    );
    return 0;
  },
};
