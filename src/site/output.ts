// Writing a build's files. A full build writes every file into a fresh staging folder (swapped in by
// build.ts). A warm build changes the existing output folder in place, but only after everything is
// rendered: changed files are first written to a staging folder, then a journal listing the moves and
// deletions is written, then applied. A build that fails before the journal leaves the folder untouched;
// one killed while applying it is completed by the next build (`recoverJournal`), since every new file
// is already on disk. Each written file's size, modification time and inode are kept in the manifest,
// so the next warm build can tell whether a file is still exactly what it wrote.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  rmdirSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { availableParallelism } from "node:os";
import { deserialize, serialize } from "node:v8";
import type { Worker } from "node:worker_threads";
import { startModuleWorker } from "../runtime.ts";

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

/** What the output folder held after the last build: every file's stamp, and the key of each page. */
export interface OutputManifest {
  format: number;
  /** Code and configuration version the files were made with; another salt means a full build. */
  salt: string;
  outDir: string;
  files: Map<string, FileStamp>;
  /** Page path → fingerprint of everything the page was rendered from (see page-keys.ts). */
  pageKeys: Map<string, string>;
}

const MANIFEST_FORMAT = 1;
const JOURNAL = ".journal";

export type OutputFiles = Map<string, string | Uint8Array>;

export function readManifest(file: string, salt: string, outDir: string): OutputManifest | undefined {
  try {
    const manifest = deserialize(readFileSync(file)) as OutputManifest;
    if (manifest.format !== MANIFEST_FORMAT || manifest.salt !== salt || manifest.outDir !== outDir) return undefined;
    return manifest;
  } catch {
    return undefined;
  }
}

export function writeManifest(file: string, manifest: OutputManifest): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temp, serialize(manifest));
  renameSync(temp, file);
}

/** Creates each folder once (parents first), remembering what exists. */
class Folders {
  private readonly made = new Set<string>();
  constructor(root: string) {
    this.made.add(root);
  }
  ensure(dir: string): void {
    if (this.made.has(dir)) return;
    this.ensure(path.dirname(dir));
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    this.made.add(dir);
  }
}

/** Writes one file and returns its stamp (taken from the open file: no second lookup). */
function writeStamped(file: string, content: string | Uint8Array): FileStamp {
  const fd = openSync(file, "w");
  try {
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    const stat = fstatSync(fd);
    return { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
  } finally {
    closeSync(fd);
  }
}

/** Full build: writes every file under `dir` (a fresh folder). Paths are relative, with forward slashes. */
export function writeFolder(dir: string, files: OutputFiles): Map<string, FileStamp> {
  mkdirSync(dir, { recursive: true });
  return new Map(writeEntries(dir, files));
}

/** Writes entries under an existing `dir`, creating folders as needed (another thread may create them too). */
export function writeEntries(dir: string, entries: Iterable<[string, string | Uint8Array]>): [string, FileStamp][] {
  const folders = new Folders(dir);
  const stamps: [string, FileStamp][] = [];
  for (const [rel, content] of entries) {
    const file = path.join(dir, rel);
    folders.ensure(path.dirname(file));
    stamps.push([rel, writeStamped(file, content)]);
  }
  return stamps;
}

/** Below this many files, writing on one thread is quicker than starting others. */
export const PARALLEL_WRITE_FROM = 2000;
const WRITE_CHUNK = 400;

/**
 * writeFolder on several threads: encoding pages to UTF-8 and the file system calls take as long as
 * rendering them, and worker threads and this one share chunks of files from one queue.
 */
export async function writeFolderInParallel(
  dir: string,
  files: OutputFiles,
  options: { threads?: number; callerWrites?: boolean; stats?: { byWorkers: number } } = {},
): Promise<Map<string, FileStamp>> {
  const threads = options.threads ?? availableParallelism();
  const stats = options.stats ?? { byWorkers: 0 };
  if (files.size < PARALLEL_WRITE_FROM || threads <= 1) return writeFolder(dir, files);
  mkdirSync(dir, { recursive: true });
  const entries = [...files];
  const stamps: [string, FileStamp][][] = [];
  let next = 0;
  const take = (): [number, [string, string | Uint8Array][]] | undefined => {
    if (next >= entries.length) return undefined;
    const start = next;
    next = Math.min(entries.length, start + WRITE_CHUNK);
    return [start / WRITE_CHUNK, entries.slice(start, next)];
  };
  const workers: Worker[] = [];
  const finished: Promise<void>[] = [];
  for (let i = 0; i < Math.min(threads - 1, 4); i++) {
    let worker: Worker;
    try {
      worker = startModuleWorker("write-worker", new URL("./write-worker.ts", import.meta.url));
    } catch {
      break;
    }
    workers.push(worker);
    finished.push(
      new Promise((resolve, reject) => {
        let current: [number, [string, string | Uint8Array][]] | undefined;
        worker.on("message", (message: { ready?: true; stamps?: [string, FileStamp][]; error?: string }) => {
          if (message.error !== undefined) return reject(new Error(message.error));
          if (message.stamps && current) {
            stamps[current[0]] = message.stamps;
            stats.byWorkers += message.stamps.length;
          }
          current = take();
          if (current) worker.postMessage({ dir, entries: current[1] });
          else resolve();
        });
        // A worker that cannot start or dies leaves its chunk to this thread.
        worker.on("error", () => {
          if (current) stamps[current[0]] = writeEntries(dir, current[1]);
          current = undefined;
          resolve();
        });
      }),
    );
  }
  try {
    for (let chunk = options.callerWrites === false && workers.length > 0 ? undefined : take(); chunk; chunk = take()) {
      stamps[chunk[0]] = writeEntries(dir, chunk[1]);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(finished);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return new Map(stamps.flat());
}

/**
 * Writes files on a worker thread as they are handed over, while the caller goes on rendering: writing
 * overlaps rendering instead of following it. `finish` says which files were written with which contents;
 * the caller writes whatever else remains. Without a worker nothing is written here at all.
 */
export class StreamingWriter {
  private readonly pending: [string, string | Uint8Array][] = [];
  private readonly contents = new Map<string, string | Uint8Array>();
  private readonly stamps = new Map<string, FileStamp>();
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, [string, string | Uint8Array][]>();
  private readonly workers: Worker[] = [];
  private drained: (() => void) | undefined;

  constructor(
    private readonly dir: string,
    threads: number,
  ) {
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < threads; i++) {
      let worker: Worker;
      try {
        worker = startModuleWorker("write-worker", new URL("./write-worker.ts", import.meta.url));
      } catch {
        break;
      }
      this.workers.push(worker);
      worker.on("message", (message: { ready?: true; stamps?: [string, FileStamp][] }) => {
        const batch = this.busy.get(worker);
        this.busy.delete(worker);
        if (batch && message.stamps) for (const [rel, stamp] of message.stamps) this.stamps.set(rel, stamp);
        this.idle.push(worker);
        this.dispatch();
      });
      // A failed batch is simply not stamped: the caller writes it afterwards.
      worker.on("error", () => {
        this.workers.splice(this.workers.indexOf(worker), 1);
        const idleAt = this.idle.indexOf(worker);
        if (idleAt >= 0) this.idle.splice(idleAt, 1);
        this.busy.delete(worker);
        this.dispatch();
      });
    }
  }

  /** Hands over one file; false when no worker is there to write it. */
  write(rel: string, content: string | Uint8Array): boolean {
    if (this.workers.length === 0) return false;
    this.contents.set(rel, content);
    this.pending.push([rel, content]);
    if (this.pending.length >= 100) this.dispatch();
    return true;
  }

  private dispatch(final = false): void {
    while (this.idle.length > 0 && this.pending.length > 0 && (final || this.pending.length >= 100 || this.drained)) {
      const worker = this.idle.pop()!;
      const batch = this.pending.splice(0, 100);
      this.busy.set(worker, batch);
      worker.postMessage({ dir: this.dir, entries: batch });
    }
    if (this.drained && this.busy.size === 0 && (this.pending.length === 0 || this.workers.length === 0)) this.drained();
  }

  /** Waits for every handed-over file; returns those written, each with the contents it was written with. */
  async finish(): Promise<Map<string, { stamp: FileStamp; content: string | Uint8Array }>> {
    await new Promise<void>((resolve) => {
      this.drained = resolve;
      this.dispatch(true);
    });
    await this.stop();
    const written = new Map<string, { stamp: FileStamp; content: string | Uint8Array }>();
    for (const [rel, stamp] of this.stamps) written.set(rel, { stamp, content: this.contents.get(rel)! });
    return written;
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }
}

/** The files of `previous` still exactly as the last build left them (same size, time and inode). */
export function findIntactFiles(outDir: string, previous: ReadonlyMap<string, FileStamp>): Set<string> {
  const intact = new Set<string>();
  for (const [rel, stamp] of previous) {
    try {
      const stat = lstatSync(path.join(outDir, rel));
      if (stat.isFile() && stat.size === stamp.size && stat.mtimeMs === stamp.mtimeMs && stat.ino === stamp.ino) intact.add(rel);
    } catch {
      // Deleted since: it will be written again.
    }
  }
  return intact;
}

interface Journal {
  staging: string;
  moves: string[];
  deletes: string[];
}

export interface UpdateResult {
  stamps: Map<string, FileStamp>;
  written: number;
  deleted: number;
}

/**
 * Warm build: brings `outDir` to exactly `rendered` plus `kept` (files left as they are). Rendered files
 * equal to what is on disk are not rewritten; files of the last build that are in neither are deleted.
 * `intact` are the files whose stamps matched (findIntactFiles); only those are trusted as they are.
 */
export function updateFolder(
  outDir: string,
  rendered: OutputFiles,
  kept: ReadonlySet<string>,
  previous: ReadonlyMap<string, FileStamp>,
  intact: ReadonlySet<string>,
  staging: string,
): UpdateResult {
  const stamps = new Map<string, FileStamp>();
  const changed: [string, string | Uint8Array][] = [];
  for (const [rel, content] of rendered) {
    const stamp = previous.get(rel);
    if (stamp && intact.has(rel) && sameContent(path.join(outDir, rel), stamp.size, content)) stamps.set(rel, stamp);
    else changed.push([rel, content]);
  }
  for (const rel of kept) {
    const stamp = previous.get(rel);
    if (!stamp || !intact.has(rel)) throw new Error(`internal error: ${rel} was kept from the last build but is not as it left it`);
    stamps.set(rel, stamp);
  }
  const deletes = [...previous.keys()].filter((rel) => !rendered.has(rel) && !kept.has(rel));
  if (changed.length === 0 && deletes.length === 0) return { stamps, written: 0, deleted: 0 };

  // 1. New contents into the staging folder: the output folder is not touched yet.
  const stagedStamps = writeFolder(staging, new Map(changed));
  // 2. The journal makes the change complete-able from here on, whatever happens to this process.
  const journal: Journal = { staging, moves: changed.map(([rel]) => rel), deletes };
  const journalFile = `${outDir}${JOURNAL}`;
  const temp = `${journalFile}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temp, JSON.stringify(journal));
  renameSync(temp, journalFile);
  // 3. Apply it.
  applyJournal(outDir, journal);
  rmSync(journalFile, { force: true });
  // A rename keeps the inode and modification time, so the staged stamps describe the moved files.
  for (const [rel, stamp] of stagedStamps) stamps.set(rel, stamp);
  return { stamps, written: changed.length, deleted: deletes.length };
}

function sameContent(file: string, size: number, content: string | Uint8Array): boolean {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
  if (bytes.length !== size) return false;
  try {
    return readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}

function applyJournal(outDir: string, journal: Journal): void {
  const folders = new Folders(outDir);
  for (const rel of journal.moves) {
    const from = path.join(journal.staging, rel);
    if (!existsSync(from)) continue; // already moved by an interrupted run
    const to = path.join(outDir, rel);
    folders.ensure(path.dirname(to));
    renameSync(from, to);
  }
  const emptied = new Set<string>();
  for (const rel of journal.deletes) {
    try {
      unlinkSync(path.join(outDir, rel));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    emptied.add(path.dirname(rel));
  }
  // Remove folders left empty, deepest first, never the output folder itself.
  const dirs = [...emptied].flatMap(ancestors).filter((d, i, all) => all.indexOf(d) === i);
  dirs.sort((a, b) => b.split("/").length - a.split("/").length);
  for (const dir of dirs) {
    try {
      rmdirSync(path.join(outDir, dir));
    } catch {
      // Not empty: still holds other pages.
    }
  }
  rmSync(journal.staging, { recursive: true, force: true });
}

function ancestors(rel: string): string[] {
  const out: string[] = [];
  for (let dir = rel; dir !== "." && dir !== "" && dir !== "/"; dir = path.posix.dirname(dir)) out.push(dir);
  return out;
}

/** Completes a warm update that was interrupted after its journal was written. True when one was found. */
export function recoverJournal(outDir: string): boolean {
  const journalFile = `${outDir}${JOURNAL}`;
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(journalFile, "utf8")) as Journal;
  } catch {
    return false;
  }
  applyJournal(outDir, journal);
  rmSync(journalFile, { force: true });
  return true;
}
