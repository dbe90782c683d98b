// Writing outputs: a warm update touches only what changed, and one interrupted after its journal was
// written is completed by the next build.
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  FolderWriter,
  StreamingWriter,
  findIntactFiles,
  invalidateManifest,
  readManifest,
  readManifestFiles,
  recoverJournal,
  updateFolder,
  utf8Bytes,
  writeEntries,
  writeFolder,
  writeFolderAsync,
  writeManifest,
} from "../../src/site/output.ts";
import { diffTrees, readTree } from "../support/tree.ts";

function site(): { dir: string; out: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "newsdesk-output-"));
  return { dir, out: path.join(dir, "_site") };
}

/** A StreamingWriter with one worker, writing into a new folder. */
function streamingWriter(): { out: string; writer: StreamingWriter } {
  const out = path.join(site().dir, "stream");
  return { out, writer: new StreamingWriter(out, 1) };
}

/** Every file under `dir` as text, by relative path. */
function textsOf(dir: string): Record<string, string> {
  return Object.fromEntries([...readTree(dir)].map(([k, v]) => [k, v.toString()]));
}

describe("updateFolder", () => {
  it("rewrites changed files, keeps equal ones, deletes what is gone and removes emptied folders", async () => {
    const { dir, out } = site();
    const stamps = writeFolder(out, new Map([["a/index.html", "A"], ["b/c/index.html", "B"], ["d.css", "D"]]));
    const intact = findIntactFiles(out, stamps);
    expect(intact.size).toBe(3);
    const result = await updateFolder(out, new Map([["a/index.html", "A2"], ["d.css", "D"], ["e/index.html", "E"]]), new Set(), stamps, intact, path.join(dir, "stage"));
    expect(result).toMatchObject({ written: 2, deleted: 1 });
    expect(textsOf(out)).toEqual({ "a/index.html": "A2", "d.css": "D", "e/index.html": "E" });
    expect(existsSync(path.join(out, "b"))).toBe(false);
    expect(existsSync(path.join(dir, "stage"))).toBe(false);
    // The unchanged file kept its stamp: still intact for the next build.
    expect(findIntactFiles(out, result.stamps)).toEqual(new Set(["a/index.html", "d.css", "e/index.html"]));
  });

  it("does not trust a file changed since it was written", () => {
    const { out } = site();
    const stamps = writeFolder(out, new Map([["a.html", "one"]]));
    writeFileSync(path.join(out, "a.html"), "two!");
    expect((findIntactFiles(out, stamps)).size).toBe(0);
  });
});

describe("the manifest", () => {
  it("reads back every stamp and key as written, for its own salt and folder only", () => {
    const { dir, out } = site();
    const files = writeFolder(out, new Map([["a/index.html", "A"], ["b/index.html", "BB"], ["sitemap.xml", "<urlset/>"]]));
    const pageKeys = new Map([["a/index.html", "key-a"], ["b/index.html", "key-b"]]);
    const file = path.join(dir, "manifest.v8");
    writeManifest(file, { salt: "s1", outDir: out, files, pageKeys });
    expect(readManifest(file, "s1", out)).toEqual({ salt: "s1", outDir: out, files, pageKeys });
    expect(readManifestFiles(file)).toEqual(files);
    expect(readManifest(file, "s2", out)).toBeUndefined();
    expect(readManifest(file, "s1", path.join(dir, "other"))).toBeUndefined();
    writeFileSync(file, "not a manifest");
    expect(readManifest(file, "s1", out)).toBeUndefined();
    expect(readManifestFiles(file)).toBeUndefined();
  });

  it("after few changes writes only a delta over the base it was read from, read back the same", () => {
    const { dir, out } = site();
    const pages = new Map(Array.from({ length: 200 }, (_, i) => [`p${i}/index.html`, `page ${i}`] as [string, string]));
    const files = writeFolder(out, pages);
    const pageKeys = new Map([...pages.keys()].map((rel) => [rel, `key-${rel}`]));
    const file = path.join(dir, "manifest.v8");
    writeManifest(file, { salt: "s1", outDir: out, files, pageKeys });
    const base = readFileSync(file);
    const previous = readManifest(file, "s1", out)!;
    // One page rewritten with a new key, one gone, one new.
    const next = { salt: "s1", outDir: out, files: new Map(files), pageKeys: new Map(pageKeys) };
    for (const [rel, stamp] of writeFolder(out, new Map([["p3/index.html", "page 3, edited"], ["new/index.html", "new"]]))) next.files.set(rel, stamp);
    next.pageKeys.set("p3/index.html", "key-edited").set("new/index.html", "key-new");
    next.files.delete("p7/index.html");
    next.pageKeys.delete("p7/index.html");
    const changed = ["p3/index.html", "new/index.html", "p7/index.html"];
    writeManifest(file, next, previous, { files: changed, pages: changed });
    expect(readFileSync(file).equals(base)).toBe(true);
    expect(readManifest(file, "s1", out)).toEqual(next);
    expect(readManifestFiles(file)).toEqual(next.files);
    // And on from there: the next delta is still over the same base.
    const again = readManifest(file, "s1", out)!;
    const later = { ...next, pageKeys: new Map(next.pageKeys).set("p9/index.html", "key-9b") };
    writeManifest(file, later, again, { files: [], pages: ["p9/index.html"] });
    expect(readFileSync(file).equals(base)).toBe(true);
    expect(readManifest(file, "s1", out)).toEqual(later);
    // Many changes: a new base.
    const all = [...next.pageKeys.keys()];
    writeManifest(file, { ...next, pageKeys: new Map(all.map((rel) => [rel, "other"])) }, readManifest(file, "s1", out), { files: [], pages: all });
    expect(readFileSync(file).equals(base)).toBe(false);
    expect([...readManifest(file, "s1", out)!.pageKeys.values()].every((key) => key === "other")).toBe(true);
    // Without the changes, a new base too.
    const newest = readFileSync(file);
    writeManifest(file, next, readManifest(file, "s1", out));
    expect(readFileSync(file).equals(newest)).toBe(false);
    expect(readManifest(file, "s1", out)).toEqual(next);
  });

  it("is none without its delta, or with a delta of another base", () => {
    const { dir, out } = site();
    const files = writeFolder(out, new Map([["a/index.html", "A"]]));
    const file = path.join(dir, "manifest.v8");
    writeManifest(file, { salt: "s1", outDir: out, files, pageKeys: new Map([["a/index.html", "k1"]]) });
    const firstDelta = readFileSync(path.join(dir, "manifest-delta.v8"));
    invalidateManifest(file);
    expect(readManifest(file, "s1", out)).toBeUndefined();
    expect(readManifestFiles(file)).toBeUndefined();
    writeManifest(file, { salt: "s1", outDir: out, files, pageKeys: new Map([["a/index.html", "k2"]]) });
    expect(readManifest(file, "s1", out)?.pageKeys.get("a/index.html")).toBe("k2");
    writeFileSync(path.join(dir, "manifest-delta.v8"), firstDelta);
    expect(readManifest(file, "s1", out)).toBeUndefined();
    expect(readManifestFiles(file)).toBeUndefined();
  });
});

describe("writeFolderAsync", () => {
  it("writes exactly what writeFolder writes, with stamps that find every file intact", async () => {
    const { dir } = site();
    const files = new Map<string, string>();
    for (let i = 0; i < 2500; i++) files.set(`news/2026/${String(i % 12).padStart(2, "0")}/page-${i}/index.html`, `<p>第${i}页</p>`);
    files.set("sitemap.xml", "<urlset/>");
    const stamps = await writeFolderAsync(path.join(dir, "async"), files);
    writeFolder(path.join(dir, "serial"), files);
    expect(stamps.size).toBe(files.size);
    expect((findIntactFiles(path.join(dir, "async"), stamps)).size).toBe(files.size);
    const written = readTree(path.join(dir, "async"));
    expect(written.size).toBe(files.size);
    expect(diffTrees(written, readTree(path.join(dir, "serial")))).toEqual([]);
  });
});

describe("FolderWriter", () => {
  it("writes files handed over while the caller goes on, and says what it wrote with which contents", async () => {
    const { dir } = site();
    const out = path.join(dir, "stream");
    const writer = new FolderWriter(out);
    const files = new Map<string, string>();
    for (let i = 0; i < 450; i++) {
      files.set(`news/${i % 7}/p${i}/index.html`, `<p>${i}</p>`);
      writer.write(`news/${i % 7}/p${i}/index.html`, `<p>${i}</p>`);
      // The caller goes on between files, as Eleventy does between pages.
      if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await writer.flush();
    const written = writer.written();
    expect(written.size).toBe(files.size);
    expect(written.get("news/3/p10/index.html")?.content).toBe("<p>10</p>");
    const stamps = new Map([...written].map(([rel, w]) => [rel, w.stamp]));
    expect((findIntactFiles(out, stamps)).size).toBe(files.size);
    expect(textsOf(out)).toEqual(Object.fromEntries(files));
  });

  it("fails on flush naming the file it could not write, after the others are written", async () => {
    const { dir } = site();
    const out = path.join(dir, "stream");
    const writer = new FolderWriter(out);
    // A file where a folder must go: "a" cannot be both.
    writer.write("a", "file");
    await writer.flush();
    writer.write("a/index.html", "page");
    writer.write("b/index.html", "other");
    await expect(writer.flush()).rejects.toThrow(/ENOTDIR.*a\/index\.html/);
    expect(readFileSync(path.join(out, "b/index.html"), "utf8")).toBe("other");
  });
});

describe("StreamingWriter", () => {
  it("writes files handed over while the caller goes on, and says what it wrote with which contents", async () => {
    const { out, writer } = streamingWriter();
    const files = new Map<string, string>();
    for (let i = 0; i < 450; i++) files.set(`news/${i % 7}/p${i}/index.html`, `<p>${i}</p>`);
    for (const [rel, content] of files) expect(writer.write(rel, content)).toBe(true);
    const written = await writer.finish();
    expect(written.size).toBe(files.size);
    expect(written.get("news/3/p10/index.html")?.content).toBe("<p>10</p>");
    const stamps = new Map([...written].map(([rel, w]) => [rel, w.stamp]));
    expect((findIntactFiles(out, stamps)).size).toBe(files.size);
    expect(textsOf(out)).toEqual(Object.fromEntries(files));
  });

  it("writes each full batch while the caller never gets to its worker's answers", async () => {
    const { out, writer } = streamingWriter();
    for (let i = 0; i < 250; i++) writer.write(`lists/${i}/index.html`, `<p>${i}</p>`);
    // This thread stays busy (as a build's main thread rendering pages): the two full batches must reach
    // the worker all the same, while the last 50 files wait for more or for finish.
    const until = Date.now() + 20_000;
    while (!existsSync(path.join(out, "lists/199/index.html")) && Date.now() < until);
    expect(existsSync(path.join(out, "lists/199/index.html"))).toBe(true);
    expect(existsSync(path.join(out, "lists/249/index.html"))).toBe(false);
    expect((await writer.finish()).size).toBe(250);
    expect(readFileSync(path.join(out, "lists/249/index.html"), "utf8")).toBe("<p>249</p>");
  });
});

describe("StreamingWriter without copies", () => {
  it("reports files handed over without a copy by their stand-ins, and gives back the contents of those it could not write", async () => {
    const { out, writer } = streamingWriter();
    const utf8 = new TextEncoder();
    // The first hundred files go out together and are written; the next batch holds a file that cannot be
    // written (a file stands where its folder should be), so none of that batch is stamped.
    for (let i = 0; i < 100; i++) expect(writer.write(`news/p${i}/index.html`, utf8.encode(`<p>新闻 ${i}</p>`), false)).toBe(true);
    const last = path.join(out, "news/p99/index.html");
    for (let waited = 0; waited < 20_000 && !existsSync(last); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(path.join(out, "blocked"), "not a folder");
    writer.write("tags/t1/index.html", utf8.encode("<p>标签一</p>"), false);
    writer.write("blocked/index.html", utf8.encode("<p>受阻</p>"), false);
    writer.write("kept/index.html", "<p>留存</p>");
    const written = await writer.finish();
    expect(written.size).toBe(100);
    expect(written.get("news/p7/index.html")?.content).toBe(StreamingWriter.standIn("news/p7/index.html"));
    expect(readFileSync(path.join(out, "news/p7/index.html"), "utf8")).toBe("<p>新闻 7</p>");
    // What the caller holds for each file of the failed batch gives back what to write.
    const back = (rel: string, entry: string | Uint8Array) => Buffer.from(writer.contentsOf(rel, entry)).toString();
    expect(back("tags/t1/index.html", StreamingWriter.standIn("tags/t1/index.html"))).toBe("<p>标签一</p>");
    expect(back("blocked/index.html", StreamingWriter.standIn("blocked/index.html"))).toBe("<p>受阻</p>");
    // A file the caller kept a copy of is that copy; a written file's stand-in has nothing to give back.
    expect(writer.contentsOf("kept/index.html", "<p>留存</p>")).toBe("<p>留存</p>");
    expect(() => writer.contentsOf("news/p7/index.html", StreamingWriter.standIn("news/p7/index.html"))).toThrow(/news\/p7\/index\.html was handed to a writing worker/);
    expect(StreamingWriter.standIn("news/p7/index.html").startsWith("\u0000")).toBe(true);
  });
});

describe("StreamingWriter.finish", () => {
  it("leaves what is left to the worker: the files are written while the caller is busy and answers nothing", async () => {
    const { out, writer } = streamingWriter();
    const files = new Map<string, string>();
    for (let i = 0; i < 300; i++) files.set(`tags/t${i}/index.html`, `<p>标签 ${i}</p>`);
    for (const [rel, content] of files) writer.write(rel, content);
    const finishing = writer.finish();
    // This thread now blocks, as a build does while it saves its cache: it handles no message meanwhile.
    const last = path.join(out, "tags/t299/index.html");
    const clock = new Int32Array(new SharedArrayBuffer(4));
    for (let waited = 0; waited < 20_000 && !existsSync(last); waited += 20) Atomics.wait(clock, 0, 0, 20);
    expect(existsSync(last)).toBe(true);
    const written = await finishing;
    expect(written.size).toBe(files.size);
    expect(textsOf(out)).toEqual(Object.fromEntries(files));
  });
});

describe("StreamingWriter.makeFolders", () => {
  it("makes the folders, parents first, of files another thread writes, before the files handed over after", async () => {
    const { out, writer } = streamingWriter();
    const folders = Array.from({ length: 200 }, (_, i) => `news/2020/${String((i % 12) + 1).padStart(2, "0")}/a${i}`);
    writer.makeFolders(folders);
    writer.write("index.html", "<p>首页</p>");
    await writer.finish();
    for (const f of folders) expect(statSync(path.join(out, f)).isDirectory()).toBe(true);
    // Another thread's files then land in them.
    const entries = folders.map((f, i): [string, string] => [`${f}/index.html`, `<p>文章 ${i}</p>`]);
    expect(writeEntries(out, entries).map(([rel]) => rel)).toEqual(entries.map(([rel]) => rel));
    expect(readTree(out).size).toBe(201);
  });

  it("leaves a folder it could not make to the file's writer, which says which file it could not write", async () => {
    const { out, writer } = streamingWriter();
    // A file stands where a folder should go; the folders after it are made all the same.
    writeFileSync(path.join(out, "news"), "not a folder");
    writer.makeFolders(["news/2020/02/a1", "tags/t1"]);
    writer.write("index.html", "<p>首页</p>");
    expect((await writer.finish()).size).toBe(1);
    expect(statSync(path.join(out, "tags/t1")).isDirectory()).toBe(true);
    expect(() => writeEntries(out, [["news/2020/02/a1/index.html", "<p></p>"]])).toThrow(/news/);
  });
});

describe("utf8Bytes", () => {
  it("gives the bytes TextEncoder gives, each in a buffer of its own that no later call touches", () => {
    const texts = ["<h1>长安区卫健局</h1>", "ascii only", "😀 emoji, a lone \ud800 surrogate", "长".repeat(40_000), ""];
    const results = texts.map((text) => utf8Bytes(text));
    results.forEach((bytes, i) => {
      expect(Buffer.from(bytes).equals(Buffer.from(new TextEncoder().encode(texts[i])))).toBe(true);
      // Its own memory, all of it: what is posted to another thread is exactly the page.
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBe(bytes.length);
    });
    expect(new TextDecoder().decode(results[0])).toBe(texts[0]);
  });
});

describe("recoverJournal", () => {
  it("completes an update interrupted after its journal was written", () => {
    const { dir, out } = site();
    writeFolder(out, new Map([["keep.html", "K"], ["old/index.html", "O"], ["page.html", "P1"]]));
    const staging = path.join(dir, "stage");
    writeFolder(staging, new Map([["page.html", "P2"], ["new/index.html", "N"]]));
    writeFileSync(`${out}.journal`, JSON.stringify({ staging, moves: ["page.html", "new/index.html"], deletes: ["old/index.html"] }));
    expect(recoverJournal(out)).toBe(true);
    expect(textsOf(out)).toEqual({ "keep.html": "K", "page.html": "P2", "new/index.html": "N" });
    expect(existsSync(`${out}.journal`)).toBe(false);
    expect(recoverJournal(out)).toBe(false);
    expect(readFileSync(path.join(out, "keep.html"), "utf8")).toBe("K");
  });
});
