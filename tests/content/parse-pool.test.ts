// Parsing on several threads gives exactly what parsing on one gives: same articles, same problems, same order.
import { describe, expect, it } from "vitest";
import { formatCorpusArticle, generateCorpus } from "../../src/bench/corpus.ts";
import { parseSiteConfig } from "../../src/content/index.ts";
import { PARALLEL_THRESHOLD, parseAll, type ParseJob } from "../../src/content/parse-pool.ts";
import { prestartWorker, takePrestartedWorker } from "../../src/runtime.ts";
import { SITE_YAML } from "../support/fixtures.ts";

const site = parseSiteConfig(SITE_YAML, "content/site.yaml").config!;
const encoder = new TextEncoder();
const PARSE_WORKER = new URL("../../src/content/parse-worker.ts", import.meta.url);

/** Corpus files as parse jobs with their bytes. */
function corpusJobs(count: number): ParseJob[] {
  return generateCorpus(count).map((a) => ({ file: `content/news/${a.fileName}`, bytes: encoder.encode(formatCorpusArticle(a)) }));
}

describe("parseAll", () => {
  it("parses on worker threads with the same results, in order, as on the calling thread", async () => {
    const jobs = corpusJobs(PARALLEL_THRESHOLD + 100);
    // Problems too: a misspelt district, a GBK-looking file and raw HTML in a body.
    jobs[7] = { file: "content/news/bad-district.md", bytes: encoder.encode("---\ntitle: 标题\ndate: 2020-02-27 11:31\ndistrict: 长安\n---\n\n正文。\n") };
    jobs[300] = { file: "content/news/gbk.md", bytes: new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0xb3, 0xa4, 0xb0, 0xb2]) };
    jobs[450] = { file: "content/news/raw-html.md", bytes: encoder.encode("---\ntitle: 标题\ndate: 2020-02-27 11:31\ndistrict: 长安区\n---\n\n<b>加粗</b>\n") };

    const alone = { byWorkers: 0 };
    const shared = { byWorkers: 0 };
    const one = await parseAll(jobs, site, { threads: 1, stats: alone });
    const two = await parseAll(jobs, site, { threads: 2, callerParses: false, stats: shared });
    // The default: this thread parses beside one worker (it takes the first chunk before any worker is ready).
    const mixed = { byWorkers: 0 };
    const beside = await parseAll(jobs, site, { threads: 2, stats: mixed });
    expect(alone.byWorkers).toBe(0);
    expect(shared.byWorkers).toBe(jobs.length);
    expect(mixed.byWorkers).toBeLessThan(jobs.length);
    expect(two).toEqual(one);
    expect(beside).toEqual(one);
    expect(one).toHaveLength(jobs.length);
    expect(one[7]!.problems.map((p) => p.message)).toEqual(['unknown district "长安"; did you mean "长安区"?']);
    expect(one[300]!.problems[0]!.message).toMatch(/not valid UTF-8/);
    expect(one[450]!.problems[0]!.message).toBe("raw HTML is not allowed in articles; it is shown as text");
    expect(one[0]!.article?.title).toBe(generateCorpus(1)[0]!.title);
  });

  it("takes the worker started ahead (bin/newsdesk.js) instead of starting one", async () => {
    const jobs = corpusJobs(PARALLEL_THRESHOLD + 50);
    const ahead = prestartWorker("parse-worker", PARSE_WORKER)!;
    const exited = new Promise((resolve) => ahead.on("exit", resolve));
    const stats = { byWorkers: 0 };
    const results = await parseAll(jobs, site, { threads: 2, callerParses: false, stats });
    expect(stats.byWorkers).toBe(jobs.length);
    expect(takePrestartedWorker("parse-worker")).toBeUndefined();
    // It did the parsing (and was stopped with the pool's own workers).
    await exited;
    expect(results).toEqual(await parseAll(jobs, site, { threads: 1 }));
  });

  it("stops the worker started ahead when too few files are worth a worker", async () => {
    const ahead = prestartWorker("parse-worker", PARSE_WORKER)!;
    const exited = new Promise((resolve) => ahead.on("exit", resolve));
    const results = await parseAll(corpusJobs(3), site, { threads: 2 });
    expect(results.map((r) => r.article?.title)).toEqual(generateCorpus(3).map((a) => a.title));
    await exited;
    expect(takePrestartedWorker("parse-worker")).toBeUndefined();
  });
});
