// The built output folder as the publisher sees it: every file with its object key, size, SHA-256 and
// headers. Bytes are not kept (a large site does not fit in memory); they are read again at upload time.
import { createHash } from "node:crypto";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { headersFor, objectKey, type CacheRules, type ObjectHeaders } from "./headers.ts";

export interface LocalFile {
  /** Slash-separated path relative to the output folder, NFC: "news/2026/09/x/index.html". */
  path: string;
  /** The path as it is on disk (a macOS checkout may hold NFD names). */
  source: string;
  /** Object key: prefix + path, NFC-normalised. */
  key: string;
  size: number;
  /** Hex SHA-256 of the bytes; stored with the object as x-amz-meta-sha256. */
  sha256: string;
  headers: ObjectHeaders;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Lists the files under `dir`, sorted by path; symbolic links and other non-files are refused. */
export async function listFiles(dir: string): Promise<string[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`there is no build output folder at ${dir}: run "newsdesk build" first`);
  const files: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    if (!entry.isFile()) throw new Error(`${relative} in ${dir} is not a regular file (a link?); refusing to publish it`);
    files.push(relative);
  }
  return files.sort();
}

/** Reads, hashes and describes every file of the output folder. Two files with one NFC key are an error. */
export async function scanOutput(dir: string, prefix: string, rules: CacheRules): Promise<LocalFile[]> {
  const result: LocalFile[] = [];
  const byKey = new Map<string, string>();
  for (const relative of await listFiles(dir)) {
    const bytes = await readFile(path.join(dir, relative));
    const key = objectKey(prefix, relative);
    const other = byKey.get(key);
    if (other !== undefined) {
      throw new Error(`${other} and ${relative} have the same name once Unicode-normalised (NFC); rename one of them`);
    }
    byKey.set(key, relative);
    result.push({ path: relative.normalize("NFC"), source: relative, key, size: bytes.length, sha256: sha256Hex(bytes), headers: headersFor(relative, bytes, rules) });
  }
  return result;
}
