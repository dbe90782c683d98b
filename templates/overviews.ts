// Overview pages: every district with its article count (/districts/), every tag with its count (/tags/).
import type { SiteModel } from "../src/site/model.ts";
import { html } from "./html.ts";
import { renderPage } from "./layout.ts";
import { formatCount } from "./partials/counts.ts";
import { renderDistrictLinks } from "./partials/district-nav.ts";
import { renderHotTopics } from "./partials/hot-topics.ts";

export function renderDistrictsPage({ model }: { model: SiteModel }): string {
  const site = model.content.site;
  return renderPage({
    site,
    assets: model.assets,
    title: "区县一览",
    description: `${site.name}${site.channel.name}：全部区县及其新闻数量`,
    path: "/districts/",
    breadcrumb: [{ label: site.homeLabel, href: "/" }, { label: site.channel.name, href: "/news/" }, { label: "区县一览" }],
    main: html`<section class="overview-page">
<h1>区县一览</h1>
${renderDistrictLinks(model.districts)}
</section>`,
    sidebar: renderHotTopics(model.hot),
  });
}

export function renderTagsPage({ model }: { model: SiteModel }): string {
  const site = model.content.site;
  return renderPage({
    site,
    assets: model.assets,
    title: "标签",
    description: `${site.name}：全部标签及其新闻数量`,
    path: "/tags/",
    breadcrumb: [{ label: site.homeLabel, href: "/" }, { label: "标签" }],
    main: html`<section class="overview-page">
<h1>标签</h1>
${model.tags.length === 0
  ? html`<p class="empty">暂无标签</p>`
  : html`<ul class="tag-links">${model.tags.map(
      (t) => html`
<li><a href="${t.url}">${t.name}</a> <span class="count">${formatCount(t.articles.length)} 篇</span></li>`,
    )}
</ul>`}
</section>`,
    sidebar: renderHotTopics(model.hot),
  });
}
