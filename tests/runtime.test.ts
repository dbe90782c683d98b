// Workers started ahead (bin/newsdesk.js starts the parsing worker before the build's own modules load):
// handed out once, only while alive, and stopped when nobody needs them.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { prestartWorker, releasePrestartedWorker, takePrestartedWorker } from "../src/runtime.ts";

const PARSE_WORKER = new URL("../src/content/parse-worker.ts", import.meta.url);

describe("workers started ahead", () => {
  afterEach(() => releasePrestartedWorker("parse-worker"));

  it("hands the worker out once, alive and answering", async () => {
    const started = prestartWorker("parse-worker", PARSE_WORKER)!;
    const worker = takePrestartedWorker("parse-worker");
    expect(worker).toBe(started);
    expect(takePrestartedWorker("parse-worker")).toBeUndefined();
    // A parsing worker sent no files answers that it is done.
    const answer = once(worker!, "message");
    worker!.postMessage({ site: {}, jobs: [], taken: new Int32Array(new SharedArrayBuffer(4)), chunk: 1 });
    expect(await answer).toEqual([{ done: true }]);
    await worker!.terminate();
  });

  it("never hands out a worker that failed to start", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "newsdesk-runtime-"));
    const broken = path.join(dir, "broken.ts");
    writeFileSync(broken, 'throw new Error("cannot load");\n');
    const started = prestartWorker("parse-worker", pathToFileURL(broken))!;
    // (events.once would reject on the worker's error, which is what this waits for.)
    await new Promise((resolve) => started.on("exit", resolve));
    expect(takePrestartedWorker("parse-worker")).toBeUndefined();
  });

  it("stops a worker nobody took", async () => {
    const started = prestartWorker("parse-worker", PARSE_WORKER)!;
    const exited = once(started, "exit");
    releasePrestartedWorker("parse-worker");
    await exited;
    expect(takePrestartedWorker("parse-worker")).toBeUndefined();
  });
});
