// List pages: the 区县播报 index (/news/), one list per district (/districts/<slug>/) and one per tag
// (/tags/<slug>/), each paginated, with the breadcrumb that fits (网站首页 > 区县播报 > 长安区 > 第2页).
import type { Article, DistrictGroup } from "../src/content/index.ts";
import type { SiteModel, ListPageModel } from "../src/site/model.ts";
import { html, joined, type SafeHtml } from "./html.ts";
import { renderPage } from "./layout.ts";
import { renderArticleList } from "./partials/article-list.ts";
import type { Crumb } from "./partials/breadcrumb.ts";
import { formatCount } from "./partials/counts.ts";
import { renderFeedLinks } from "./partials/feed-links.ts";
import { renderDistrictLinks } from "./partials/district-nav.ts";
import { renderHotTopics } from "./partials/hot-topics.ts";
import { renderPager } from "./partials/pager.ts";

export interface ListPageData {
  model: SiteModel;
  page: ListPageModel;
}

/**
 * Per build, what many list pages show alike, rendered once: each article's item (level 2), and the
 * district links as the index (no district current) and each district's pages show them.
 */
const shared = new WeakMap<SiteModel, { items: Map<Article, SafeHtml>; districtLinks: Map<DistrictGroup | undefined, SafeHtml> }>();

export function renderListPage({ model, page }: ListPageData): string {
  let memo = shared.get(model);
  if (!memo) shared.set(model, (memo = { items: new Map(), districtLinks: new Map() }));
  const current = page.kind === "district" ? page.district : undefined;
  let districtLinks = memo.districtLinks.get(current);
  if (page.kind !== "tag" && !districtLinks) memo.districtLinks.set(current, (districtLinks = joined(renderDistrictLinks(model.districts, current))));
  const site = model.content.site;
  const home: Crumb = { label: site.homeLabel, href: "/" };
  const channel: Crumb = { label: site.channel.name, href: "/news/" };
  let heading: string;
  let description: string;
  let trail: Crumb[];
  if (page.kind === "news") {
    heading = site.channel.name;
    description = site.description || `${site.name}${site.channel.name}`;
    trail = [home, channel];
  } else if (page.kind === "district") {
    heading = page.district.district.name;
    description = `${site.name}${site.channel.name}：${heading}新闻`;
    trail = [home, channel, { label: heading, href: page.baseUrl }];
  } else {
    heading = page.tag.name;
    description = `${site.name}：标签“${heading}”的新闻`;
    trail = [home, { label: "标签", href: "/tags/" }, { label: heading, href: page.baseUrl }];
  }
  const numbered = page.pageNumber > 1 ? `第${page.pageNumber}页` : "";
  const breadcrumb = numbered ? [...trail, { label: numbered }] : [...trail.slice(0, -1), { label: trail[trail.length - 1]!.label }];
  return renderPage({
    site,
    assets: model.assets,
    title: numbered ? `${heading} - ${numbered}` : heading,
    description: numbered ? `${description}（${numbered}）` : description,
    path: page.url,
    breadcrumb,
    main: html`<section class="list-page">
<h1>${page.kind === "tag" ? html`标签：${heading}` : heading}</h1>
<p class="list-count">共 ${formatCount(page.total)} 篇${numbered ? html`，${numbered}` : ""}</p>
${page.kind === "tag" ? "" : html`<nav class="district-nav" aria-label="区县">
${districtLinks}
</nav>`}
${renderArticleList(page.items, 2, memo.items)}
${renderPager(page)}
</section>`,
    sidebar: renderHotTopics(model.hot),
    // A district page also offers its own feeds (src/publish/feeds.ts) to feed readers.
    ...(page.kind === "district" ? { head: renderFeedLinks(site, page.baseUrl, `${heading} - ${site.name}`) } : {}),
  });
}
