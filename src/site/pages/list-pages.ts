// List pages: /news/, /districts/<slug>/ and /tags/<slug>/ with their numbered pages, plus the home page
// and the district and tag overviews. Every page object is precomputed by the site model; Eleventy only
// walks those arrays one page object at a time (no slicing or sorting per page).
import { renderHomePage } from "../../../templates/home.ts";
import { renderListPage } from "../../../templates/list.ts";
import { renderDistrictsPage, renderTagsPage } from "../../../templates/overviews.ts";
import type { EleventyConfig } from "../eleventy-config.ts";
import type { ListPageModel, SiteModel } from "../model.ts";

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

export function addListPages(eleventyConfig: EleventyConfig): void {
  for (const [name, data] of Object.entries(FAMILIES)) {
    eleventyConfig.addTemplate<ListTemplateData>(`${name}.11ty.js`, {
      data: {
        // "page" is Eleventy's own variable, hence "listPage".
        pagination: {
          data,
          size: 1,
          alias: "listPage",
          // A warm build leaves the pages it keeps from the last build alone.
          before: (pages: ListPageModel[], d: ListTemplateData) =>
            d.newsdesk.keptPageUrls.size === 0 ? pages : pages.filter((p) => !d.newsdesk.keptPageUrls.has(p.url)),
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
