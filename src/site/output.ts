// Writing a build's files. A full build writes every file into a fresh staging folder (swapped in by
// build.ts). A warm build changes the existing output folder in place, but only after everything is
// rendered: changed files are first written to a staging folder, then a journal listing the moves and
// deletions is written, then applied. A build that fails before the journal leaves the folder untouched;
// one killed while applying it is completed by the next build (`recoverJournal`), since every new file
// is already on disk. Each written file's size, modification time and inode are kept in the manifest,
// so the next warm build can tell whether a file is still exactly what it wrote.
import { fitsDelta, writeFileAtomically } from "../files.ts";
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
  writeSync,
} from "node:fs";
import { mkdir, open } from "node:fs/promises";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
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
  /** Code and configuration version the files were made with; another salt means a full build. */
  salt: string;
  outDir: string;
  files: Map<string, FileStamp>;
  /** Page path → fingerprint of everything the page was rendered from (see page-keys.ts). */
  pageKeys: Map<string, string>;
}

const MANIFEST_FORMAT = 3;
const JOURNAL = ".journal";

export type OutputFiles = Map<string, string | Uint8Array>;

/**
 * The manifest as stored, in two files: a base, and beside it a delta of what changed since that base was
 * written (naming it by its id). A build writes only a new delta while the changes are few, instead of the
 * whole manifest of 12,000 files and keys at 10,000 articles (35–45 ms of a warm build). The base alone is
 * no manifest: a build removes the delta before it changes the output folder (invalidateManifest), so a
 * build that dies meanwhile leaves none, and the next build is a full one.
 *
 * Stamps and keys are flat, in arrays, as v8 serialisation writes every object's keys out in full (12,000
 * files: stamps read back in 5–8 ms against 12–43 ms).
 */
interface StoredManifest {
  format: number;
  /** Names this base for its deltas. */
  id: string;
  salt: string;
  outDir: string;
  /** Per file: its path, size, mtimeMs and ino. */
  files: (string | number)[];
  /** Per page: its path and key. */
  pageKeys: string[];
}

/** What changed since the base `base`: files and keys added or changed (flat, as in the base), and those gone. */
interface StoredManifestDelta {
  format: number;
  base: string;
  files: (string | number)[];
  goneFiles: string[];
  pageKeys: string[];
  gonePageKeys: string[];
}

/** Per manifest read: its base's id and size, and its delta as maps (null for gone), for the next delta. */
interface ReadDelta {
  base: string;
  baseSize: number;
  files: Map<string, FileStamp | null>;
  pageKeys: Map<string, string | null>;
}

const deltasRead = new WeakMap<OutputManifest, ReadDelta>();

/** The manifest file (its base; the delta sits beside it) of builds into `outDir`, in the cache folder `cacheDir`. */
export function manifestFileOf(cacheDir: string, outDir: string): string {
  return path.join(cacheDir, `output-${createHash("sha256").update(outDir).digest("base64url").slice(0, 16)}.v8`);
}

function deltaFileOf(file: string): string {
  return `${file.replace(/\.v8$/, "")}-delta.v8`;
}

export function readManifest(file: string, salt: string, outDir: string): OutputManifest | undefined {
  const stored = readStoredManifest(file);
  if (!stored || stored.base.salt !== salt || stored.base.outDir !== outDir) return undefined;
  const { base, delta } = stored;
  const manifest: OutputManifest = { salt, outDir, files: filesOf(base.files), pageKeys: new Map() };
  for (let i = 0; i < base.pageKeys.length; i += 2) manifest.pageKeys.set(base.pageKeys[i]!, base.pageKeys[i + 1]!);
  const read: ReadDelta = { base: base.id, baseSize: manifest.files.size + manifest.pageKeys.size, ...deltaMaps(delta) };
  applyDelta(manifest, read);
  deltasRead.set(manifest, read);
  return manifest;
}

/** A stored delta as maps: each file's stamp and each page's key, null for those gone. */
function deltaMaps(delta: StoredManifestDelta): Pick<ReadDelta, "files" | "pageKeys"> {
  const files = new Map<string, FileStamp | null>();
  for (const rel of delta.goneFiles) files.set(rel, null);
  for (const [rel, stamp] of filesOf(delta.files)) files.set(rel, stamp);
  const pageKeys = new Map<string, string | null>();
  for (const rel of delta.gonePageKeys) pageKeys.set(rel, null);
  for (let i = 0; i < delta.pageKeys.length; i += 2) pageKeys.set(delta.pageKeys[i]!, delta.pageKeys[i + 1]!);
  return { files, pageKeys };
}

/** The base in `file` and the delta beside it, when both are there, of this format, and the delta is the base's. */
function readStoredManifest(file: string): { base: StoredManifest; delta: StoredManifestDelta } | undefined {
  try {
    const delta = deserialize(readFileSync(deltaFileOf(file))) as StoredManifestDelta;
    if (delta.format !== MANIFEST_FORMAT) return undefined;
    const base = deserialize(readFileSync(file)) as StoredManifest;
    const fits = base.format === MANIFEST_FORMAT && delta.base === base.id && Array.isArray(base.files) && Array.isArray(base.pageKeys);
    return fits ? { base, delta } : undefined;
  } catch {
    return undefined;
  }
}

function filesOf(flat: (string | number)[]): Map<string, FileStamp> {
  const files = new Map<string, FileStamp>();
  for (let i = 0; i < flat.length; i += 4) files.set(flat[i] as string, { size: flat[i + 1] as number, mtimeMs: flat[i + 2] as number, ino: flat[i + 3] as number });
  return files;
}

function applyDelta(manifest: Pick<OutputManifest, "files" | "pageKeys">, delta: Pick<ReadDelta, "files" | "pageKeys">): void {
  for (const [rel, stamp] of delta.files) stamp ? manifest.files.set(rel, stamp) : manifest.files.delete(rel);
  for (const [rel, key] of delta.pageKeys) key ? manifest.pageKeys.set(rel, key) : manifest.pageKeys.delete(rel);
}

/** What a build changed of the manifest it read: the files and pages whose stamp or key may differ (more is fine). */
export interface ManifestChanges {
  files: Iterable<string>;
  pages: Iterable<string>;
}

/**
 * Writes `manifest`. Given the manifest `previous` it was made from (readManifest) and what changed since
 * (`changes`: every file and page of `manifest` not named there is as in `previous`), as a delta over
 * `previous`'s base, while the changes since that base are few; else as a new base (and its empty delta).
 */
export function writeManifest(file: string, manifest: OutputManifest, previous?: OutputManifest, changes?: ManifestChanges): void {
  const read = previous && deltasRead.get(previous);
  if (read && changes) {
    const files = new Map(read.files);
    const pageKeys = new Map(read.pageKeys);
    for (const rel of changes.files) files.set(rel, manifest.files.get(rel) ?? null);
    for (const rel of changes.pages) pageKeys.set(rel, manifest.pageKeys.get(rel) ?? null);
    if (fitsDelta(files.size + pageKeys.size, read.baseSize)) {
      writeFileAtomically(deltaFileOf(file), serialize(storedDelta(read.base, files, pageKeys)));
      return;
    }
  }
  const files: (string | number)[] = [];
  for (const [rel, stamp] of manifest.files) files.push(rel, stamp.size, stamp.mtimeMs, stamp.ino);
  const pageKeys: string[] = [];
  for (const [rel, key] of manifest.pageKeys) pageKeys.push(rel, key);
  const stored: StoredManifest = { format: MANIFEST_FORMAT, id: randomBytes(8).toString("hex"), salt: manifest.salt, outDir: manifest.outDir, files, pageKeys };
  // The delta of the last base goes first: with the new base, it would name a base that is no more.
  rmSync(deltaFileOf(file), { force: true });
  writeFileAtomically(file, serialize(stored));
  writeFileAtomically(deltaFileOf(file), serialize(storedDelta(stored.id, new Map(), new Map())));
}

function storedDelta(base: string, files: Map<string, FileStamp | null>, pageKeys: Map<string, string | null>): StoredManifestDelta {
  const delta: StoredManifestDelta = { format: MANIFEST_FORMAT, base, files: [], goneFiles: [], pageKeys: [], gonePageKeys: [] };
  for (const [rel, stamp] of files) stamp ? delta.files.push(rel, stamp.size, stamp.mtimeMs, stamp.ino) : delta.goneFiles.push(rel);
  for (const [rel, key] of pageKeys) key ? delta.pageKeys.push(rel, key) : delta.gonePageKeys.push(rel);
  return delta;
}

/**
 * Makes the manifest in `file` no manifest (its delta goes; the base stays, for the next delta): done before
 * the output folder changes, so that a build that dies meanwhile leaves no manifest describing the old one.
 */
export function invalidateManifest(file: string): void {
  rmSync(deltaFileOf(file), { force: true });
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

/**
 * `text` as UTF-8 in `buffer`, or in a new buffer when that one is missing or may be too small (the buffer
 * used is returned to be used again): encoding pages into reused buffers takes half the time of a new
 * Buffer per page, and leaves the collector less to do.
 */
function encodeInto(text: string, buffer: Buffer | undefined): { buffer: Buffer; bytes: Uint8Array } {
  const room = buffer && buffer.length >= text.length * 3 ? buffer : Buffer.allocUnsafe(Math.max(1 << 16, text.length * 3));
  return { buffer: room, bytes: room.subarray(0, room.write(text, 0, "utf8")) };
}

/** Where writeStamped and utf8Bytes encode pages (each is done with it before it returns). */
let scratch: Buffer | undefined;

/**
 * `text` as UTF-8 bytes of their own: encoded into a reused buffer and copied out, in about half the time
 * of TextEncoder's `encode` for a page (17–26 µs against 27–47 µs for a 16 kB list page), which measures
 * the text in a pass of its own first.
 */
export function utf8Bytes(text: string): Uint8Array {
  let bytes: Uint8Array;
  ({ buffer: scratch, bytes } = encodeInto(text, scratch));
  return new Uint8Array(bytes);
}

/** Writes one file and returns its stamp (taken from the open file: no second lookup). */
function writeStamped(file: string, content: string | Uint8Array): FileStamp {
  const fd = openSync(file, "w");
  try {
    let bytes: Uint8Array;
    if (typeof content === "string") ({ buffer: scratch, bytes } = encodeInto(content, scratch));
    else bytes = content;
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    const stat = fstatSync(fd);
    return { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
  } finally {
    closeSync(fd);
  }
}

/** The output file of a page URL: "/news/2020/02/x/" → "news/2020/02/x/index.html". */
export function pagePath(url: string): string {
  const rel = url.replace(/^\//, "");
  return rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
}

/** Writes every file under `dir`, on this thread. Paths are relative, with forward slashes. */
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
    let stamp: FileStamp;
    try {
      // Most folders exist already (made by makeFolders, or for an earlier file): trying the file first
      // spares a folder lookup per file.
      stamp = writeStamped(file, content);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      folders.ensure(path.dirname(file));
      stamp = writeStamped(file, content);
    }
    stamps.push([rel, stamp]);
  }
  return stamps;
}

/**
 * Creates these folders (paths relative to `dir`, forward slashes) and their parents, under an existing
 * `dir`, as many as can be: a folder that cannot be made is left to its files' writer, which says why.
 */
export function makeFolders(dir: string, rels: Iterable<string>): void {
  const folders = new Folders(dir);
  for (const rel of rels) {
    try {
      folders.ensure(path.join(dir, rel));
    } catch {}
  }
}

/** Files being written at once by a FolderWriter: enough to keep libuv's thread pool and the disk busy. */
const WRITES_IN_FLIGHT = 16;

/**
 * Writes files under a folder with Node's asynchronous file system calls, several at once. The system
 * calls run on libuv's thread pool, so a slow disk serves several file creations together instead of one
 * after another; this thread only encodes each file. For when this thread has nothing else to do (the end
 * of a full build, a warm update): while Eleventy renders, its promises leave no turn for file system
 * callbacks, which is why pages written during rendering go to a StreamingWriter's worker instead.
 * Folders are made once each. The first failure is kept and thrown by `flush`.
 */
export class FolderWriter {
  private readonly queue: [string, string | Uint8Array][] = [];
  private next = 0;
  private active = 0;
  private readonly folders = new Map<string, Promise<void>>();
  private readonly done = new Map<string, { stamp: FileStamp; content: string | Uint8Array }>();
  private failure: Error | undefined;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.folders.set(dir, Promise.resolve());
  }

  /** Hands over one file (a path relative to the folder, forward slashes); written in the background. */
  write(rel: string, content: string | Uint8Array): void {
    this.queue.push([rel, content]);
    this.pump();
  }

  /** Waits until every file handed over so far is written; throws the first failure. */
  async flush(): Promise<void> {
    if (this.active > 0 || this.next < this.queue.length) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure) throw this.failure;
  }

  /** The files written so far, each with the contents it was last written with and its stamp. */
  written(): ReadonlyMap<string, { stamp: FileStamp; content: string | Uint8Array }> {
    return this.done;
  }

  private pump(): void {
    while (this.active < WRITES_IN_FLIGHT && this.next < this.queue.length) {
      const [rel, content] = this.queue[this.next]!;
      // Handed-over contents are let go once taken (the caller keeps its own reference if it needs one).
      this.queue[this.next++] = undefined as never;
      this.active++;
      this.writeOne(rel, content).then(
        (stamp) => this.done.set(rel, { stamp, content }),
        (error: Error) => (this.failure ??= error),
      ).finally(() => {
        this.active--;
        if (this.next === this.queue.length) {
          this.queue.length = 0;
          this.next = 0;
        }
        this.pump();
        if (this.active === 0 && this.queue.length === 0) for (const resolve of this.waiting.splice(0)) resolve();
      });
    }
  }

  private folder(dir: string): Promise<void> {
    let made = this.folders.get(dir);
    if (!made) {
      made = this.folder(path.dirname(dir)).then(() =>
        mkdir(dir).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== "EEXIST") throw error;
        }),
      );
      this.folders.set(dir, made);
    }
    return made;
  }

  private async writeOne(rel: string, content: string | Uint8Array): Promise<FileStamp> {
    const file = path.join(this.dir, rel);
    await this.folder(path.dirname(file));
    // Text is encoded into a buffer of the writer's own, used again for later files once this one is written.
    let scratch: Buffer | undefined;
    let bytes: Uint8Array;
    if (typeof content === "string") ({ buffer: scratch, bytes } = encodeInto(content, this.scratch.pop()));
    else bytes = content;
    try {
      const handle = await open(file, "w");
      try {
        let done = 0;
        while (done < bytes.length) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
        const stat = await handle.stat();
        return { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
      } finally {
        await handle.close();
      }
    } finally {
      if (scratch) this.scratch.push(scratch);
    }
  }

  /** Encoding buffers not in use (at most one per write in flight). */
  private readonly scratch: Buffer[] = [];
}

/** Writes every file under `dir` (a fresh folder) with a FolderWriter; returns their stamps. */
export async function writeFolderAsync(dir: string, files: OutputFiles): Promise<Map<string, FileStamp>> {
  const writer = new FolderWriter(dir);
  for (const [rel, content] of files) writer.write(rel, content);
  await writer.flush();
  return new Map([...writer.written()].map(([rel, { stamp }]) => [rel, stamp]));
}

/**
 * Writes files on a worker thread as they are handed over, while the caller goes on rendering: writing
 * overlaps rendering instead of following it. `finish` says which files were written with which contents;
 * the caller writes whatever else remains. Without a worker nothing is written here at all.
 */
export class StreamingWriter {
  private readonly pending: [string, string | Uint8Array][] = [];
  /** What each file handed over is to be known by once written (its contents, or what the caller chose). */
  private readonly contents = new Map<string, string | Uint8Array>();
  /** Files handed over that no worker wrote (their batch failed, or no worker was left), with their contents. */
  private readonly failed = new Map<string, string | Uint8Array>();
  private readonly stamps = new Map<string, FileStamp>();
  /** Per worker: the batches it was sent and has not answered yet, oldest first. */
  private readonly busy = new Map<Worker, [string, string | Uint8Array][][]>();
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
        const batches = this.busy.get(worker);
        const batch = message.ready ? undefined : batches?.shift();
        if (message.stamps) for (const [rel, stamp] of message.stamps) this.stamps.set(rel, stamp);
        else if (batch) this.fail(batch);
        if (batches?.length === 0) this.busy.delete(worker);
        this.dispatch();
      });
      // Failed batches are not stamped: the caller writes them afterwards (contentsOf).
      worker.on("error", () => {
        this.workers.splice(this.workers.indexOf(worker), 1);
        for (const batch of this.busy.get(worker) ?? []) this.fail(batch);
        this.busy.delete(worker);
        this.dispatch();
      });
    }
  }

  /**
   * Has the folders of files that other threads will write (relative paths) made ahead, in this order,
   * before the files handed over later: a file's writer then finds its folder there.
   */
  makeFolders(rels: string[]): void {
    this.workers[0]?.postMessage({ dir: this.dir, folders: rels });
  }

  /**
   * Hands over one file; false when no worker is there to write it. With `keep` false, nothing here holds
   * the contents once the file is written: `finish` says it was written with its stand-in
   * (`StreamingWriter.standIn`), which the caller keeps instead of the contents, and `contentsOf` gives
   * the contents back for a file that was not written after all.
   */
  write(rel: string, content: string | Uint8Array, keep = true): boolean {
    if (this.workers.length === 0) return false;
    this.contents.set(rel, keep ? content : StreamingWriter.standIn(rel));
    this.pending.push([rel, content]);
    if (this.pending.length >= 100) this.dispatch();
    return true;
  }

  /**
   * Sends each full batch at once, to the worker with the fewest batches unanswered, however many it has:
   * this thread, rendering, gets to a worker's answers rarely, and a worker waiting to be answered before
   * it was sent more stood idle while the list pages piled up here (at 10,000 articles the writing worker
   * then wrote them after the last article page, 0.4 s of work in the build's last second).
   */
  private dispatch(final = false): void {
    while (this.workers.length > 0 && this.pending.length > 0 && (final || this.pending.length >= 100 || this.drained)) {
      this.send(this.leastBusy(), this.pending.splice(0, 100));
    }
    if (this.drained && this.busy.size === 0 && (this.pending.length === 0 || this.workers.length === 0)) this.drained();
  }

  private leastBusy(): Worker {
    let least = this.workers[0]!;
    for (const worker of this.workers) if ((this.busy.get(worker)?.length ?? 0) < (this.busy.get(least)?.length ?? 0)) least = worker;
    return least;
  }

  private send(worker: Worker, batch: [string, string | Uint8Array][]): void {
    const batches = this.busy.get(worker);
    if (batches) batches.push(batch);
    else this.busy.set(worker, [batch]);
    worker.postMessage({ dir: this.dir, entries: batch });
  }

  /**
   * Hands over what is left and returns a promise of every handed-over file, each with the contents it
   * was written with. What is left goes to the workers at once, in one message each, queued behind the
   * batch each may still be writing: the files are then written while this thread does a build's last
   * work, which leaves it no turn to answer a worker until it awaits the promise. (Pages rendered last by
   * Eleventy, 1,800 at 10,000 articles, used to wait for that.)
   */
  finish(): Promise<Map<string, { stamp: FileStamp; content: string | Uint8Array }>> {
    const left = this.pending.splice(0);
    const share = Math.ceil(left.length / Math.max(1, this.workers.length));
    this.workers.forEach((worker, i) => {
      const batch = left.slice(i * share, (i + 1) * share);
      if (batch.length === 0) return;
      this.send(worker, batch);
    });
    return this.finished();
  }

  private async finished(): Promise<Map<string, { stamp: FileStamp; content: string | Uint8Array }>> {
    await new Promise<void>((resolve) => {
      this.drained = resolve;
      this.dispatch(true);
    });
    await this.stop();
    // Left unsent when no worker was left to write them.
    this.fail(this.pending.splice(0));
    const written = new Map<string, { stamp: FileStamp; content: string | Uint8Array }>();
    for (const [rel, stamp] of this.stamps) written.set(rel, { stamp, content: this.contents.get(rel)! });
    return written;
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }

  /** What stands for a file handed over without keeping its contents (never a page: it starts with NUL). */
  static standIn(rel: string): string {
    return `\u0000newsdesk: ${rel} handed to a writing worker`;
  }

  /**
   * The contents to write for the file at `rel`, now held as `entry` by the caller: `entry` itself, or
   * for a stand-in the contents it was handed over with, when not written (after `finish`).
   */
  contentsOf(rel: string, entry: string | Uint8Array): string | Uint8Array {
    if (entry !== StreamingWriter.standIn(rel)) return entry;
    const contents = this.failed.get(rel);
    if (contents === undefined) throw new Error(`${rel} was handed to a writing worker, which neither wrote it nor gave it back`);
    return contents;
  }

  private fail(batch: readonly [string, string | Uint8Array][]): void {
    for (const [rel, content] of batch) this.failed.set(rel, content);
  }
}

/** The files of `previous` still exactly as the last build left them (same size, time and inode). */
export function findIntactFiles(outDir: string, previous: ReadonlyMap<string, FileStamp>): Set<string> {
  return intactBut(previous, findChangedFiles(outDir, previous));
}

/** The files of `previous` changed or deleted since the last build left them (the others are intact). */
export function findChangedFiles(outDir: string, previous: ReadonlyMap<string, FileStamp>): string[] {
  const changed: string[] = [];
  for (const [rel, stamp] of previous) {
    try {
      const stat = lstatSync(path.join(outDir, rel));
      if (stat.isFile() && stat.size === stamp.size && stat.mtimeMs === stamp.mtimeMs && stat.ino === stamp.ino) continue;
    } catch {
      // Deleted since: it will be written again.
    }
    changed.push(rel);
  }
  return changed;
}

/** The files of `previous` but those `changed` (findChangedFiles). */
export function intactBut(previous: ReadonlyMap<string, FileStamp>, changed: readonly string[]): Set<string> {
  const intact = new Set(previous.keys());
  for (const rel of changed) intact.delete(rel);
  return intact;
}

/**
 * The file stamps of the manifest in `file`, whatever code or configuration made it (readManifest checks
 * that): for the warm worker, which looks at the files while the build loads (warm-helper.ts).
 */
export function readManifestFiles(file: string): ReadonlyMap<string, FileStamp> | undefined {
  const stored = readStoredManifest(file);
  if (!stored) return undefined;
  const manifest = { files: filesOf(stored.base.files), pageKeys: new Map<string, string>() };
  applyDelta(manifest, { files: deltaMaps(stored.delta).files, pageKeys: new Map() });
  return manifest.files;
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
  /** The files written and deleted: the only ones whose stamps differ from the last build's. */
  changed: string[];
}

/**
 * Warm build: brings `outDir` to exactly `rendered` plus `kept` (files left as they are). Rendered files
 * equal to what is on disk are not rewritten; files of the last build that are in neither are deleted.
 * `intact` are the files whose stamps matched (findIntactFiles); only those are trusted as they are.
 */
export async function updateFolder(
  outDir: string,
  rendered: OutputFiles,
  kept: ReadonlySet<string>,
  previous: ReadonlyMap<string, FileStamp>,
  intact: ReadonlySet<string>,
  staging: string,
): Promise<UpdateResult> {
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
  if (changed.length === 0 && deletes.length === 0) return { stamps, written: 0, deleted: 0, changed: [] };

  // 1. New contents into the staging folder: the output folder is not touched yet.
  const stagedStamps = await writeFolderAsync(staging, new Map(changed));
  // 2. The journal makes the change complete-able from here on, whatever happens to this process.
  const journal: Journal = { staging, moves: changed.map(([rel]) => rel), deletes };
  const journalFile = `${outDir}${JOURNAL}`;
  writeFileAtomically(journalFile, JSON.stringify(journal));
  // 3. Apply it.
  applyJournal(outDir, journal);
  rmSync(journalFile, { force: true });
  // A rename keeps the inode and modification time, so the staged stamps describe the moved files.
  for (const [rel, stamp] of stagedStamps) stamps.set(rel, stamp);
  return { stamps, written: changed.length, deleted: deletes.length, changed: [...journal.moves, ...deletes] };
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
