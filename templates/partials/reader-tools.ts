// The article's reader toolbar: 字号 大/中/小, 长者模式, 打印, and 分享 (the page URL and its QR code).
// Without JavaScript only 分享 works (a <details> element), so the script-driven controls are rendered
// `hidden` and revealed by templates/assets/reader.js; nothing on the page is ever a dead button.
import { html, trustedHtml, type SafeHtml } from "../html.ts";

export interface ReaderToolsData {
  /** Absolute URL of the page, shown and encoded in the QR code. */
  url: string;
  /** The QR code `<svg>` made at build time (src/site/share-code.ts). */
  shareCode: string;
}

const SIZES = [
  { value: "large", label: "大" },
  { value: "medium", label: "中" },
  { value: "small", label: "小" },
] as const;

export function renderReaderTools({ url, shareCode }: ReaderToolsData): SafeHtml {
  return html`<div class="reader-tools" role="group" aria-label="阅读工具">
<div class="tool-set" role="group" aria-labelledby="font-size-label" data-js hidden>
<span class="tool-label" id="font-size-label">字号</span>${SIZES.map(
    (s) => html`<button type="button" class="tool" data-font-size="${s.value}" aria-pressed="${s.value === "medium" ? "true" : "false"}">${s.label}</button>`,
  )}
</div>
<button type="button" class="tool" data-elder aria-pressed="false" data-js hidden>长者模式</button>
<button type="button" class="tool" data-print data-js hidden>打印</button>
<details class="share">
<summary class="tool">分享</summary>
<div class="share-panel">
${trustedHtml(shareCode)}
<p class="share-hint">手机扫描二维码，在手机上打开本文</p>
<p class="share-url">本页网址：<a href="${url}">${url}</a></p>
<p class="share-copy" data-js hidden><button type="button" class="tool" data-copy="${url}">复制网址</button> <span class="copy-status" role="status"></span></p>
</div>
</details>
</div>`;
}
