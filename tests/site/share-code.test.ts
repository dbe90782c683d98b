// The share QR code: an inline SVG that draws exactly the QR symbol of the page's URL, the same on every
// build (pages rendered on worker threads carry the same: tests/site/page-workers.test.ts).
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { shareCodeSvg } from "../../src/site/share-code.ts";

const URL_TEXT = "https://www.bmy-online.example.cn/news/2020/02/changan-health-bureau/";

/** Reads the dark modules back out of the SVG's path ("M2 2.5h7m2 0h1…": runs of modules per row). */
function modulesOf(svg: string): { size: number; dark: Set<string> } {
  const viewBox = /viewBox="0 0 (\d+) \1"/.exec(svg);
  const path = /<path stroke="#000000" d="([^"]+)"/.exec(svg);
  if (!viewBox || !path) throw new Error(`unexpected SVG: ${svg.slice(0, 200)}`);
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of path[1]!.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (op === "M") [x, y] = [Number(a), Number(b) - 0.5];
    else if (op === "m") [x, y] = [x + Number(a), y + Number(b)];
    else for (let i = 0; i < Number(a); i++) dark.add(`${y},${x++}`);
  }
  return { size: Number(viewBox[1]), dark };
}

describe("shareCodeSvg", () => {
  it("draws the QR symbol of the URL (bytes, level M, the mask the qrcode package picks), with a 2-module quiet zone", () => {
    const svg = shareCodeSvg(URL_TEXT);
    const symbol = QRCode.create([{ data: new TextEncoder().encode(URL_TEXT), mode: "byte" }], { errorCorrectionLevel: "M" }).modules;
    const drawn = modulesOf(svg);
    expect(drawn.size).toBe(symbol.size + 4);
    const expected = new Set<string>();
    for (let row = 0; row < symbol.size; row++) {
      for (let col = 0; col < symbol.size; col++) if (symbol.get(row, col)) expected.add(`${row + 2},${col + 2}`);
    }
    expect(drawn.dark.size).toBe(expected.size);
    expect([...drawn.dark].filter((m) => !expected.has(m))).toEqual([]);
  });

  it("is an accessible image, identical on every call", () => {
    const svg = shareCodeSvg(URL_TEXT);
    expect(svg.startsWith('<svg class="qr-code" role="img" aria-label="本页二维码" xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(shareCodeSvg(URL_TEXT)).toBe(svg);
    expect(shareCodeSvg(`${URL_TEXT}x`)).not.toBe(svg);
  });

  it("draws each URL's own code, however long, whatever came before (one byte buffer serves every call)", () => {
    const long = `https://www.bmy-online.example.cn/news/2020/02/${"长安区卫生健康局".repeat(40)}/`;
    const urls = [URL_TEXT, long, "https://x.cn/", long.slice(0, 300), URL_TEXT];
    for (const url of urls) {
      const symbol = QRCode.create([{ data: new TextEncoder().encode(url), mode: "byte" }], { errorCorrectionLevel: "M" }).modules;
      const drawn = modulesOf(shareCodeSvg(url));
      expect(drawn.size).toBe(symbol.size + 4);
      const expected = new Set<string>();
      for (let row = 0; row < symbol.size; row++) for (let col = 0; col < symbol.size; col++) if (symbol.get(row, col)) expected.add(`${row + 2},${col + 2}`);
      expect(drawn.dark).toEqual(expected);
    }
  });
});
