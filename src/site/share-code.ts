// The share QR code of a page, made at build time (no third-party request, no script): an inline SVG a
// phone camera can open. The qrcode package is deterministic for a given text and options, so the same
// URL gives byte-identical markup on every build.
import QRCode from "qrcode";

/** The QR code of `url` as an `<svg>` element, labelled for screen readers. */
export async function renderShareCode(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  // The library's output is only <svg>, <path> and path data (no text from the URL), so it is safe as HTML.
  return svg.trim().replace("<svg ", '<svg class="qr-code" role="img" aria-label="本页二维码" ');
}
