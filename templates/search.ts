// The 站内搜索 page (/search/): a plain GET form (keywords, district, order) that the header's search box
// also submits to, and the results list templates/assets/search.js fills from the Pagefind index. The
// form and its choices are server-rendered, so the page reads right before (and without) the script.
import type { SiteModel } from "../src/site/model.ts";
import { assetUrl } from "../src/site/assets.ts";
import { html } from "./html.ts";
import { renderPage } from "./layout.ts";
import { renderHotTopics } from "./partials/hot-topics.ts";

export const SEARCH_PATH = "/search/";

export function renderSearchPage({ model }: { model: SiteModel }): string {
  const site = model.content.site;
  return renderPage({
    site,
    assets: model.assets,
    title: "站内搜索",
    description: `搜索${site.name}的新闻`,
    path: SEARCH_PATH,
    breadcrumb: [{ label: site.homeLabel, href: "/" }, { label: "站内搜索" }],
    column: "站内搜索",
    // Result pages are for readers, not for search engines (robots.txt disallows /search/ too).
    head: html`<meta name="robots" content="noindex">
<script type="module" src="${assetUrl(model.assets, "search.js")}"></script>`,
    main: html`<section class="search-page" aria-labelledby="search-title">
<h1 id="search-title">站内搜索</h1>
<form class="search-form" action="${SEARCH_PATH}" method="get" role="search" aria-label="站内搜索" data-search-form>
<p class="search-field search-field-q"><label for="search-q">关键词</label>
<input id="search-q" name="q" type="search" autocomplete="off" enterkeyhint="search" maxlength="100"></p>
<p class="search-field"><label for="search-district">区县</label>
<select id="search-district" name="district">
<option value="">全部区县</option>
${site.districts.map((d) => html`<option value="${d.name}">${d.name}</option>
`)}</select></p>
<p class="search-field"><label for="search-sort">排序</label>
<select id="search-sort" name="sort">
<option value="">按相关度</option>
<option value="date">按时间，最新在前</option>
</select></p>
<p class="search-field search-submit"><button type="submit">搜索</button></p>
</form>
<p id="search-status" class="search-status" role="status"></p>
<noscript><p class="search-status">站内搜索需要浏览器启用 JavaScript。也可以从<a href="/news/">${site.channel.name}</a>、<a href="/districts/">区县一览</a>或<a href="/tags/">标签</a>浏览新闻。</p></noscript>
<ol id="search-results" class="search-results"></ol>
<p class="search-more"><button type="button" id="search-more" hidden>显示更多结果</button></p>
</section>`,
    sidebar: renderHotTopics(model.hot),
  });
}
