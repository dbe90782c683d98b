// A build killed (SIGKILL) while it is writing leaves the previous _site/ byte for byte as it was, and the
// next build cleans up after it and succeeds. The builds here are full builds (--no-cache): they write a
// whole staging folder, which takes long enough on 3,000 articles to be caught in the act. (A warm build
// stages only the files that changed, then applies them through a journal: see src/site/output.ts.)
import { spawn } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_END, generateCorpus, writeCorpus } from "../../src/bench/corpus.ts";
import { BIN, PROJECT_DIR, SITE_YAML, makeArticle, makeSite, readOutput, runCli } from "../support/fixtures.ts";
import { diffTrees, readTree } from "../support/tree.ts";

const ENV = { SOURCE_DATE_EPOCH: String(CORPUS_END.getTime() / 1000) };

/** Files under `dir` (0 when it is gone). */
function countFiles(dir: string): number {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}

describe("a build killed midway", () => {
  it("leaves the previous _site/ byte-identical, and the next build recovers", { timeout: 600_000 }, async () => {
    const root = makeSite({});
    writeCorpus(root, generateCorpus(3000), SITE_YAML);
    const first = await runCli(["build", "--no-cache", "--root", root], { env: ENV });
    expect(first.code).toBe(0);
    const before = readTree(path.join(root, "_site"));
    expect(before.size).toBeGreaterThan(3000);

    writeFileSync(path.join(root, "content/news/2026-10-31-new-article.md"), makeArticle({ title: "被中断构建之后的新文章", date: "2026-10-31 10:00" }));
    const child = spawn(process.execPath, [BIN, "build", "--no-cache", "--root", root], { cwd: PROJECT_DIR, env: { ...process.env, ...ENV }, stdio: "ignore" });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));

    // Wait until the build is writing its staging folder, then kill it without warning.
    let staging: string | undefined;
    let written = 0;
    let finished = false;
    void exited.then(() => (finished = true));
    while (!finished) {
      staging = readdirSync(root).find((name) => name.startsWith("_site.staging-"));
      written = staging ? countFiles(path.join(root, staging)) : 0;
      if (written >= 200) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(staging).toBeDefined();
    expect(written).toBeGreaterThanOrEqual(200);

    expect(diffTrees(before, readTree(path.join(root, "_site")))).toEqual([]);

    const next = await runCli(["build", "--no-cache", "--root", root], { env: ENV });
    expect(next.stderr).toBe("");
    expect(next.code).toBe(0);
    expect(readdirSync(root).sort()).toEqual(["_site", "content"]);
    expect(readOutput(root, "/news/2026/10/new-article/")).toContain("<h1>被中断构建之后的新文章</h1>");
  });
});
