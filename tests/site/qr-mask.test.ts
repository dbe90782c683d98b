// The quick mask choice must be the qrcode package's own choice: same penalty rules, same tie-breaking,
// on symbols of every size a page address can need and at every error correction level.
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { bestMaskPattern, formatBits } from "../../src/site/qr-mask.ts";

/** Addresses of many lengths (versions 1 to 14), ASCII and not, with digits and upper case mixed in. */
function sampleTexts(): string[] {
  const texts: string[] = [];
  for (let i = 0; i < 600; i++) {
    const slug = `${"changan-wei-sheng-jian-kang-ju-".repeat(Math.floor(i / 60))}${i.toString(36)}`;
    texts.push(`https://www.bmy-online.example.cn/news/20${10 + (i % 17)}/${String((i % 12) + 1).padStart(2, "0")}/${slug}/`);
    if (i % 10 === 0) texts.push(`HTTPS://WWW.EXAMPLE.CN/${i}`, `https://例子.cn/新闻/${slug}`, `x${"y".repeat(i % 300)}`);
  }
  return texts;
}

describe("bestMaskPattern", () => {
  it("picks the mask the qrcode package picks, for every level and size", () => {
    const levels = ["L", "M", "Q", "H"] as const;
    const mismatches: string[] = [];
    const sizes = new Set<number>();
    sampleTexts().forEach((text, i) => {
      const level = levels[i % levels.length]!;
      const symbol = QRCode.create(text, { errorCorrectionLevel: level });
      sizes.add(symbol.modules.size);
      const mask = bestMaskPattern(text, level);
      if (mask !== symbol.maskPattern) mismatches.push(`${level} ${text}: ${mask} instead of ${symbol.maskPattern}`);
    });
    expect(mismatches).toEqual([]);
    // Versions from 1 (21 modules) past 7, where the version information blocks appear.
    expect(Math.min(...sizes)).toBe(21);
    expect(Math.max(...sizes)).toBeGreaterThan(45);
  });

  it("gives the same symbol as the package when its choice is passed on", () => {
    const text = "https://www.bmy-online.example.cn/news/2020/02/changan-health-bureau/";
    const chosen = QRCode.create(text, { errorCorrectionLevel: "M", maskPattern: bestMaskPattern(text, "M") });
    const searched = QRCode.create(text, { errorCorrectionLevel: "M" });
    expect(Buffer.from(chosen.modules.data).equals(Buffer.from(searched.modules.data))).toBe(true);
  });
});

describe("formatBits", () => {
  it("gives the format information of the standard's table (ISO/IEC 18004, annex C)", () => {
    const table = {
      L: "111011111000100 111001011110011 111110110101010 111100010011101 110011000101111 110001100011000 110110001000001 110100101110110",
      M: "101010000010010 101000100100101 101111001111100 101101101001011 100010111111001 100000011001110 100111110010111 100101010100000",
      Q: "011010101011111 011000001101000 011111100110001 011101000000110 010010010110100 010000110000011 010111011011010 010101111101101",
      H: "001011010001001 001001110111110 001110011100111 001100111010000 000011101100010 000001001010101 000110100001100 000100000111011",
    };
    for (const [level, row] of Object.entries(table)) {
      const bits = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => formatBits(level as keyof typeof table, mask).toString(2).padStart(15, "0"));
      expect(bits.join(" ")).toBe(row);
    }
  });
});
