// The share codes' own encoder must draw, module for module, the symbol the qrcode package draws from the
// same bytes at level M, for every size an address can need; and its SVG must draw exactly that symbol.
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { encodeQr, qrCodeSvg, qrSvg } from "../../src/site/qr-code.ts";

const bytesOf = (text: string) => new TextEncoder().encode(text);
const packageSymbol = (bytes: Uint8Array) => QRCode.create([{ data: bytes, mode: "byte" }], { errorCorrectionLevel: "M" });

/** Addresses, and byte strings of many lengths: every version from 1 to 40 at level M is reached. */
function samples(): Uint8Array[] {
  const samples: Uint8Array[] = [];
  for (let i = 0; i < 400; i++) {
    samples.push(bytesOf(`https://www.bmy-online.example.cn/news/20${10 + (i % 17)}/${String((i % 12) + 1).padStart(2, "0")}/changan-${i.toString(36)}/`));
  }
  // Lengths stepping through the byte capacity of each version at level M (14 … 2,331 bytes).
  const long = bytesOf(`https://例子.cn/${"新闻abcXYZ-09".repeat(200)}`);
  for (let length = 1; length <= 2331; length += length < 300 ? 7 : 37) samples.push(long.slice(0, length));
  samples.push(long.slice(0, 2331));
  return samples;
}

describe("encodeQr", () => {
  it("makes the qrcode package's symbol for every sample, versions 1 to 40", () => {
    const versions = new Set<number>();
    const mismatches: string[] = [];
    for (const bytes of samples()) {
      const theirs = packageSymbol(bytes);
      versions.add(theirs.version);
      const ours = encodeQr(bytes);
      if (ours.size !== theirs.modules.size || !Buffer.from(ours.modules).equals(Buffer.from(theirs.modules.data))) {
        mismatches.push(`${bytes.length} bytes (version ${theirs.version}, mask ${theirs.maskPattern})`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(versions.size).toBe(40);
  });

  it("refuses more bytes than a version-40 symbol holds at level M", () => {
    expect(() => encodeQr(new Uint8Array(2332))).toThrow("2332 bytes are too many for a QR code at level M");
  });
});

describe("qrSvg", () => {
  it("strokes exactly the dark modules, inside a light margin", () => {
    const symbol = encodeQr(bytesOf("https://www.bmy-online.example.cn/news/2020/02/changan-health-bureau/"));
    const svg = qrSvg(symbol, 2, 'class="qr-code"');
    const side = symbol.size + 4;
    expect(svg.startsWith(`<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">`)).toBe(true);
    // Reads the path back: "M3 2.5h7" starts a row, "m2 0h1" moves on within it by the gap.
    const path = /<path stroke="#000000" d="([^"]+)"\/>/.exec(svg)![1]!;
    expect(path).toMatch(/^(?:M\d+ \d+\.5h\d+(?:m\d+ 0h\d+)*)+$/);
    const drawn = new Set<string>();
    let x = 0;
    let y = 0;
    for (const [, op, a, b] of path.matchAll(/([Mmh])(\d+(?:\.5)?)(?: (\d+(?:\.5)?))?/g)) {
      if (op === "M") [x, y] = [Number(a), Number(b) - 0.5];
      else if (op === "m") x += Number(a);
      else for (let i = 0; i < Number(a); i++) drawn.add(`${y - 2},${x++ - 2}`);
    }
    const dark = new Set<string>();
    symbol.modules.forEach((m, i) => m && dark.add(`${Math.floor(i / symbol.size)},${i % symbol.size}`));
    expect(drawn).toEqual(dark);
  });
});

describe("qrCodeSvg", () => {
  it("draws what qrSvg draws of encodeQr's symbol, for every sample, at any margin", () => {
    const differ: number[] = [];
    for (const bytes of samples()) {
      for (const margin of [0, 2, 4.5]) if (qrCodeSvg(bytes, margin, 'class="q"') !== qrSvg(encodeQr(bytes), margin, 'class="q"')) differ.push(bytes.length);
    }
    expect(differ).toEqual([]);
  });
});
