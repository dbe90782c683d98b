// The 站内搜索 page at /search/ (templates/search.ts); its results come from the Pagefind index the build
// writes into /pagefind/ (src/site/search-index.ts).
import { SEARCH_PATH, renderSearchPage } from "../../../templates/search.ts";
import type { EleventyConfig } from "../eleventy-config.ts";
import type { SiteModel } from "../model.ts";

export function addSearchPage(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addTemplate<{ newsdesk: SiteModel }>("search.11ty.js", {
    data: { permalink: SEARCH_PATH, eleventyExcludeFromCollections: true },
    render: ({ newsdesk }) => renderSearchPage({ model: newsdesk }),
  });
}
