// Every page's footer and government meta tags, as printed in the built HTML, escaped.
import { parse } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/index.ts";
import { SITE_YAML, makeArticle, makeSite, readOutput, readSeed } from "../support/fixtures.ts";

const SEED_PATH = "/news/2020/02/changan-health-bureau/";
let page: ReturnType<typeof parse>;

beforeAll(async () => {
  const root = makeSite({ "2020-02-27-changan-health-bureau.md": readSeed() });
  const result = await buildSite({ root, now: new Date("2026-01-01T00:00:00Z") });
  expect(result.ok).toBe(true);
  page = parse(readOutput(root, SEED_PATH));
});

function metaTags(doc: ReturnType<typeof parse>): [string, string][] {
  return doc
    .querySelectorAll("meta[name]")
    .map((m) => [m.getAttribute("name")!, m.getAttribute("content")!] as [string, string])
    .filter(([name]) => name !== "viewport");
}

describe("the footer", () => {
  it("states the organiser, contact and site identification code", () => {
    const items = page.querySelectorAll("footer.site-footer li").map((li) => li.text);
    expect(items).toEqual([
      "主办单位：兵马俑在线编辑部（示例）",
      "联系方式：029-00000000（示例）",
      "网站标识码：6101000000",
      "陕ICP备00000000号-1",
      "陕公网安备 61010002000000号",
      "© 兵马俑在线",
    ]);
  });

  it("links the ICP number to the MIIT registry and the 公网安备 number to its MPS record", () => {
    const links = page.querySelectorAll("footer.site-footer a").map((a) => [a.text, a.getAttribute("href")]);
    expect(links).toEqual([
      ["陕ICP备00000000号-1", "https://beian.miit.gov.cn/"],
      ["陕公网安备 61010002000000号", "https://beian.mps.gov.cn/#/query/webSearch?code=61010002000000"],
    ]);
  });
});

describe("government meta tags", () => {
  it("carries SiteName, SiteDomain, SiteIDCode, ColumnName and the article's tags on the seed article", () => {
    expect(metaTags(page)).toEqual([
      ["description", "长安区卫生健康局党委把打赢疫情防控阻击战作为当前重大政治任务，充分发挥党支部战斗堡垒和党员先锋模范作用。"],
      ["SiteName", "兵马俑在线"],
      ["SiteDomain", "www.bmy-online.example.cn"],
      ["SiteIDCode", "6101000000"],
      ["ColumnName", "区县播报"],
      ["ArticleTitle", '长安人民的忠诚"卫"士'],
      ["PubDate", "2020-02-27 11:31"],
      ["ContentSource", "长安区人民政府网站"],
      ["Author", "特约记者 师展"],
      ["Keywords", "疫情防控,卫生健康"],
    ]);
  });

  it("escapes every value, from the article and from site.yaml", async () => {
    const nasty = `"><script>alert(1)</script>&`;
    const yaml = SITE_YAML.replace(/^ {2}organiser: .*$/m, `  organiser: '${nasty}'`).replace(
      /^name: .*$/m,
      `name: '${nasty}'`,
    );
    const root = makeSite({ "a.md": makeArticle({ title: nasty, source: nasty, tags: [`'${nasty}'`] }) }, yaml);
    const result = await buildSite({ root, now: new Date("2026-01-01T00:00:00Z") });
    expect(result.problems).toEqual([]);
    const source = readOutput(root, "/news/2020/02/a/");
    expect(source).not.toContain("<script>alert(1)</script>");
    const escaped = "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;";
    for (const name of ["SiteName", "ArticleTitle", "ContentSource", "Author", "Keywords"]) {
      expect(source).toContain(`<meta name="${name}" content="${escaped}">`);
    }
    expect(source).toContain(`<li>主办单位：${escaped}</li>`);
    const doc = parse(source);
    expect(doc.querySelector('meta[name="ArticleTitle"]')!.getAttribute("content")).toBe(nasty);
  });
});
