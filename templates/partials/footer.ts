// The portal footer, from the site configuration: 主办单位, 联系方式, 网站标识码, and the ICP and 公网安备
// registrations, each linked to the registry where a reader can check it.
import type { SiteConfig } from "../../src/content/index.ts";
import { ICP_REGISTRY_URL, policeRegistryUrl } from "../../src/content/portal-meta.ts";
import { html, type SafeHtml } from "../html.ts";

export function renderFooter(site: SiteConfig): SafeHtml {
  const f = site.footer;
  return html`<footer class="site-footer">
<div class="wrap">
<ul class="footer-facts">
<li>主办单位：${f.organiser}</li>
<li>联系方式：${f.contact}</li>
<li>网站标识码：${f.siteCode}</li>
</ul>
<ul class="footer-facts">
<li><a href="${ICP_REGISTRY_URL}" rel="noopener">${f.icp}</a></li>
<li><a href="${policeRegistryUrl(f.police)}" rel="noopener">${f.police}</a></li>
<li>© ${site.name}</li>
</ul>
</div>
</footer>`;
}
