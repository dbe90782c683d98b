// The header's search box: a plain GET form to /search/?q=…, so it reaches the search page with or
// without JavaScript.
import { html, type SafeHtml } from "../html.ts";

export function renderSearchBox(): SafeHtml {
  return html`<form class="site-search" action="/search/" method="get" role="search" aria-label="全站">
<label class="visually-hidden" for="site-search-q">搜索新闻</label>
<input id="site-search-q" name="q" type="search" placeholder="搜索新闻" autocomplete="off" enterkeyhint="search" maxlength="100">
<button type="submit">搜索</button>
</form>`;
}
