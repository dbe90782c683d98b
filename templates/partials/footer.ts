// The portal footer, from the site configuration's footer facts.
import type { SiteConfig } from "../../src/content/index.ts";
import { html, type SafeHtml } from "../html.ts";

export function renderFooter(site: SiteConfig): SafeHtml {
  const f = site.footer;
  return html`<footer class="site-footer">
<div class="wrap">
${f.organiser ? html`<p>主办单位：${f.organiser}</p>` : ""}
${f.contact ? html`<p>联系方式：${f.contact}</p>` : ""}
${f.siteCode ? html`<p>网站标识码：${f.siteCode}</p>` : ""}
${f.icp ? html`<p><a href="https://beian.miit.gov.cn/">${f.icp}</a></p>` : ""}
${f.police ? html`<p>${f.police}</p>` : ""}
<p>© ${site.name}</p>
</div>
</footer>`;
}
