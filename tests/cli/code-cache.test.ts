// The command runs its bundle with V8's code cache (bin/newsdesk.js): a build takes its code from the cache
// an earlier build of the same kind wrote, and still loads Pagefind, which it imports through the
// command's own import() (src/runtime.ts, importPackage).
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeArticle, makeSite, runCli } from "../support/fixtures.ts";

describe("the command's code cache", () => {
  it("serves a later build its code, which still builds the search index", async () => {
    const root = makeSite({ "2024-03-01-a.md": makeArticle({ title: "第一篇" }), "2024-03-02-b.md": makeArticle({ title: "第二篇" }) });
    // The first build leaves a parse cache: the builds after it are of the kind "site with a cache", the
    // first of which writes that kind's code cache if no earlier build did.
    for (let run = 0; run < 2; run++) expect((await runCli(["build", "--root", root])).code).toBe(0);
    const third = await runCli(["build", "--root", root, "--debug"]);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toMatch(/^newsdesk: code cache used: .*cli-build-cached\.v8cache$/m);
    expect(third.stdout).toContain("(search index: 2 pages)");
    expect(existsSync(path.join(root, "_site/pagefind/pagefind.js"))).toBe(true);
  });
});
