// Site-relative URLs of district and tag pages. Kept apart from the modules that parse and group content,
// so that what renders pages (templates, the article-page workers of src/site/page-workers.ts) loads none
// of the parsing libraries.
import type { District } from "./site-config.ts";

export function districtUrl(district: District): string {
  return `/districts/${district.slug}/`;
}

export function tagUrl(slug: string): string {
  return `/tags/${slug}/`;
}
