// `newsdesk serve` in a real Chromium: the real command on a fixture site; an open page reloads by itself
// after an edit, an edit parses only the edited file, a mistake shows its exact message in the browser,
// new and deleted articles appear and disappear, and drafts stay hidden unless --drafts.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser.ts";
import { BIN, PROJECT_DIR, makeArticle, makeSite } from "../support/fixtures.ts";

const ENV = { SOURCE_DATE_EPOCH: String(Date.parse("2024-04-01T00:00:00Z") / 1000) };

interface Served {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

/** Starts the real `newsdesk serve` and waits for the line that says where it serves. */
async function serve(root: string, extra: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--root", root, ...extra], { cwd: PROJECT_DIR, env: { ...process.env, ...ENV } });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      stdout += d;
      const match = /^Serving (http:\/\/127\.0\.0\.1:\d+\/) /m.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}

async function stop(served: Served | undefined): Promise<number | null> {
  if (!served || served.child.exitCode !== null) return served?.child.exitCode ?? null;
  const exited = new Promise<number | null>((resolve) => served.child.on("exit", (code) => resolve(code)));
  served.child.kill("SIGINT");
  return exited;
}

/** Saves a file as an editor would, with a later mtime so the change is seen however coarse the clock. */
function save(root: string, name: string, text: string): void {
  const file = path.join(root, "content/news", name);
  writeFileSync(file, text);
  const later = new Date(Date.now() + 2_000);
  utimesSync(file, later, later);
}

const waitForText = (page: Page, selector: string, text: string) =>
  page.waitForFunction(([s, t]) => document.querySelector(s!)?.textContent === t, [selector, text], { timeout: 60_000, polling: 50 });

let browser: Browser;
let root: string;
let served: Served;

beforeAll(async () => {
  root = makeSite({
    "2024-03-01-changan.md": makeArticle({ title: "长安区的文章", date: "2024-03-01 09:00" }),
    "2024-03-02-yanta.md": makeArticle({ title: "雁塔区的文章", date: "2024-03-02 09:00", district: "雁塔区" }),
    "2024-03-03-caogao.md": makeArticle({ title: "一篇草稿", date: "2024-03-03 09:00", draft: true }),
  });
  [browser, served] = await Promise.all([launchChromium(), serve(root)]);
});

afterAll(async () => {
  await browser?.close();
  await stop(served);
});

describe("newsdesk serve", () => {
  it("serves the site on 127.0.0.1, without drafts", async () => {
    const page = await browser.newPage();
    await page.goto(`${served.url}news/2024/03/changan/`);
    expect(await page.locator("h1").innerText()).toBe("长安区的文章");
    const draft = await page.goto(`${served.url}news/2024/03/caogao/`);
    expect(draft!.status()).toBe(404);
    await page.close();
  });

  it("reloads an open page by itself after an edit, parsing only the edited file", async () => {
    const page = await browser.newPage();
    await page.goto(`${served.url}news/2024/03/changan/`);
    save(root, "2024-03-01-changan.md", makeArticle({ title: "改过的标题", date: "2024-03-01 09:00" }, "新的第一段。\n"));
    await waitForText(page, "h1", "改过的标题");
    expect(await page.locator(".article-body p").first().innerText()).toBe("新的第一段。");
    expect(served.stderr()).toMatch(/^content\/news\/2024-03-01-changan\.md changed: reloaded in \d+ ms \(1 parsed\)\.$/m);
    await page.close();
  });

  it("shows a mistake's exact message in the browser, and the page again once it is fixed", async () => {
    const page = await browser.newPage();
    await page.goto(`${served.url}news/2024/03/yanta/`);
    save(root, "2024-03-02-yanta.md", makeArticle({ title: "雁塔区的文章", date: "2024-03-02 09:00", district: "雁塔" }));
    await waitForText(page, "h1", "内容有错误，网站暂时无法预览");
    expect(await page.locator("pre").allInnerTexts()).toEqual([
      'content/news/2024-03-02-yanta.md:4:11  district  unknown district "雁塔"; did you mean "雁塔区"?\n  hint: 区县名称应为 雁塔区',
    ]);
    expect(served.stderr()).toContain('content/news/2024-03-02-yanta.md:4:11  district  unknown district "雁塔"; did you mean "雁塔区"?');
    save(root, "2024-03-02-yanta.md", makeArticle({ title: "雁塔区的文章（已更正）", date: "2024-03-02 09:00", district: "雁塔区" }));
    await waitForText(page, "h1", "雁塔区的文章（已更正）");
    expect(served.stderr()).toContain("No errors left.");
    await page.close();
  });

  it("serves a new article once it is saved, and forgets a deleted one", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${served.url}news/2024/03/xin-wen/`);
    expect(response!.status()).toBe(404);
    save(root, "2024-03-05-xin-wen.md", makeArticle({ title: "刚写好的新文章", date: "2024-03-05 09:00" }));
    await waitForText(page, "h1", "刚写好的新文章");
    const list = await browser.newPage();
    await list.goto(`${served.url}news/`);
    expect(await list.locator("main").innerText()).toContain("刚写好的新文章");
    rmSync(path.join(root, "content/news/2024-03-05-xin-wen.md"));
    await list.waitForFunction(() => !document.querySelector("main")?.textContent?.includes("刚写好的新文章"), undefined, { timeout: 60_000, polling: 50 });
    expect((await page.goto(`${served.url}news/2024/03/xin-wen/`))!.status()).toBe(404);
    await Promise.all([page.close(), list.close()]);
  });

  it("tells a page rendered before the last change to reload as soon as it listens", async () => {
    // Every page names the version it shows; the edits above moved the site past version 1.
    const page = await (await fetch(`${served.url}news/2024/03/changan/`)).text();
    const shown = /<script src="\/__newsdesk\/live-reload\.js\?v=(\d+)"><\/script>/.exec(page)?.[1];
    expect(Number(shown)).toBeGreaterThan(1);
    const firstEvents = async (since: string) => {
      const controller = new AbortController();
      const response = await fetch(`${served.url}__newsdesk/events?since=${since}`, { signal: controller.signal });
      const reader = response.body!.getReader();
      let text = "";
      const timer = setTimeout(() => controller.abort(), 1000);
      try {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
      } catch {
        // Aborted after a second: what arrived by then is the answer.
      } finally {
        clearTimeout(timer);
      }
      return text;
    };
    expect(await firstEvents("1")).toContain("event: reload");
    expect(await firstEvents(shown!)).not.toContain("event: reload");
  });

  it("shows drafts with --drafts, and stops cleanly on Ctrl+C", async () => {
    const preview = await serve(root, ["--drafts"]);
    try {
      const page = await browser.newPage();
      await page.goto(`${preview.url}news/2024/03/caogao/`);
      expect(await page.locator("h1").innerText()).toBe("一篇草稿");
      await page.close();
    } finally {
      expect(await stop(preview)).toBe(0);
    }
  });

  it("puts back a _site/ that a build killed between its two renames had moved aside", async () => {
    const site = makeSite({ "2024-03-01-changan.md": makeArticle({ title: "长安区的文章", date: "2024-03-01 09:00" }) });
    mkdirSync(path.join(site, "_site.previous-0badf00d/news"), { recursive: true });
    writeFileSync(path.join(site, "_site.previous-0badf00d/index.html"), "<p>上一次发布的网站</p>\n");
    const preview = await serve(site);
    try {
      expect(readdirSync(site).sort()).toEqual(["_site", "content"]);
      expect(existsSync(path.join(site, "_site/index.html"))).toBe(true);
    } finally {
      expect(await stop(preview)).toBe(0);
    }
  });
});
