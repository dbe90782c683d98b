// The same content built under different machine time zones gives byte-identical output.
import { describe, expect, it } from "vitest";
import { makeArticle, makeSite, readSeed, runCli } from "../support/fixtures.ts";
import { diffTrees, readTree } from "../support/tree.ts";

describe("time zones", () => {
  it("builds byte-identical output under TZ=UTC and TZ=Asia/Shanghai", async () => {
    const root = makeSite({
      "2020-02-27-changan-health-bureau.md": readSeed(),
      // Near midnight: the day and month differ between UTC and Beijing time.
      "2020-02-29-midnight.md": makeArticle({ title: "跨月", date: "2020-03-01 00:30", district: "雁塔区" }),
      "2020-02-01-rfc.md": makeArticle({ title: "带时区", date: "2020-01-31T20:00:00-05:00", district: "碑林区" }),
    });
    const env = { SOURCE_DATE_EPOCH: "1767225600" };
    const utc = await runCli(["build", "--root", root, "--out", "out-utc"], { env: { ...env, TZ: "UTC" } });
    const cst = await runCli(["build", "--root", root, "--out", "out-cst"], { env: { ...env, TZ: "Asia/Shanghai" } });
    const ny = await runCli(["build", "--root", root, "--out", "out-ny"], { env: { ...env, TZ: "America/New_York" } });
    expect([utc.code, cst.code, ny.code]).toEqual([0, 0, 0]);
    const a = readTree(`${root}/out-utc`);
    expect([...a.keys()]).toContain("news/2020/03/midnight/index.html");
    expect([...a.keys()]).toContain("news/2020/02/rfc/index.html");
    expect(diffTrees(a, readTree(`${root}/out-cst`))).toEqual([]);
    expect(diffTrees(a, readTree(`${root}/out-ny`))).toEqual([]);
    const page = a.get("news/2020/03/midnight/index.html")!.toString();
    expect(page).toContain('<time datetime="2020-03-01T00:30:00+08:00">2020-03-01 00:30</time>');
  });
});
