// Two builds of the same content are byte-identical whatever the machine's time zone, locale, checkout
// folder and file modification times: the output depends on the content and SOURCE_DATE_EPOCH alone.
import { cpSync, mkdtempSync, readdirSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR, readSeed, runCli, writeArticle } from "../support/fixtures.ts";
import { diffTrees, readTree } from "../support/tree.ts";

/** The sample site plus the seed article, copied into a fresh folder (another checkout). */
function checkout(): string {
  const root = mkdtempSync(path.join(tmpdir(), "newsdesk-checkout-"));
  cpSync(path.join(PROJECT_DIR, "content"), path.join(root, "content"), { recursive: true });
  writeArticle(root, "2020-02-27-changan-health-bureau.md", readSeed());
  return root;
}

/** Sets every content file's access and modification time. */
function touchAll(root: string, time: Date): void {
  for (const entry of readdirSync(path.join(root, "content"), { recursive: true, withFileTypes: true })) {
    utimesSync(path.join(entry.parentPath, entry.name), time, time);
  }
}

describe("deterministic output", () => {
  it("builds byte-identical sites under other TZ, locale, folder and file times", async () => {
    const env = { SOURCE_DATE_EPOCH: "1798761600" }; // 2027-01-01
    const first = checkout();
    const second = checkout();
    touchAll(first, new Date("2001-01-01T00:00:00Z"));
    touchAll(second, new Date("2030-06-15T12:34:56Z"));
    const a = await runCli(["build", "--root", first], { env: { ...env, TZ: "UTC", LANG: "C", LC_ALL: "C" } });
    // Between builds the files are touched again: only content may matter, never when a file was saved.
    touchAll(second, new Date("2012-12-12T12:12:12Z"));
    const b = await runCli(["build", "--root", second], {
      env: { ...env, TZ: "America/Los_Angeles", LANG: "zh_CN.UTF-8", LC_ALL: "zh_CN.UTF-8" },
    });
    expect(a.stderr).toBe("");
    expect(b.stderr).toBe("");
    expect([a.code, b.code]).toEqual([0, 0]);
    const treeA = readTree(path.join(first, "_site"));
    const treeB = readTree(path.join(second, "_site"));
    // The whole sample site is there: every article page and the hashed stylesheet.
    expect(treeA.size).toBeGreaterThanOrEqual(16);
    expect([...treeA.keys()].some((p) => /^assets\/site\.[0-9a-f]{10}\.css$/.test(p))).toBe(true);
    expect(diffTrees(treeA, treeB)).toEqual([]);
    // No machine path leaks into the output.
    for (const [file, bytes] of treeA) {
      expect(bytes.includes(first), file).toBe(false);
      expect(bytes.includes(tmpdir()), file).toBe(false);
    }
  });
});
