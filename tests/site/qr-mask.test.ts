// The format information the mask choice writes into each candidate symbol (qr-code.ts scores them all):
// the 15 bits of every level and mask, against the standard's table; the penalty rules on hand-made
// symbols; and the all-masks scorer against the plain one.
import { describe, expect, it } from "vitest";
import { formatBits, lineWords, maskPenalties, penaltyOf, writeFormat } from "../../src/site/qr-mask.ts";

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

/** A symbol drawn as text, one string per row: "#" dark, "." light. */
const drawn = (...rows: string[]) => Uint8Array.from(rows.join(""), (c) => (c === "#" ? 1 : 0));

describe("penaltyOf", () => {
  it("scores runs (N1), blocks (N2), finder-like patterns (N3) and balance (N4) as the qrcode package does", () => {
    // A checkerboard: no runs, no blocks, no patterns, half dark.
    const checker = Array.from({ length: 12 }, (_, r) => (r % 2 ? ".#" : "#.").repeat(6));
    expect(penaltyOf(drawn(...checker), 12)).toBe(0);
    // All light: 12 rows and 12 columns of one run of 12 (3 + 7 each), 11 × 11 blocks, none dark (N4: 10 × 10).
    expect(penaltyOf(new Uint8Array(144), 12)).toBe(24 * 10 + 121 * 3 + 100);
    // 1:1:3:1:1 beside 4 light modules, in the first row either way round (the checkerboard below it).
    const finder = ["#.###.#....#", ...checker.slice(1)];
    const finderBack = ["#....#.###.#", ...checker.slice(1)];
    // Runs of 3 and 4 only, no blocks over the checkerboard, 6 dark as before: the pattern's 40 alone.
    expect(penaltyOf(drawn(...finder), 12)).toBe(40);
    expect(penaltyOf(drawn(...finderBack), 12)).toBe(40);
  });
});

/** A pseudo-random generator with a seed, so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

/** A symbol with long runs and planted finder-like patterns (1011101 beside 4 light), across and down. */
function randomSymbol(size: number, next: () => number): Uint8Array {
  const modules = new Uint8Array(size * size);
  for (let at = 0, colour = 0; at < modules.length; colour ^= 1) {
    for (let run = 1 + Math.floor(next() ** 2 * 9); run > 0 && at < modules.length; run--) modules[at++] = colour;
  }
  const pattern = [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0];
  for (let planted = size >> 2; planted > 0 && size >= 11; planted--) {
    const line = Math.floor(next() * size);
    const from = Math.floor(next() * (size - 10));
    const reversed = next() < 0.5;
    const down = next() < 0.5;
    pattern.forEach((bit, i) => {
      const along = from + (reversed ? 10 - i : i);
      modules[down ? along * size + line : line * size + along] = bit;
    });
  }
  return modules;
}

describe("maskPenalties", () => {
  it("gives each of 8 candidates, one a bit, the penalty penaltyOf gives it, for many sizes", () => {
    const next = random(20260328);
    for (const size of [1, 2, 3, 4, 5, 8, 11, 12, 13, 14, 21, 25, 29, 33, 45, 57, 59, 69, 101, 177]) {
      const words = lineWords(size);
      for (let sample = 0; sample < (size > 60 ? 4 : 25); sample++) {
        // Eight unrelated candidates, so that no lane can pass for another, one all light and one all dark
        // (the longest runs); format information on QR sizes.
        const candidates = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => {
          const candidate = randomSymbol(size, next);
          if (mask === sample % 8 || mask === (sample + 3) % 8) candidate.fill(mask === sample % 8 ? 0 : 1);
          if (size >= 21 && size % 4 === 1) writeFormat(candidate, size, formatBits("M", mask));
          return candidate;
        });
        const rows = new Uint8Array(size * words * 4);
        const columns = new Uint8Array(size * words * 4);
        candidates.forEach((candidate, mask) => {
          for (let row = 0; row < size; row++) {
            for (let col = 0; col < size; col++) {
              const bit = candidate[row * size + col]! << mask;
              rows[row * words * 4 + col] = rows[row * words * 4 + col]! | bit;
              columns[col * words * 4 + row] = columns[col * words * 4 + row]! | bit;
            }
          }
        });
        const penalties = new Int32Array(8);
        maskPenalties(new Int32Array(rows.buffer), new Int32Array(columns.buffer), size, penalties);
        expect([...penalties], `size ${size}, sample ${sample}`).toEqual(candidates.map((candidate) => penaltyOf(candidate, size)));
      }
    }
  });
});
