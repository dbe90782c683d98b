// The output folder is replaced, never edited: a build writes a fresh staging folder next to it and swaps
// it in with two renames only after everything succeeded. A build killed at any moment leaves either the
// old folder or (between the two renames) the old folder moved aside, which the next build or serve puts
// back; staging folders of dead builds are removed. A lock file keeps two builds from swapping at once.
import { randomBytes } from "node:crypto";
import { readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

const STAGING = ".staging-";
const PREVIOUS = ".previous-";
const LOCK = ".lock";

/** A fresh staging folder name for `outDir`, tagged with this process id so others can tell if it is live. */
export function stagingFolder(outDir: string): string {
  return `${outDir}${STAGING}${process.pid}-${randomBytes(4).toString("hex")}`;
}

/** Puts back an output folder a killed build moved aside, and removes what dead builds left behind. */
export async function recoverOutput(outDir: string): Promise<{ restored: boolean; removed: string[] }> {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return { restored: false, removed: [] };
  }
  const removed: string[] = [];
  let restored = false;
  const previous = entries.filter((e) => e.startsWith(`${base}${PREVIOUS}`)).sort();
  if (previous.length > 0 && !(await exists(outDir))) {
    // Killed between "old folder aside" and "new folder in": the old one is the last complete site.
    const newest = await newestOf(parent, previous);
    await rename(path.join(parent, newest), outDir);
    previous.splice(previous.indexOf(newest), 1);
    restored = true;
  }
  for (const name of previous) {
    await rm(path.join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  for (const name of entries.filter((e) => e.startsWith(`${base}${STAGING}`))) {
    const pid = Number(/^(\d+)-/.exec(name.slice(base.length + STAGING.length))?.[1]);
    if (pid !== process.pid && isAlive(pid)) continue;
    await rm(path.join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return { restored, removed };
}

/** Moves the staging folder into place; the previous output is removed only after the new one is in. */
export async function swapInto(staging: string, outDir: string): Promise<void> {
  const previous = `${outDir}${PREVIOUS}${randomBytes(4).toString("hex")}`;
  let hadPrevious = true;
  try {
    await rename(outDir, previous);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    hadPrevious = false;
  }
  try {
    await rename(staging, outDir);
  } catch (error) {
    if (hadPrevious) await rename(previous, outDir);
    throw error;
  }
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}

/**
 * Takes the output folder's lock for the duration of `task`. A lock left by a dead process is taken over;
 * one held by a live build is an error rather than a wait, so two builds never interleave their swaps.
 */
export async function withOutputLock<T>(outDir: string, task: () => Promise<T>): Promise<T> {
  const lock = `${outDir}${LOCK}`;
  try {
    await writeFile(lock, String(process.pid), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = Number((await readFile(lock, "utf8").catch(() => "")).trim());
    if (holder !== process.pid && isAlive(holder)) {
      throw new Error(`another newsdesk build (process ${holder}) is writing ${path.basename(outDir)}/; wait for it to finish`);
    }
    await writeFile(lock, String(process.pid));
  }
  try {
    return await task();
  } finally {
    await rm(lock, { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function newestOf(parent: string, names: string[]): Promise<string> {
  const times = await Promise.all(names.map(async (n) => (await stat(path.join(parent, n))).mtimeMs));
  return names[times.indexOf(Math.max(...times))]!;
}
