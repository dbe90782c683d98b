// The home page (网站首页): the latest news, links to every district and tag, and the 全站热点 sidebar.
import type { SiteModel } from "../src/site/model.ts";
import { html } from "./html.ts";
import { renderPage } from "./layout.ts";
import { renderArticleList } from "./partials/article-list.ts";
import { renderDistrictLinks } from "./partials/district-nav.ts";
import { renderHotTopics } from "./partials/hot-topics.ts";

export function renderHomePage({ model }: { model: SiteModel }): string {
  const site = model.content.site;
  const latest = model.newsPages[0]!;
  return renderPage({
    site,
    assets: model.assets,
    title: site.name,
    description: site.description || site.name,
    path: "/",
    breadcrumb: [{ label: site.homeLabel }],
    main: html`<h1 class="home-title">${site.name}</h1>
<section class="home-latest" aria-labelledby="home-latest-title">
<h2 id="home-latest-title">${site.channel.name}</h2>
${renderArticleList(latest.items, 3)}
<p class="more"><a href="/news/">更多${site.channel.name}</a></p>
</section>
<section class="home-districts" aria-labelledby="home-districts-title">
<h2 id="home-districts-title"><a href="/districts/">区县导航</a></h2>
${renderDistrictLinks(model.districts)}
</section>`,
    sidebar: renderHotTopics(model.hot),
  });
}
