// Carries out a plan against an object store: phase by phase (a phase starts only when the previous one
// finished without error), a limited number of requests at a time, and deletes only when every upload
// and header change succeeded. A failure stops the publish before the next phase; what did change is
// reported so the caller can purge it, and a re-run plans only what is still missing.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { LocalFile } from "./local.ts";
import { sha256Hex } from "./local.ts";
import { PHASES, type Phase, type Plan, type RemoteObject, type Step } from "./plan.ts";

/** What the publisher needs from an object store; s3.ts implements it with the AWS SDK. */
export interface ObjectStore {
  /** Writes the bytes with the file's headers and its SHA-256 as metadata. */
  put(file: LocalFile, body: Uint8Array): Promise<void>;
  /** Replaces the headers of an object whose bytes are already right (a copy onto itself). */
  replaceHeaders(file: LocalFile): Promise<void>;
  delete(key: string): Promise<void>;
}

export type ProgressEvent =
  | { type: "phase"; phase: Phase; steps: number; bytes: number }
  | { type: "step"; done: number; total: number; bytesDone: number; bytesTotal: number }
  | { type: "deletes"; count: number }
  | { type: "deleted"; done: number; total: number };

export interface ExecuteOptions {
  /** The output folder the plan's files are read from. */
  dir: string;
  concurrency: number;
  onProgress?: (event: ProgressEvent) => void;
}

export interface StepFailure {
  key: string;
  error: Error;
}

export interface ExecuteResult {
  /** Steps that completed, in completion order. */
  done: Step[];
  failures: StepFailure[];
  /** Keys deleted. */
  deleted: string[];
  /** True when every step and every delete succeeded. */
  ok: boolean;
}

/** Runs `task` over `items` with at most `limit` at once; after a failure no new item starts. */
async function runLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>, failures: StepFailure[], keyOf: (item: T) => string): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && failures.length === 0) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failures.push({ key: keyOf(item), error: error instanceof Error ? error : new Error(String(error)) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function readChecked(dir: string, file: LocalFile): Promise<Uint8Array> {
  const bytes = await readFile(path.join(dir, file.source));
  // The folder must not change between planning and uploading: the stored hash would lie.
  if (sha256Hex(bytes) !== file.sha256) {
    throw new Error(`${file.path} changed while publishing; build again, then publish`);
  }
  return bytes;
}

export async function executePlan(plan: Plan, store: ObjectStore, options: ExecuteOptions): Promise<ExecuteResult> {
  const done: Step[] = [];
  const failures: StepFailure[] = [];
  const total = plan.steps.length;
  const bytesTotal = plan.uploadBytes;
  let bytesDone = 0;
  for (const phase of PHASES) {
    const steps = plan.steps.filter((step) => step.phase === phase);
    if (steps.length === 0) continue;
    options.onProgress?.({
      type: "phase",
      phase,
      steps: steps.length,
      bytes: steps.filter((s) => s.kind === "upload").reduce((sum, s) => sum + s.file.size, 0),
    });
    await runLimited(
      steps,
      options.concurrency,
      async (step) => {
        if (step.kind === "upload") await store.put(step.file, await readChecked(options.dir, step.file));
        else await store.replaceHeaders(step.file);
        done.push(step);
        if (step.kind === "upload") bytesDone += step.file.size;
        options.onProgress?.({ type: "step", done: done.length, total, bytesDone, bytesTotal });
      },
      failures,
      (step) => step.file.key,
    );
    if (failures.length > 0) return { done, failures, deleted: [], ok: false };
  }
  const deleted: string[] = [];
  if (plan.deletes.length > 0) {
    options.onProgress?.({ type: "deletes", count: plan.deletes.length });
    await runLimited(
      plan.deletes,
      options.concurrency,
      async (object: RemoteObject) => {
        await store.delete(object.key);
        deleted.push(object.key);
        options.onProgress?.({ type: "deleted", done: deleted.length, total: plan.deletes.length });
      },
      failures,
      (object) => object.key,
    );
  }
  return { done, failures, deleted: deleted.sort(), ok: failures.length === 0 };
}
