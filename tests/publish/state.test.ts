import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { parseState, recallObjects, recordState, serializeState, type ListedObject, type PublishState } from "../../src/publish/state.ts";

const HTML = { contentType: "text/html; charset=utf-8", cacheControl: "public, max-age=300" };
const T = Date.UTC(2027, 0, 1, 0, 0, 0);
const listedA: ListedObject = { key: "www/a/index.html", size: 10, etag: '"e1"', modified: T };
const state: PublishState = {
  version: 1,
  objects: { [listedA.key]: { etag: '"e1"', size: 10, modified: T, sha256: "s1", headers: HTML } },
  orphans: {},
};

describe("publish state", () => {
  it("round-trips through its stored form", () => {
    expect(parseState(serializeState(state))).toEqual(state);
  });

  it.each([
    ["no state object", undefined],
    ["bytes that are not gzip", Buffer.from("not gzip")],
    ["gzip of something else", gzipSync("[1,2,3]")],
    ["another version", gzipSync(JSON.stringify({ version: 2, objects: {} }))],
  ])("treats %s as no state", (_, bytes) => {
    expect(parseState(bytes)).toBeUndefined();
  });

  it("keeps when each unused hashed file was first seen unused, for objects still listed", () => {
    const withOrphan: PublishState = { ...state, orphans: { "www/assets/site.1111aaaa22.css": T - 60_000 } };
    expect(parseState(serializeState(withOrphan))).toEqual(withOrphan);
    const listedOld = { key: "www/assets/site.1111aaaa22.css", size: 3, etag: '"o"', modified: T - 99_000 };
    expect(recallObjects([listedOld], withOrphan, T + 5000)).toEqual([{ key: listedOld.key, size: 3, orphanedSince: T - 60_000 }]);
    const recorded = recordState([listedOld], new Map(), new Map(), { [listedOld.key]: T - 60_000, "www/gone.css": T });
    expect(recorded.orphans).toEqual({ [listedOld.key]: T - 60_000 });
  });

  it("drops malformed entries and keeps the rest", () => {
    const mixed = gzipSync(JSON.stringify({ version: 1, objects: { ...state.objects, "www/bad": { etag: 1 } } }));
    expect(parseState(mixed)).toEqual(state);
  });

  it.each([
    ["the listing is unchanged and older than the state", listedA, T + 5000, true],
    ["the ETag differs", { ...listedA, etag: '"e2"' }, T + 5000, false],
    ["the size differs", { ...listedA, size: 11 }, T + 5000, false],
    ["it was modified since", { ...listedA, modified: T + 2000 }, T + 5000, false],
    ["it was modified in the second the state was saved", listedA, T, false],
  ])("recalls an object when %s: %s", (_, listed, savedAt, trusted) => {
    const [object] = recallObjects([listed], state, savedAt);
    expect(object).toEqual(trusted ? { key: listed.key, size: listed.size, sha256: "s1", headers: HTML } : { key: listed.key, size: listed.size });
  });

  it("records what this publish wrote, and what it read only while the object is unchanged", () => {
    const written = { key: "www/new.html", size: 7, etag: '"n"', modified: T + 9000 };
    const read = { key: "www/read.html", size: 5, etag: '"r"', modified: T };
    const changedMeanwhile = { key: "www/other.html", size: 5, etag: '"o2"', modified: T + 9000 };
    const before = new Map([
      [read.key, read],
      [changedMeanwhile.key, { ...changedMeanwhile, etag: '"o1"', modified: T }],
    ]);
    const known = new Map([
      [written.key, { sha256: "sn", size: 7, headers: HTML, written: true }],
      [read.key, { sha256: "sr", size: 5, headers: HTML, written: false }],
      [changedMeanwhile.key, { sha256: "so", size: 5, headers: HTML, written: false }],
    ]);
    const recorded = recordState([written, read, changedMeanwhile], before, known);
    expect(Object.keys(recorded.objects)).toEqual([written.key, read.key]);
    expect(recorded.objects[written.key]).toEqual({ etag: '"n"', size: 7, modified: T + 9000, sha256: "sn", headers: HTML });
  });
});
