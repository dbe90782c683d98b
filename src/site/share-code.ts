// The share QR code of a page, made at build time (no third-party request, no script): an inline SVG a
// phone camera can open, encoded by qr-code.ts (the URL's bytes at level M), the same on every build.
// A build of many pages makes them on worker threads, with the pages (page-workers.ts).
import { encodeQr, qrSvg } from "./qr-code.ts";

/** The QR code of `url` as an `<svg>` element, labelled for screen readers. */
export function shareCodeSvg(url: string): string {
  // The markup holds only numbers from the symbol (no text from the URL): safe as HTML.
  return qrSvg(encodeQr(new TextEncoder().encode(url)), 2, 'class="qr-code" role="img" aria-label="本页二维码"');
}
