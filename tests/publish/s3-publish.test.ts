// `newsdesk publish` against a real S3-protocol server (s3rver) on loopback, through the real command and
// the real AWS SDK. Each test publishes the sample site into its own bucket and asserts on what the bucket
// then holds: keys, bytes, SHA-256 metadata and headers, and on which requests the publish made.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CopyObjectCommand, DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { STATE_NAME, isContentHashed, listObjects, parseS3Url, parseState } from "../../src/publish/index.ts";
import { buildSite } from "../../src/site/index.ts";
import { PROJECT_DIR, runCli, type CliRun } from "../support/fixtures.ts";
import { S3_ENV, headObject, readBucket, startS3Server, type S3Server, type StoredObject } from "../support/s3-server.ts";
import { startS3Proxy } from "../support/s3-proxy.ts";
import { diffTrees, readTree } from "../support/tree.ts";

const PREFIX = "www/";
/** The publish state newsdesk keeps beside the site (src/publish/state.ts). */
const STATE_KEY = PREFIX + STATE_NAME;
const BASE_URL = "https://www.bmy-online.example.cn/";
const NOW = new Date("2027-01-01T00:00:00+08:00");
const HTML = { contentType: "text/html; charset=utf-8", cacheControl: "public, max-age=300" };
const HASHED_CSS = { contentType: "text/css; charset=utf-8", cacheControl: "public, max-age=31536000, immutable" };

const OLDEST = "2026-09-07-lianhu-school-canteen-inspection.md";
const OLDEST_PAGE = "news/2026/09/lianhu-school-canteen-inspection/index.html";
const NEWEST = "2026-11-27-lianhu-old-community-renovation.md";
const NEWEST_URL = "/news/2026/11/lianhu-old-community-renovation/";
const NEWEST_PAGE = "news/2026/11/lianhu-old-community-renovation/index.html";
// Pagefind's index files (gzip bytes, served with Content-Encoding gzip); their names carry a content hash,
// so a rebuild after an edit replaces some of them.
const PAGEFIND_DATA = /^www\/pagefind\/(?:.+\.pf_\w+|wasm\.[\w-]+\.pagefind)$/;

/**
 * What a rebuild changed: files only in the new tree, files in both with other bytes, files gone; of
 * those gone, content-hashed ones stay published for publish.keepHashedMinutes, the others are deleted.
 */
function compareTrees(before: Map<string, Buffer>, after: Map<string, Buffer>) {
  const added = [...after.keys()].filter((p) => !before.has(p)).sort();
  const modified = [...after.keys()].filter((p) => before.has(p) && !before.get(p)!.equals(after.get(p)!)).sort();
  const removed = [...before.keys()].filter((p) => !after.has(p)).sort();
  const kept = removed.filter((p) => isContentHashed(p));
  const deleted = removed.filter((p) => !isContentHashed(p));
  return { added, modified, removed, kept, deleted, uploads: [...added, ...modified].sort() };
}

let server: S3Server;
let bucketCount = 0;

beforeAll(async () => {
  server = await startS3Server();
});
afterAll(async () => {
  await server?.stop();
});

/** A copy of the sample site (content/) in a temporary folder, built into _site/. */
async function sampleSite(): Promise<string> {
  const root = mkdtempSync(path.join(tmpdir(), "newsdesk-publish-"));
  cpSync(path.join(PROJECT_DIR, "content"), path.join(root, "content"), { recursive: true });
  await build(root);
  return root;
}

async function build(root: string): Promise<Map<string, Buffer>> {
  const result = await buildSite({ root, now: NOW });
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(result.ok).toBe(true);
  return readTree(path.join(root, "_site"));
}

async function newBucket(): Promise<string> {
  bucketCount += 1;
  const name = `site-${bucketCount}`;
  await server.createBucket(name);
  return name;
}

function publish(root: string, bucket: string, extra: string[] = [], endpoint = server.endpoint): Promise<CliRun> {
  return runCli(["publish", `s3://${bucket}/${PREFIX}`, "--endpoint", endpoint, "--root", root, ...extra], { env: S3_ENV });
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The site's objects: everything under the prefix but the publish state. */
function siteObjects(bucket: Map<string, StoredObject>): Map<string, StoredObject> {
  return new Map([...bucket].filter(([key]) => key !== STATE_KEY));
}

/** Requests that change the site's objects (not the publish state). */
function siteWrites(requests: { kind: string; key: string }[]) {
  return requests.filter((r) => ["put", "copy", "delete"].includes(r.kind) && r.key !== STATE_KEY);
}

/** The bucket holds exactly the built files under the prefix, byte for byte, with the SHA-256 metadata. */
function expectBucketEquals(bucket: Map<string, StoredObject>, tree: Map<string, Buffer>, kept: readonly string[] = []): void {
  expect([...siteObjects(bucket).keys()].sort()).toEqual([...tree.keys(), ...kept].map((p) => PREFIX + p).sort());
  for (const [file, bytes] of tree) {
    const object = bucket.get(PREFIX + file)!;
    expect(object.bytes.equals(bytes), `${file} bytes`).toBe(true);
    expect(object.sha256, `${file} x-amz-meta-sha256`).toBe(sha256(bytes));
  }
}

function headersOf(object: StoredObject) {
  return { contentType: object.contentType, cacheControl: object.cacheControl };
}

describe("newsdesk publish to an S3-protocol server", () => {
  it("first publish: uploads every file with its headers and hash, writes the changed URLs", async () => {
    const root = await sampleSite();
    const tree = readTree(path.join(root, "_site"));
    const bucket = await newBucket();
    const urls = path.join(root, "changed.txt");
    const run = await publish(root, bucket, ["--changed-urls", urls]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Plan: ${tree.size} upload(s) (${tree.size} new, 0 changed;`);
    expect(run.stdout).toContain(`Published to s3://${bucket}/${PREFIX}: ${tree.size} upload(s)`);
    // Assets before articles: the order readers' consistency depends on.
    expect(run.stdout.indexOf("Uploading stylesheets")).toBeLessThan(run.stdout.indexOf("Uploading article pages"));

    const stored = await readBucket(server.client, bucket);
    expectBucketEquals(stored, tree);
    // The publish state vouches for every object, with its hash and headers.
    const state = parseState(stored.get(STATE_KEY)!.bytes)!;
    expect(Object.keys(state.objects).sort()).toEqual([...tree.keys()].map((p) => PREFIX + p).sort());
    expect(state.objects[PREFIX + NEWEST_PAGE]!.sha256).toBe(sha256(tree.get(NEWEST_PAGE)!));
    expect(state.objects[PREFIX + NEWEST_PAGE]!.headers).toEqual(HTML);
    for (const [key, object] of siteObjects(stored)) {
      if (key.endsWith(".html")) expect(headersOf(object), key).toEqual(HTML);
      else if (/\/assets\/site\.[0-9a-f]{10}\.css$/.test(key)) expect(headersOf(object), key).toEqual(HASHED_CSS);
      expect(object.contentEncoding, key).toBe(PAGEFIND_DATA.test(key) ? "gzip" : "");
    }
    expect([...stored.keys()].filter((key) => PAGEFIND_DATA.test(key)).length).toBeGreaterThan(0);
    const css = [...tree.keys()].find((p) => /^assets\/site\.[0-9a-f]{10}\.css$/.test(p))!;
    const head = await headObject(server.client, bucket, PREFIX + css);
    expect([head.ContentType, head.CacheControl, head.ContentEncoding]).toEqual([HASHED_CSS.contentType, HASHED_CSS.cacheControl, undefined]);

    const expectedUrls = [...tree.keys()].map((p) => BASE_URL + p.replace(/index\.html$/, "")).sort();
    expect(readFileSync(urls, "utf8")).toBe(expectedUrls.map((u) => `${u}\n`).join(""));

    // Listing pages through continuation tokens finds every object.
    const listed = await listObjects(server.client, parseS3Url(`s3://${bucket}/${PREFIX}`), 4);
    expect(listed.map((o) => o.key).sort()).toEqual([...siteObjects(stored).keys()].sort());
  });

  it("a second publish of the same build uploads nothing and says so", async () => {
    const root = await sampleSite();
    const tree = readTree(path.join(root, "_site"));
    const bucket = await newBucket();
    expect((await publish(root, bucket)).code).toBe(0);
    const before = await readBucket(server.client, bucket);

    const proxy = await startS3Proxy(server.endpoint, bucket);
    const urls = path.join(root, "changed.txt");
    const again = await publish(root, bucket, ["--changed-urls", urls], proxy.endpoint);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Nothing to publish: all ${tree.size} objects in s3://${bucket}/${PREFIX} are up to date (0 uploads).`);
    expect(siteWrites(proxy.requests)).toEqual([]);
    expect(readFileSync(urls, "utf8")).toBe("");
    // The publish state answers for objects written before it was saved; only those modified in the
    // very second it was saved are read again (and the state saved anew), so a third run reads none.
    proxy.requests.length = 0;
    const third = await publish(root, bucket, [], proxy.endpoint);
    await proxy.close();
    expect(third.stdout).toContain("Nothing to publish");
    expect(proxy.requests.filter((r) => ["head", "put", "copy", "delete"].includes(r.kind))).toEqual([]);
    const after = await readBucket(server.client, bucket);
    expect([...after].map(([k, o]) => [k, o.etag])).toEqual([...before].map(([k, o]) => [k, o.etag]));
  });

  it("an edit of one article uploads exactly the files that changed", async () => {
    const root = await sampleSite();
    const before = readTree(path.join(root, "_site"));
    const bucket = await newBucket();
    expect((await publish(root, bucket)).code).toBe(0);

    const file = path.join(root, "content/news", OLDEST);
    writeFileSync(file, `${readFileSync(file, "utf8")}\n检查结果将在区政府网站公开。\n`);
    const after = await build(root);
    const changed = diffTrees(before, after);
    const { added, modified, removed, kept, deleted, uploads } = compareTrees(before, after);
    expect(modified).toContain(OLDEST_PAGE);
    expect(changed.filter((p) => p.endsWith(".html"))).toEqual([OLDEST_PAGE]);
    expect([...added, ...removed].filter((p) => !p.startsWith("pagefind/"))).toEqual([]);

    const proxy = await startS3Proxy(server.endpoint, bucket);
    const urls = path.join(root, "changed.txt");
    const run = await publish(root, bucket, ["--changed-urls", urls], proxy.endpoint);
    await proxy.close();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Plan: ${uploads.length} upload(s) (${added.length} new, ${modified.length} changed;`);
    expect(run.stdout).toContain(`upload   ${OLDEST_PAGE}  (changed,`);
    const writes = siteWrites(proxy.requests);
    expect(writes.filter((r) => r.kind === "put").map((r) => r.key).sort()).toEqual(uploads.map((p) => PREFIX + p));
    // Replaced search index files stay for publish.keepHashedMinutes: nothing is deleted.
    expect(deleted).toEqual([]);
    expect(writes.map((r) => r.kind)).toEqual(uploads.map(() => "put"));
    expect(readFileSync(urls, "utf8")).toContain(`${BASE_URL}news/2026/09/lianhu-school-canteen-inspection/\n`);
    expect(readFileSync(urls, "utf8").split("\n").filter(Boolean)).toHaveLength(uploads.length + deleted.length);
    const stored = await readBucket(server.client, bucket);
    expectBucketEquals(stored, after, kept);
    expect(stored.get(PREFIX + OLDEST_PAGE)!.bytes.toString()).toContain("检查结果将在区政府网站公开。");
  });

  it("a deleted article: its page is deleted after the pages that listed it are updated", async () => {
    const root = await sampleSite();
    const before = readTree(path.join(root, "_site"));
    const bucket = await newBucket();
    expect((await publish(root, bucket)).code).toBe(0);
    const listing = [...before].filter(([p, bytes]) => p !== NEWEST_PAGE && bytes.toString().includes(`href="${NEWEST_URL}"`));
    expect(listing.length).toBeGreaterThan(0);

    rmSync(path.join(root, "content/news", NEWEST));
    const after = await build(root);
    const changed = diffTrees(before, after);
    const { kept, deleted, uploads } = compareTrees(before, after);
    expect(deleted).toEqual([NEWEST_PAGE]);
    for (const [p] of listing) expect(changed).toContain(p);

    const proxy = await startS3Proxy(server.endpoint, bucket);
    const run = await publish(root, bucket, [], proxy.endpoint);
    await proxy.close();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`delete   ${NEWEST_PAGE}`);
    const writes = siteWrites(proxy.requests);
    expect(writes.filter((r) => r.kind === "put").map((r) => r.key).sort()).toEqual(uploads.map((p) => PREFIX + p));
    // The delete is the very last request: nothing links to the page any more when it goes. (Search
    // index files replaced by new ones stay for publish.keepHashedMinutes.)
    expect(writes.at(-1)).toEqual({ kind: "delete", key: PREFIX + NEWEST_PAGE });
    expect(writes.filter((r) => r.kind === "delete")).toHaveLength(1);
    expect(kept.filter((p) => !p.startsWith("pagefind/"))).toEqual([]);

    const stored = await readBucket(server.client, bucket);
    expectBucketEquals(stored, after, kept);
    expect(stored.has(PREFIX + NEWEST_PAGE)).toBe(false);
    for (const [key, object] of siteObjects(stored)) expect(object.bytes.toString(), key).not.toContain(NEWEST_URL);
  });

  it("a change of header rules alone is re-applied without uploading bytes", async () => {
    const root = await sampleSite();
    const tree = readTree(path.join(root, "_site"));
    const bucket = await newBucket();
    expect((await publish(root, bucket)).code).toBe(0);
    const before = await readBucket(server.client, bucket);

    const siteYaml = path.join(root, "content/site.yaml");
    writeFileSync(siteYaml, `${readFileSync(siteYaml, "utf8")}publish:\n  cacheControl:\n    pages: "public, max-age=60, stale-while-revalidate=600"\n`);
    // Every object that had the pages rule gets the new one: HTML and any other unhashed text.
    const pages = [...tree.keys()].filter((p) => before.get(PREFIX + p)!.cacheControl === HTML.cacheControl);
    expect(pages.filter((p) => p.endsWith(".html"))).toHaveLength([...tree.keys()].filter((p) => p.endsWith(".html")).length);
    const proxy = await startS3Proxy(server.endpoint, bucket);
    const run = await publish(root, bucket, ["--verbose"], proxy.endpoint);
    await proxy.close();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Plan: 0 upload(s) (0 new, 0 changed; 0 B), ${pages.length} header change(s), 0 delete(s)`);
    expect(run.stdout).toContain(
      `headers  ${OLDEST_PAGE}  (Cache-Control public, max-age=300 → public, max-age=60, stale-while-revalidate=600)`,
    );
    for (const page of pages) expect(run.stdout).toContain(`headers  ${page}  (`);
    const writes = siteWrites(proxy.requests);
    expect(writes.map((r) => r.kind)).toEqual(pages.map(() => "copy"));
    expect(writes.map((r) => r.key).sort()).toEqual(pages.map((p) => PREFIX + p).sort());

    const after = await readBucket(server.client, bucket);
    expectBucketEquals(after, tree);
    for (const [key, object] of siteObjects(after)) {
      if (pages.includes(key.slice(PREFIX.length))) {
        expect(headersOf(object), key).toEqual({ ...headersOf(before.get(key)!), cacheControl: "public, max-age=60, stale-while-revalidate=600" });
      } else {
        expect(headersOf(object), key).toEqual(headersOf(before.get(key)!));
      }
    }
    const again = await publish(root, bucket);
    expect(again.stdout).toContain("Nothing to publish");
  });

  it("an empty or much smaller build is refused before any change", async () => {
    const root = await sampleSite();
    const tree = readTree(path.join(root, "_site"));
    const bucket = await newBucket();
    expect((await publish(root, bucket)).code).toBe(0);
    const before = await readBucket(server.client, bucket);

    rmSync(path.join(root, "_site"), { recursive: true });
    mkdirSync(path.join(root, "_site"));
    const proxy = await startS3Proxy(server.endpoint, bucket);
    const empty = await publish(root, bucket, ["--max-deletes", "100000", "--max-shrink-ratio", "1"], proxy.endpoint);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain(`Publish refused: the build is empty (0 files) while the bucket holds ${tree.size} object(s)`);
    expect(empty.stderr).toContain("Nothing was changed.");

    rmSync(path.join(root, "_site"), { recursive: true });
    const missing = await publish(root, bucket, [], proxy.endpoint);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`there is no build output folder at ${path.join(root, "_site")}: run "newsdesk build" first`);

    // Ten of fourteen articles gone: over the ratio limit and the delete limit of the site's config.
    for (const name of readTree(path.join(root, "content/news")).keys()) if (name !== NEWEST && !name.startsWith("2026-11-2")) rmSync(path.join(root, "content/news", name));
    const small = await build(root);
    const siteYaml = path.join(root, "content/site.yaml");
    writeFileSync(siteYaml, `${readFileSync(siteYaml, "utf8")}publish:\n  maxDeletes: 5\n`);
    const shrunk = await publish(root, bucket, [], proxy.endpoint);
    expect(shrunk.code).toBe(1);
    const gone = tree.size - small.size;
    // Deleted: the files the small build lacks, but for content-hashed ones (replaced search index files),
    // which stay for publish.keepHashedMinutes.
    const { deleted, kept } = compareTrees(tree, small);
    const deletes = deleted.length;
    expect(shrunk.stderr).toContain(`Publish refused: the build has ${Math.round((gone / tree.size) * 1000) / 10}% fewer files than published (${small.size} instead of ${tree.size}; limit 25%)`);
    expect(shrunk.stderr).toContain(`Publish refused: the plan deletes ${deletes} objects (limit 5); if that is intended, pass --max-deletes ${deletes}`);
    await proxy.close();
    expect(proxy.requests.filter((r) => ["put", "copy", "delete"].includes(r.kind))).toEqual([]);
    const after = await readBucket(server.client, bucket);
    expect([...after].map(([k, o]) => [k, o.etag])).toEqual([...before].map(([k, o]) => [k, o.etag]));

    // A dry run prints the plan and changes nothing; the limits can be raised for a deliberate change.
    const dry = await publish(root, bucket, ["--dry-run", "--max-deletes", String(deletes), "--max-shrink-ratio", "0.9"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`${deletes} delete(s)`);
    expect(dry.stdout).toContain("Dry run: nothing was changed.");
    expect(siteObjects(await readBucket(server.client, bucket)).size).toBe(tree.size);
    const allowed = await publish(root, bucket, ["--max-deletes", String(deletes), "--max-shrink-ratio", "0.9"]);
    expect(allowed.code).toBe(0);
    expectBucketEquals(await readBucket(server.client, bucket), small, kept);
  });

  it("a failed upload: non-zero exit, no deletes, and a re-run converges", async () => {
    const root = await sampleSite();
    const tree = readTree(path.join(root, "_site"));
    const bucket = await newBucket();
    expect((await publish(root, bucket)).code).toBe(0);
    const before = await readBucket(server.client, bucket);

    // One article deleted (a delete is pending), one edited (its upload will fail).
    rmSync(path.join(root, "content/news", NEWEST));
    const file = path.join(root, "content/news", OLDEST);
    writeFileSync(file, `${readFileSync(file, "utf8")}\n检查结果将在区政府网站公开。\n`);
    const after = await build(root);

    const proxy = await startS3Proxy(server.endpoint, bucket, { failUploads: [PREFIX + OLDEST_PAGE] });
    const urls = path.join(root, "changed.txt");
    const failed = await publish(root, bucket, ["--changed-urls", urls], proxy.endpoint);
    await proxy.close();
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`failed: ${OLDEST_PAGE}: InternalError`);
    // Deletes pending: the page, and search index files replaced by new ones.
    const { deleted, kept } = compareTrees(tree, after);
    const deletes = deleted.length;
    expect(failed.stderr).toMatch(new RegExp(`Publish failed: \\d+ of \\d+ change\\(s\\) made, 0 of ${deletes} delete\\(s\\) \\(deletes wait until every upload succeeded\\)\\. Run the same command again to finish\\.`));
    expect(proxy.refused.length).toBeGreaterThan(1); // the SDK retried before giving up
    expect(proxy.requests.filter((r) => r.kind === "delete")).toEqual([]);
    const partial = await readBucket(server.client, bucket);
    expect(partial.has(PREFIX + NEWEST_PAGE)).toBe(true);
    expect(partial.get(PREFIX + OLDEST_PAGE)!.bytes.equals(before.get(PREFIX + OLDEST_PAGE)!.bytes)).toBe(true);
    // What did change is in the purge list, so a CDN can be told even though the publish failed.
    const purged = readFileSync(urls, "utf8").split("\n").filter(Boolean);
    const uploaded = [...siteObjects(partial)].filter(([k, o]) => o.etag !== before.get(k)?.etag).map(([k]) => BASE_URL + k.slice(PREFIX.length).replace(/index\.html$/, ""));
    expect(purged.sort()).toEqual(uploaded.sort());

    const rerun = await publish(root, bucket);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`upload   ${OLDEST_PAGE}  (changed,`);
    expect(rerun.stdout).toContain(`delete   ${NEWEST_PAGE}`);
    expectBucketEquals(await readBucket(server.client, bucket), after, kept);
    expect((await publish(root, bucket)).stdout).toContain("Nothing to publish");
  });

  it("objects changed behind its back, or a lost publish state, are put right", async () => {
    const root = await sampleSite();
    const tree = readTree(path.join(root, "_site"));
    const bucket = await newBucket();
    expect((await publish(root, bucket)).code).toBe(0);
    const css = [...tree.keys()].find((p) => p.startsWith("assets/") && p.endsWith(".css"))!;

    // Another tool overwrites a page (same size, no hash metadata): the new ETag shows it.
    const forged = Buffer.alloc(tree.get(OLDEST_PAGE)!.length, "x");
    await server.client.send(new PutObjectCommand({ Bucket: bucket, Key: PREFIX + OLDEST_PAGE, Body: forged, ContentType: "text/html" }));
    const repair = await publish(root, bucket);
    expect(repair.code).toBe(0);
    expect(repair.stdout).toMatch(/Plan: 1 upload\(s\) \(0 new, 1 changed; [\d.]+ kB\), 0 header change\(s\), 0 delete\(s\)/);
    expect(repair.stdout).toContain(`upload   ${OLDEST_PAGE}  (changed,`);

    // Another tool strips a stylesheet's caching, keeping its bytes and hash metadata. A copy onto itself
    // keeps ETag and size, and on stores that keep Last-Modified too (as this test server does) only
    // --verify-all, which reads every object's headers, sees it.
    await server.client.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: PREFIX + css,
        CopySource: `${bucket}/${PREFIX}${css}`,
        MetadataDirective: "REPLACE",
        ContentType: "text/css",
        CacheControl: "no-cache",
        Metadata: { sha256: sha256(tree.get(css)!) },
      }),
    );
    const verify = await publish(root, bucket, ["--verify-all"]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain("Plan: 0 upload(s) (0 new, 0 changed; 0 B), 1 header change(s), 0 delete(s)");
    expect(verify.stdout).toContain(`headers  ${css}  (Content-Type text/css → text/css; charset=utf-8; Cache-Control no-cache → public, max-age=31536000, immutable)`);
    const repaired = await readBucket(server.client, bucket);
    expectBucketEquals(repaired, tree);
    expect(headersOf(repaired.get(PREFIX + css)!)).toEqual(HASHED_CSS);

    // Without the state every object's headers are read once, nothing is uploaded, and the state is back.
    await server.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: STATE_KEY }));
    const proxy = await startS3Proxy(server.endpoint, bucket);
    const reread = await publish(root, bucket, [], proxy.endpoint);
    await proxy.close();
    expect(reread.stdout).toContain("Nothing to publish");
    expect(proxy.requests.filter((r) => r.kind === "head")).toHaveLength(tree.size);
    expect(siteWrites(proxy.requests)).toEqual([]);
    expect(proxy.requests.filter((r) => r.kind === "put").map((r) => r.key)).toEqual([STATE_KEY]);

    // A state that is not ours (garbage) is ignored the same way.
    await server.client.send(new PutObjectCommand({ Bucket: bucket, Key: STATE_KEY, Body: "not gzip" }));
    const garbage = await publish(root, bucket);
    expect(garbage.stderr).toBe("");
    expect(garbage.stdout).toContain("Nothing to publish");
    expect(parseState((await readBucket(server.client, bucket)).get(STATE_KEY)!.bytes)).toBeDefined();
  });

  it("keeps a stylesheet the build no longer uses until publish.keepHashedMinutes has passed", async () => {
    const root = await sampleSite();
    const tree = readTree(path.join(root, "_site"));
    const bucket = await newBucket();
    expect((await publish(root, bucket)).code).toBe(0);
    // The stylesheet of an earlier build: pages cached by the CDN may still ask for it.
    const old = "assets/site.0123abcdef.css";
    await server.client.send(new PutObjectCommand({ Bucket: bucket, Key: PREFIX + old, Body: "body{}", ContentType: "text/css" }));

    const first = await publish(root, bucket);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Nothing to publish");
    expect(first.stdout).toContain("Keeping 1 content-hashed file(s) the build no longer uses until publish.keepHashedMinutes has passed.");
    const since = parseState((await readBucket(server.client, bucket)).get(STATE_KEY)!.bytes)!.orphans[PREFIX + old];
    expect(since).toBeGreaterThan(0);
    const second = await publish(root, bucket);
    expect(second.stdout).toContain("Keeping 1 content-hashed file(s)");
    const stored = await readBucket(server.client, bucket);
    expect(stored.has(PREFIX + old)).toBe(true);
    expect(parseState(stored.get(STATE_KEY)!.bytes)!.orphans[PREFIX + old]).toBe(since);

    // Once the time is up (here: none at all) it goes like any other file the build lacks.
    const siteYaml = path.join(root, "content/site.yaml");
    writeFileSync(siteYaml, `${readFileSync(siteYaml, "utf8")}publish:\n  keepHashedMinutes: 0\n`);
    const third = await publish(root, bucket);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain(`delete   ${old}`);
    const after = await readBucket(server.client, bucket);
    expectBucketEquals(after, tree);
    expect(parseState(after.get(STATE_KEY)!.bytes)!.orphans).toEqual({});
  });

  it("sets Content-Encoding only on gzip bytes and NFC-normalises keys", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "newsdesk-publish-"));
    cpSync(path.join(PROJECT_DIR, "content/site.yaml"), path.join(root, "content/site.yaml"));
    const out = path.join(root, "out");
    mkdirSync(path.join(out, "files"), { recursive: true });
    const decomposed = "files/Cafe\u0301-简报.txt"; // "é" as e + combining accent, as macOS writes it
    writeFileSync(path.join(out, decomposed), "简报\n");
    writeFileSync(path.join(out, "sitemap.xml.gz"), gzipSync('<?xml version="1.0"?><urlset/>'));
    writeFileSync(path.join(out, "files/archive.tar.gz"), gzipSync("tar bytes"));
    writeFileSync(path.join(out, "files/photo-20240101.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(path.join(out, "files/not-gzip.json.gz"), '{"plain": true}');
    const bucket = await newBucket();
    const run = await publish(root, bucket, ["--dir", "out"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const stored = await readBucket(server.client, bucket);
    const summary = Object.fromEntries([...siteObjects(stored)].map(([k, o]) => [k, [o.contentType, o.contentEncoding, o.cacheControl]]));
    expect(summary).toEqual({
      [`${PREFIX}files/Caf\u00e9-简报.txt`]: ["text/plain; charset=utf-8", "", "public, max-age=300"],
      [`${PREFIX}sitemap.xml.gz`]: ["application/xml; charset=utf-8", "gzip", "public, max-age=300"],
      [`${PREFIX}files/archive.tar.gz`]: ["application/gzip", "", "public, max-age=3600"],
      [`${PREFIX}files/photo-20240101.png`]: ["image/png", "", "public, max-age=3600"],
      [`${PREFIX}files/not-gzip.json.gz`]: ["application/gzip", "", "public, max-age=3600"],
    });
    expect((await publish(root, bucket, ["--dir", "out"])).stdout).toContain("Nothing to publish");
  });
});
