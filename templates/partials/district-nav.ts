// Links to every district's list, with its article count; the district being shown is marked current.
import type { DistrictGroup } from "../../src/content/index.ts";
import { html, type SafeHtml } from "../html.ts";
import { formatCount } from "./counts.ts";

export function renderDistrictLinks(districts: readonly DistrictGroup[], current?: DistrictGroup): SafeHtml {
  return html`<ul class="district-links">${districts.map(
    (d) => html`
<li><a href="${d.url}"${d === current ? html` aria-current="true"` : ""}>${d.district.name}</a> <span class="count">${formatCount(d.articles.length)} 篇</span></li>`,
  )}
</ul>`;
}
