// Builds a site holding the seed article and checks the page against what a reader of the seed saw.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/index.ts";
import { SEED_DIR, makeSite, readOutput, readSeed } from "../support/fixtures.ts";

const URL_PATH = "/news/2020/02/changan-health-bureau/";
let page: ReturnType<typeof parse>;
let source: string;

beforeAll(async () => {
  const root = makeSite({ "2020-02-27-changan-health-bureau.md": readSeed() });
  const result = await buildSite({ root, now: new Date("2026-01-01T00:00:00Z") });
  expect(result.problems).toEqual([]);
  expect(result.ok).toBe(true);
  source = readOutput(root, URL_PATH);
  page = parse(source);
});

/** Paragraphs of the seed as the reader saw them, after the title, meta and byline lines. */
function seedParagraphs(): { headings: string[]; paragraphs: string[] } {
  const lines = readFileSync(path.join(SEED_DIR, "changan-health-bureau.txt"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const body = lines.slice(3, lines.indexOf("全站热点"));
  const headings = body.filter((l) => !/[。!！]$/.test(l) && l.length < 30);
  const paragraphs = body.filter((l) => !headings.includes(l));
  return { headings, paragraphs };
}

describe("the Chang'an article page", () => {
  it("is a zh-CN HTML document", () => {
    expect(source.startsWith("<!doctype html>\n<html lang=\"zh-CN\">")).toBe(true);
  });

  it("has the breadcrumb 网站首页 > 区县播报 > 正文阅读", () => {
    const items = page.querySelectorAll("nav.breadcrumb li");
    expect(items.map((li) => li.text)).toEqual(["网站首页", "区县播报", "正文阅读"]);
    expect(items.map((li) => li.querySelector("a")?.getAttribute("href") ?? null)).toEqual(["/", "/news/", null]);
    expect(items[2]!.getAttribute("aria-current")).toBe("page");
  });

  it("has the title with its quotes escaped in <title>, <h1> and attributes", () => {
    expect(source).toContain("<title>长安人民的忠诚&quot;卫&quot;士 - 兵马俑在线</title>");
    expect(source).toContain("<h1>长安人民的忠诚&quot;卫&quot;士</h1>");
    expect(page.querySelector("title")!.text).toBe('长安人民的忠诚"卫"士 - 兵马俑在线');
    expect(page.querySelectorAll("h1")).toHaveLength(1);
  });

  it("shows the subtitle after a dash", () => {
    expect(page.querySelector(".subtitle")!.text).toBe("—长安区卫生健康局党委疫情防控工作侧记");
  });

  it("has the exact meta line with a machine-readable Beijing time", () => {
    const meta = page.querySelector(".article-meta")!;
    expect(meta.text).toBe("2020-02-27 11:31 来源:长安区人民政府网站 兵马俑在线");
    expect(meta.querySelector("time")!.getAttribute("datetime")).toBe("2020-02-27T11:31:00+08:00");
  });

  it("opens the body with the byline, as the seed page does", () => {
    const first = page.querySelector(".article-body p")!;
    expect(first.querySelector(".byline")!.text).toBe("(特约记者 师展)");
    expect(first.text.startsWith("(特约记者 师展)新型冠状病毒感染的肺炎疫情发生以来")).toBe(true);
  });

  it("has the four section headings and every body paragraph of the seed", () => {
    const { headings, paragraphs } = seedParagraphs();
    expect(headings).toHaveLength(4);
    expect(page.querySelectorAll(".article-body h2").map((h) => h.text)).toEqual(headings);
    const rendered = page.querySelectorAll(".article-body p").map((p) => p.text);
    expect(rendered[0]).toBe(`(特约记者 师展)${paragraphs[0]!.replace(/^\(特约记者 师展\)/, "")}`);
    expect(rendered.slice(1)).toEqual(paragraphs.slice(1));
  });

  it("describes itself with the summary and a canonical URL", () => {
    expect(page.querySelector('meta[name="description"]')!.getAttribute("content")).toBe(
      "长安区卫生健康局党委把打赢疫情防控阻击战作为当前重大政治任务，充分发挥党支部战斗堡垒和党员先锋模范作用。",
    );
    expect(page.querySelector('link[rel="canonical"]')!.getAttribute("href")).toBe(
      `https://www.bmy-online.example.cn${URL_PATH}`,
    );
  });

  it("has a 全站热点 sidebar slot", () => {
    expect(page.querySelector("aside.sidebar h2")!.text).toBe("全站热点");
  });
});
