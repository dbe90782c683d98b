import { describe, expect, it } from "vitest";
import { checkGuards } from "../../src/publish/guards.ts";

const LIMITS = { maxDeletes: 10, maxShrinkFiles: 20, maxShrinkRatio: 0.25 };
const plan = (localFiles: number, remoteObjects: number, deletes: number) => ({
  localFiles,
  remoteObjects,
  deletes: Array.from({ length: deletes }, (_, i) => ({ key: `k${i}`, size: 1 })),
});

describe("checkGuards", () => {
  it.each([
    // local, remote, deletes → refusals (substrings)
    [100, 0, 0, []],
    [100, 100, 0, []],
    [100, 100, 10, []],
    [100, 105, 5, []],
    [80, 100, 10, []], // 20 fewer = limit, 20% < 25%
    [79, 100, 10, ["21 fewer than the 100 published (limit 20); if that is intended, pass --max-shrink-files 21"]],
    [30, 40, 10, []], // exactly 25% fewer: at the limit, allowed
    [29, 40, 10, ["27.5% fewer files than published (29 instead of 40; limit 25%); if that is intended, pass --max-shrink-ratio 0.28"]],
    [100, 100, 11, ["the plan deletes 11 objects (limit 10); if that is intended, pass --max-deletes 11"]],
    [0, 500, 500, ["the build is empty (0 files) while the bucket holds 500 object(s)"]],
    [0, 0, 0, ["the build is empty (0 files)"]],
  ])("%i local, %i remote, %i deletes", (local, remote, deletes, expected) => {
    const refusals = checkGuards(plan(local, remote, deletes), LIMITS);
    expect(refusals).toHaveLength(expected.length);
    expected.forEach((text, i) => expect(refusals[i]).toContain(text));
  });

  it("an empty build is refused even when every limit is lifted", () => {
    expect(checkGuards(plan(0, 10, 10), { maxDeletes: 1e9, maxShrinkFiles: 1e9, maxShrinkRatio: 1 })).toHaveLength(1);
  });

  it("reports every limit a plan breaks", () => {
    expect(checkGuards(plan(10, 1000, 990), LIMITS)).toHaveLength(3);
  });
});
