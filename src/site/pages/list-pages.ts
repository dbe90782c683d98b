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

export function addListPages(eleventyConfig: EleventyConfig): void {
  for (const [name, data] of Object.entries(FAMILIES)) {
    eleventyConfig.addTemplate<ListTemplateData>(`${name}.11ty.js`, {
      data: {
        // "page" is Eleventy's own variable, hence "listPage".
        pagination: { data, size: 1, alias: "listPage" },
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
