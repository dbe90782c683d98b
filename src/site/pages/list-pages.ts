// List pages: /news/, /districts/<slug>/ and /tags/<slug>/ with their numbered pages, plus the home page
// and the district and tag overviews. Every page object is precomputed by the site model; Eleventy only
// walks those arrays one page object at a time (no slicing or sorting per page), and in a big full build
// only the first page of each (leaveOutListPages).
import { renderHomePage } from "../../../templates/home.ts";
import { renderListPage } from "../../../templates/list.ts";
import { renderDistrictsPage, renderTagsPage } from "../../../templates/overviews.ts";
import type { EleventyConfig } from "../eleventy-config.ts";
import type { ListPageModel, SiteModel } from "../model.ts";
import { pagesStayAsRendered } from "../page-workers.ts";

interface ListTemplateData {
  listPage: ListPageModel;
  newsdesk: SiteModel;
}

const FAMILIES = {
  "news-list": "newsdesk.newsPages",
  "district-list": "newsdesk.districtPages",
  "tag-list": "newsdesk.tagPages",
} as const;

/** Every numbered list page of the site. */
export function listPagesOf(model: SiteModel): ListPageModel[] {
  return [...model.newsPages, ...model.districtPages, ...model.tagPages];
}

const districtNavs = new WeakMap<SiteModel, unknown>();

/**
 * Everything a list page shows besides what the code and site configuration fix: a warm build renders
 * the page again only when the fingerprint of these changes (page-keys.ts). Keep in step with
 * templates/list.ts; tests/site/build-cache.test.ts checks warm against cold output.
 */
export function listPageInputs(model: SiteModel, page: ListPageModel): unknown {
  // The district links (name and count of every district) are the same on every page: built once.
  let nav = districtNavs.get(model);
  if (!nav) {
    nav = model.districts.map((d) => [d.district.name, d.url, d.articles.length]);
    districtNavs.set(model, nav);
  }
  return {
    page: [page.kind, page.pageNumber, page.pageCount, page.url, page.baseUrl, page.total],
    items: page.items,
    heading: page.kind === "district" ? page.district.district.name : page.kind === "tag" ? page.tag.name : "",
    nav: page.kind === "tag" ? null : nav,
    hot: model.hot,
    assets: model.assets,
  };
}

let leavingOut = false;
/** The numbered list pages left out of Eleventy's steps, and the first page of each template, which was not. */
let leftOut: { pages: ListPageModel[]; through: ListPageModel[] } = { pages: [], through: [] };

/**
 * Whether, in the render about to start, the numbered list pages but the first of each template (news,
 * districts, tags) are left out of Eleventy's steps when Eleventy would write them exactly as their
 * template renders them (pagesStayAsRendered): its own steps for a page cost more than rendering it.
 * build.ts then renders them (takeLeftOutListPages) and checks each template's first page against what
 * Eleventy made of it.
 */
export function leaveOutListPages(on: boolean): void {
  leavingOut = on;
  leftOut = { pages: [], through: [] };
}

/** The list pages left out of Eleventy, and those that went through it first (leaveOutListPages); none are left out after. */
export function takeLeftOutListPages(): { pages: ListPageModel[]; through: ListPageModel[] } {
  const taken = leftOut;
  leavingOut = false;
  leftOut = { pages: [], through: [] };
  return taken;
}

function leaveOut(pages: ListPageModel[], data: ListTemplateData): ListPageModel[] {
  if (!leavingOut || pages.length < 2 || !pagesStayAsRendered(data as unknown as Record<string, unknown>)) return pages;
  leftOut.through.push(pages[0]!);
  // One at a time: a big site's list can hold more pages than a call takes arguments.
  for (let i = 1; i < pages.length; i++) leftOut.pages.push(pages[i]!);
  leftOutOfEleventy += pages.length - 1;
  return pages.slice(0, 1);
}

let leftOutOfEleventy = 0;

/** How many list pages were left out of Eleventy's steps in this process (tests check when they are). */
export function listPagesLeftOutOfEleventy(): number {
  return leftOutOfEleventy;
}

export function addListPages(eleventyConfig: EleventyConfig): void {
  for (const [name, data] of Object.entries(FAMILIES)) {
    eleventyConfig.addTemplate<ListTemplateData>(`${name}.11ty.js`, {
      data: {
        // "page" is Eleventy's own variable, hence "listPage".
        pagination: {
          data,
          size: 1,
          alias: "listPage",
          // A warm build leaves the pages it keeps from the last build alone; a big full build may leave
          // all but the first to build.ts (leaveOutListPages).
          before: (pages: ListPageModel[], d: ListTemplateData) =>
            leaveOut(d.newsdesk.keptPageUrls.size === 0 ? pages : pages.filter((p) => !d.newsdesk.keptPageUrls.has(p.url)), d),
        },
        permalink: (d: ListTemplateData) => d.listPage.url,
        eleventyExcludeFromCollections: true,
      },
      render: ({ listPage, newsdesk }) => renderListPage({ model: newsdesk, page: listPage }),
    });
  }
  const single = (name: string, permalink: string, render: (args: { model: SiteModel }) => string) =>
    eleventyConfig.addTemplate<{ newsdesk: SiteModel }>(`${name}.11ty.js`, {
      data: { permalink, eleventyExcludeFromCollections: true },
      render: ({ newsdesk }) => render({ model: newsdesk }),
    });
  single("home", "/", renderHomePage);
  single("districts", "/districts/", renderDistrictsPage);
  single("tags", "/tags/", renderTagsPage);
}
