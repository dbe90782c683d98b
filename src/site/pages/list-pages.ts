// List pages: /news/, /districts/<slug>/ and /tags/<slug>/ with their numbered pages, plus the home page
// and the district and tag overviews. Every page object is precomputed by the site model; Eleventy only
// walks those arrays one page object at a time (no slicing or sorting per page), and in a big full build
// only the first page of each (leaveOutListPages).
import { renderHomePage } from "../../../templates/home.ts";
import { renderListPage } from "../../../templates/list.ts";
import { renderDistrictsPage, renderTagsPage } from "../../../templates/overviews.ts";
import type { EleventyConfig } from "../eleventy-config.ts";
import type { ListPageModel, SiteModel } from "../model.ts";
import { keyOfText, type Fingerprinter } from "../page-keys.ts";
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

/** The district links (name and count of every district), the same on every page: made once per model. */
function districtNavOf(model: SiteModel): unknown {
  let nav = districtNavs.get(model);
  if (!nav) districtNavs.set(model, (nav = model.districts.map((d) => [d.district.name, d.url, d.articles.length])));
  return nav;
}

/**
 * Everything a list page shows besides what the code and site configuration fix: a warm build renders
 * the page again only when the fingerprint of these changes (page-keys.ts; listPageKey works it out without
 * making them). Keep in step with templates/list.ts; tests/site/build-cache.test.ts checks warm against
 * cold output.
 */
export function listPageInputs(model: SiteModel, page: ListPageModel): unknown {
  const nav = districtNavOf(model);
  return {
    page: [page.kind, page.pageNumber, page.pageCount, page.url, page.baseUrl, page.total],
    items: page.items,
    heading: headingOf(page),
    nav: page.kind === "tag" ? null : nav,
    hot: model.hot,
    assets: model.assets,
  };
}

/** What the page's heading names: its district or tag. */
function headingOf(page: ListPageModel): string {
  return page.kind === "district" ? page.district.district.name : page.kind === "tag" ? page.tag.name : "";
}

/** Per fingerprinter: the texts of the parts every list page of a site model shares. */
const sharedListTexts = new WeakMap<Fingerprinter, { model: SiteModel; assets: string; hot: string; nav: string }>();

/**
 * pageKey(fingerprints, "list", listPageInputs(model, page)), the same key, put together from the parts'
 * own texts: without the generic walk (sorting each object's keys, quoting them), and with the parts every
 * list page shares fingerprinted once. tests/site/page-keys.test.ts holds the two to the same keys.
 */
export function listPageKey(fingerprints: Fingerprinter, model: SiteModel, page: ListPageModel): string {
  let shared = sharedListTexts.get(fingerprints);
  if (shared?.model !== model) {
    const texts = { assets: fingerprints.of(model.assets), hot: fingerprints.of(model.hot), nav: fingerprints.of(districtNavOf(model)) };
    sharedListTexts.set(fingerprints, (shared = { model, ...texts }));
  }
  let items = "";
  for (const article of page.items) items += `${items ? "," : ""}${fingerprints.of(article)}`;
  const numbers = `[${JSON.stringify(page.kind)},${page.pageNumber},${page.pageCount},${JSON.stringify(page.url)},${JSON.stringify(page.baseUrl)},${page.total}]`;
  // Objects' keys in sorted order, as Fingerprinter's compose writes them.
  const text = `{"assets":${shared.assets},"heading":${JSON.stringify(headingOf(page))},"hot":${shared.hot},"items":${fingerprints.sized(`[${items}]`)},"nav":${page.kind === "tag" ? "null" : shared.nav},"page":${fingerprints.sized(numbers)}}`;
  return keyOfText("list", text);
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
