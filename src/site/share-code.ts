// The share QR code of a page, made at build time (no third-party request, no script): an inline SVG a
// phone camera can open, encoded by qr-code.ts (the URL's bytes at level M), the same on every build.
// A build of many pages makes them on worker threads, with the pages (page-workers.ts).
import { qrCodeSvg } from "./qr-code.ts";

const utf8 = new TextEncoder();
/** The URL's UTF-8 bytes, in a buffer used again for every code (grown for the longest URL so far). */
let urlBytes = new Uint8Array(256);

/** The QR code of `url` as an `<svg>` element, labelled for screen readers. */
export function shareCodeSvg(url: string): string {
  if (urlBytes.length < url.length * 3) urlBytes = new Uint8Array(url.length * 3);
  const { written } = utf8.encodeInto(url, urlBytes);
  // The markup holds only numbers from the symbol (no text from the URL): safe as HTML.
  return qrCodeSvg(urlBytes.subarray(0, written), 2, 'class="qr-code" role="img" aria-label="本页二维码"');
}
