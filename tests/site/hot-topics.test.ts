// The 全站热点 sidebar on built pages, under each ranking rule, with views.json, views.csv and none.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/index.ts";
import { formatProblem } from "../../src/content/index.ts";
import { SITE_YAML, makeArticle, makeSite, runCli } from "../support/fixtures.ts";
import { hotEntries, readPage } from "../support/pages.ts";

// Reference time 2020-04-01 00:00 Beijing; with windowDays 10 the window opens 2020-03-22 00:00.
const NOW = new Date("2020-03-31T16:00:00Z");
const SITE = SITE_YAML.replace(/hot:\n  count: 7\n  windowDays: 30/, "hot:\n  count: 5\n  windowDays: 10");

function hotSite(views?: { name: string; text: string }): string {
  const a = (title: string, date: string, hot = false) => makeArticle({ title, date, ...(hot ? { hot: true } : {}) });
  const root = makeSite(
    {
      "pinned-old.md": a("置顶旧闻", "2019-06-01 08:00", true),
      "pinned-new.md": a("置顶新闻", "2020-03-01 08:00", true),
      "popular.md": a("最多阅读", "2020-03-25 08:00"),
      "less.md": a("阅读较少", "2020-03-28 08:00"),
      "old-popular.md": a("窗口外的热门", "2020-03-21 23:59"),
      "newest.md": a("最新发布", "2020-03-31 20:00"),
      "second.md": a("次新发布", "2020-03-30 20:00"),
      "third.md": a("第三新", "2020-03-29 20:00"),
    },
    SITE,
  );
  if (views) {
    mkdirSync(path.join(root, "content/_data"), { recursive: true });
    writeFileSync(path.join(root, "content/_data", views.name), views.text);
  }
  return root;
}

async function sidebarOf(root: string): Promise<string[]> {
  const result = await buildSite({ root, now: NOW });
  expect(result.ok).toBe(true);
  return hotEntries(readPage(root, "/"));
}

const JSON_VIEWS = JSON.stringify({
  "/news/2020/03/popular/": 5953,
  "/news/2020/03/less/": 120,
  "/news/2020/03/old-popular/": 99999,
  "/news/2019/06/pinned-old/": 1234567,
});

describe("全站热点", () => {
  it("without views data: pins newest first, then the newest articles; no 阅读 label anywhere", async () => {
    const root = hotSite();
    expect(await sidebarOf(root)).toEqual([
      "置顶新闻 | 2020-03-01 08:00",
      "置顶旧闻 | 2019-06-01 08:00",
      "最新发布 | 2020-03-31 20:00",
      "次新发布 | 2020-03-30 20:00",
      "第三新 | 2020-03-29 20:00",
    ]);
    expect(readPage(root, "/").querySelector("aside.sidebar")!.text).not.toContain("阅读");
  });

  it("with views.json: pins, then the most read inside the window, then the newest; counts shown as 阅读 n,nnn", async () => {
    const root = hotSite({ name: "views.json", text: JSON_VIEWS });
    expect(await sidebarOf(root)).toEqual([
      "置顶新闻 | 2020-03-01 08:00",
      "置顶旧闻 | 2019-06-01 08:00 | 阅读 1,234,567",
      "最多阅读 | 2020-03-25 08:00 | 阅读 5,953",
      "阅读较少 | 2020-03-28 08:00 | 阅读 120",
      // 窗口外的热门 was published one minute before the window: its 99,999 reads do not rank it.
      "最新发布 | 2020-03-31 20:00",
    ]);
  });

  it("with views.csv: the same ranking", async () => {
    const csv = "path,views\n/news/2020/03/popular/,5953\n/news/2020/03/less/,120\n/news/2020/03/old-popular/,99999\n/news/2019/06/pinned-old/,1234567\n";
    expect(await sidebarOf(hotSite({ name: "views.csv", text: csv }))).toEqual(await sidebarOf(hotSite({ name: "views.json", text: JSON_VIEWS })));
  });

  it("shows the same list on every kind of page", async () => {
    const root = hotSite({ name: "views.json", text: JSON_VIEWS });
    const home = await sidebarOf(root);
    for (const url of ["/news/", "/districts/", "/districts/changan/", "/tags/", "/news/2020/03/popular/", "/news/2019/06/pinned-old/"]) {
      expect(hotEntries(readPage(root, url)), url).toEqual(home);
    }
  });

  it("reproduces exactly from SOURCE_DATE_EPOCH: a later reference time moves the window", async () => {
    const root = hotSite({ name: "views.json", text: JSON_VIEWS });
    // 2020-04-05 00:00 Beijing: the window opens 2020-03-26, so 最多阅读 (03-25) drops out.
    const run = await runCli(["build", "--root", root], { env: { SOURCE_DATE_EPOCH: String(Date.parse("2020-04-04T16:00:00Z") / 1000) } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(hotEntries(readPage(root, "/"))).toEqual([
      "置顶新闻 | 2020-03-01 08:00",
      "置顶旧闻 | 2019-06-01 08:00 | 阅读 1,234,567",
      "阅读较少 | 2020-03-28 08:00 | 阅读 120",
      "最新发布 | 2020-03-31 20:00",
      "次新发布 | 2020-03-30 20:00",
    ]);
  });

  it("warns about paths that are no article and still builds", async () => {
    const root = hotSite({ name: "views.json", text: `{\n  "/news/2020/03/popular/": 10,\n  "/news/2020/03/deleted/": 500\n}\n` });
    const result = await buildSite({ root, now: NOW });
    expect(result.ok).toBe(true);
    expect(result.problems.map(formatProblem)).toEqual([
      'content/_data/views.json:3:3  warning  "/news/2020/03/deleted/" is not the URL of any article; its count is ignored\n  hint: 阅读数文件中的这个网址不是本站文章（可能已删除或写错），已忽略',
    ]);
    expect(hotEntries(readPage(root, "/"))[2]).toBe("最多阅读 | 2020-03-25 08:00 | 阅读 10");
  });

  it("stops the build on a malformed views file, naming file, line and column", async () => {
    const root = hotSite({ name: "views.json", text: `{\n  "/news/2020/03/popular/": "10"\n}\n` });
    const run = await runCli(["build", "--root", root]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'content/_data/views.json:2:29  /news/2020/03/popular/  expected a whole number of reads, received the text "10"\n  hint: 阅读数必须是不小于 0 的整数，例如 5953（不要加引号）',
    );
  });
});
