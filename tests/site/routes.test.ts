// `newsdesk serve` renders pages on demand through src/site/routes.ts instead of Eleventy: every page it
// can serve must be byte-identical to the file the build writes, and every page the build writes must be
// servable.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createSiteModel, newsdeskSite } from "../../src/site/index.ts";
import { buildSite } from "../../src/site/index.ts";
import { findRoute, recordTemplates, resolveRoutes, type Route } from "../../src/site/routes.ts";
import { loadSite } from "../../src/content/index.ts";
import { makeArticle, makeSite, readSeed } from "../support/fixtures.ts";
import { readTree } from "../support/tree.ts";

const NOW = new Date("2024-04-01T00:00:00Z");
let built: Map<string, Buffer>;
let routes: Map<string, Route>;

beforeAll(async () => {
  const articles: Record<string, string> = { "2020-02-27-changan-health-bureau.md": readSeed() };
  for (let i = 1; i <= 45; i++) {
    const day = String((i % 28) + 1).padStart(2, "0");
    articles[`2024-03-${day}-item-${i}.md`] = makeArticle({ title: `第${i}篇文章`, date: `2024-03-${day} ${String(i % 24).padStart(2, "0")}:00`, district: i % 2 ? "雁塔区" : "长安区", tags: [`标签${i % 4}`] });
  }
  const root = makeSite(articles);
  const result = await buildSite({ root, now: NOW });
  expect(result.problems).toEqual([]);
  built = readTree(path.join(root, "_site"));
  const loaded = await loadSite(root, { now: NOW });
  routes = resolveRoutes(recordTemplates(newsdeskSite), createSiteModel(loaded.content!));
});

const fileOf = (url: string) => (url.endsWith("/") ? `${url}index.html` : url).slice(1);

describe("pages rendered on demand", () => {
  it("are byte-identical to the files the build writes", async () => {
    expect(routes.size).toBeGreaterThan(50);
    for (const [url, route] of routes) {
      const file = built.get(fileOf(url));
      expect(file, url).toBeDefined();
      expect(await route.render(), url).toBe(file!.toString("utf8"));
    }
  });

  it("cover every page and asset the build writes", () => {
    const servable = new Set([...routes.keys()].map(fileOf));
    // The search index (/pagefind/) is made by the build from the pages, not by a template.
    const missing = [...built.keys()].filter((f) => /\.(html|css|js)$/.test(f) && !f.startsWith("pagefind/") && !servable.has(f));
    expect(missing).toEqual([]);
  });

  it("are found by directory URL, by index.html, and redirected without the trailing slash", () => {
    expect(findRoute(routes, "/news/2020/02/changan-health-bureau/").route?.url).toBe("/news/2020/02/changan-health-bureau/");
    expect(findRoute(routes, "/news/2020/02/changan-health-bureau/index.html").route?.url).toBe("/news/2020/02/changan-health-bureau/");
    expect(findRoute(routes, "/news/2020/02/changan-health-bureau")).toEqual({ redirect: "/news/2020/02/changan-health-bureau/" });
    expect(findRoute(routes, "/news/2020/02/nothing/")).toEqual({});
  });
});

describe("the Eleventy subset routes.ts follows", () => {
  const article = { url: "/a/" };
  const other = { url: "/b/" };
  const model = { list: [article, other] } as unknown as Parameters<typeof resolveRoutes>[1];
  const template = (pagination: Record<string, unknown>) => [
    { name: "t.11ty.js", template: { data: { pagination, permalink: (d: { item: { url: string } }) => d.item.url }, render: (d: Record<string, unknown>) => (d.item as { url: string }).url } },
  ];

  it("applies pagination.before, as Eleventy does", async () => {
    const routes = resolveRoutes(template({ data: "newsdesk.list", size: 1, alias: "item", before: (items: { url: string }[]) => items.filter((i) => i.url !== "/a/") }), model);
    expect([...routes.keys()]).toEqual(["/b/"]);
    expect(await routes.get("/b/")!.render()).toBe("/b/");
  });

  it("refuses a pagination option it does not follow, instead of serving something else", () => {
    expect(() => resolveRoutes(template({ data: "newsdesk.list", size: 1, alias: "item", reverse: true }), model)).toThrow(
      "t.11ty.js: pagination option reverse is not supported by newsdesk serve (src/site/routes.ts)",
    );
  });
});
