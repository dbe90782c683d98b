// The publish state: one object kept beside the site (PREFIX/.newsdesk/publish-state.json.gz) recording,
// for every object, the SHA-256 and headers newsdesk last knew it to have, together with the ETag, size
// and modification time the listing showed then. An object whose listing still shows exactly those three
// is taken as recorded; any write since (an upload, a header copy, another tool) changes its modification
// time, so it is read again with HeadObject. Modification times have whole seconds: an object modified in
// the same second as the state was saved could have been changed again unseen, so it is read again too.
// The state only saves requests: a missing, unreadable or stale state costs HEAD requests, never a wrong
// plan.
import { gunzipSync, gzipSync } from "node:zlib";
import type { ObjectHeaders } from "./headers.ts";
import type { RemoteObject } from "./plan.ts";

export const STATE_NAME = ".newsdesk/publish-state.json.gz";

export interface StateEntry {
  etag: string;
  size: number;
  /** Last-Modified, milliseconds since the epoch. */
  modified: number;
  sha256: string;
  headers: ObjectHeaders;
}

export interface PublishState {
  version: 1;
  objects: Record<string, StateEntry>;
  /** Content-hashed objects the build no longer uses → when that was first seen (ms). */
  orphans: Record<string, number>;
}

/** An object as listed: key, size, ETag and modification time. */
export interface ListedObject {
  key: string;
  size: number;
  etag: string;
  modified: number;
}

function isEntry(value: unknown): value is StateEntry {
  const e = value as StateEntry;
  return (
    typeof e === "object" && e !== null &&
    typeof e.etag === "string" && typeof e.size === "number" && typeof e.modified === "number" &&
    typeof e.sha256 === "string" && typeof e.headers === "object" && e.headers !== null &&
    typeof e.headers.contentType === "string" && typeof e.headers.cacheControl === "string" &&
    (e.headers.contentEncoding === undefined || typeof e.headers.contentEncoding === "string")
  );
}

/** Reads a stored state; anything unreadable counts as no state. */
export function parseState(bytes: Uint8Array | undefined): PublishState | undefined {
  if (!bytes) return undefined;
  try {
    const data = JSON.parse(gunzipSync(bytes).toString("utf8")) as PublishState;
    if (data.version !== 1 || typeof data.objects !== "object" || data.objects === null) return undefined;
    const objects: Record<string, StateEntry> = {};
    for (const [key, entry] of Object.entries(data.objects)) if (isEntry(entry)) objects[key] = entry;
    const orphans: Record<string, number> = {};
    for (const [key, since] of Object.entries(data.orphans ?? {})) if (typeof since === "number") orphans[key] = since;
    return { version: 1, objects, orphans };
  } catch {
    return undefined;
  }
}

export function serializeState(state: PublishState): Buffer {
  const objects: Record<string, StateEntry> = {};
  for (const key of Object.keys(state.objects).sort()) objects[key] = state.objects[key]!;
  const orphans: Record<string, number> = {};
  for (const key of Object.keys(state.orphans).sort()) orphans[key] = state.orphans[key]!;
  return gzipSync(JSON.stringify({ version: 1, objects, orphans }));
}

/**
 * The listed objects, with SHA-256 and headers filled in wherever the state still vouches for them.
 * `savedAt` is the state object's own modification time (milliseconds).
 */
export function recallObjects(listed: readonly ListedObject[], state: PublishState | undefined, savedAt: number): RemoteObject[] {
  return listed.map((object) => {
    const entry = state?.objects[object.key];
    const remote: RemoteObject = { key: object.key, size: object.size };
    const orphanedSince = state?.orphans[object.key];
    if (orphanedSince !== undefined) remote.orphanedSince = orphanedSince;
    const same = entry && entry.etag === object.etag && entry.size === object.size && entry.modified === object.modified;
    if (entry && same && entry.modified < savedAt) {
      remote.sha256 = entry.sha256;
      remote.headers = entry.headers;
    }
    return remote;
  });
}

/**
 * The state after a publish, from a listing taken after it. `known` holds what is certain about each key:
 * for keys this publish wrote, the file's hash and headers; for others, what was read or recalled before,
 * valid only while the object's listing is unchanged (`before`).
 */
export function recordState(
  after: readonly ListedObject[],
  before: ReadonlyMap<string, ListedObject>,
  known: ReadonlyMap<string, { sha256: string; size: number; headers: ObjectHeaders; written: boolean }>,
  orphans: Readonly<Record<string, number>> = {},
): PublishState {
  const objects: Record<string, StateEntry> = {};
  for (const object of after) {
    const fact = known.get(object.key);
    if (!fact) continue;
    const earlier = before.get(object.key);
    const untouched = earlier && earlier.etag === object.etag && earlier.size === object.size && earlier.modified === object.modified;
    if (fact.written ? fact.size !== object.size : !untouched) continue;
    objects[object.key] = { etag: object.etag, size: object.size, modified: object.modified, sha256: fact.sha256, headers: fact.headers };
  }
  const present = new Set(after.map((object) => object.key));
  return { version: 1, objects, orphans: Object.fromEntries(Object.entries(orphans).filter(([key]) => present.has(key))) };
}
