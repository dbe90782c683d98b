// The format information the mask choice writes into each candidate symbol (qr-code.ts scores them all):
// the 15 bits of every level and mask, against the standard's table.
import { describe, expect, it } from "vitest";
import { formatBits } from "../../src/site/qr-mask.ts";

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
