// File writes shared by the content layer's and the site's caches.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";

/** Writes `file` whole or not at all: into a temporary file beside it, then renamed over it. */
export function writeFileAtomically(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}
