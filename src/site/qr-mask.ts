// The eight QR mask patterns and how a masked symbol is scored (the N1–N4 penalty rules of ISO/IEC 18004,
// scored as the qrcode package scores them): penaltyOf scores one symbol plainly, maskPenalties all eight
// candidates of a symbol at once, bit-sliced, as qr-code.ts needs; it keeps the mask with the lowest
// penalty, the first of equals. tests/site/qr-mask.test.ts holds the two to the same figures.

const PENALTY_N1 = 3;
const PENALTY_N2 = 3;
const PENALTY_N3 = 40;
const PENALTY_N4 = 10;

/** The 2-bit code of each error correction level in the format information. */
const LEVEL_BITS: Record<"L" | "M" | "Q" | "H", number> = { L: 1, M: 0, Q: 3, H: 2 };

const MASKS: ReadonlyArray<(row: number, col: number) => boolean> = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];

/** Per symbol size: each mask as 0/1 per module, 0 on function patterns (which masks leave alone). */
const layersBySize = new Map<number, Uint8Array[]>();

/** The eight masks for a symbol of `size` whose function patterns are `reserved` (made once per size). */
export function maskLayers(size: number, reserved: Uint8Array): Uint8Array[] {
  let layers = layersBySize.get(size);
  if (!layers) {
    layers = MASKS.map((mask) => {
      const layer = new Uint8Array(size * size);
      for (let row = 0; row < size; row++) {
        for (let col = 0; col < size; col++) if (!reserved[row * size + col] && mask(row, col)) layer[row * size + col] = 1;
      }
      return layer;
    });
    layersBySize.set(size, layers);
  }
  return layers;
}

/** The 15 format-information bits for a level and mask: a (15, 5) BCH code, XORed with 101010000010010. */
export function formatBits(level: "L" | "M" | "Q" | "H", mask: number): number {
  const data = (LEVEL_BITS[level] << 3) | mask;
  let remainder = data << 10;
  for (let bit = 14; bit >= 10; bit--) if (remainder & (1 << bit)) remainder ^= 0b10100110111 << (bit - 10);
  return ((data << 10) | remainder) ^ 0b101010000010010;
}

/** Writes the format information (both copies) and the dark module into a size × size symbol. */
export function writeFormat(modules: Uint8Array, size: number, bits: number): void {
  for (let i = 0; i < 15; i++) {
    const bit = (bits >> i) & 1;
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    modules[row * size + 8] = bit;
    const col = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 14 - i;
    modules[8 * size + col] = bit;
  }
  modules[(size - 8) * size + 8] = 1;
}

/** N1 and N3 points of one row or column: `size` modules from `at`, `step` apart. */
function linePenalty(modules: Uint8Array, at: number, step: number, size: number): number {
  let points = 0;
  let last = modules[at]!;
  let run = 1;
  let bits = last;
  for (let k = 1; k < size; k++) {
    at += step;
    const module = modules[at]!;
    if (module === last) run++;
    else {
      if (run >= 5) points += PENALTY_N1 + run - 5;
      last = module;
      run = 1;
    }
    bits = ((bits << 1) & 0x7ff) | module;
    if (k >= 10 && (bits === 0x5d0 || bits === 0x05d)) points += PENALTY_N3;
  }
  if (run >= 5) points += PENALTY_N1 + run - 5;
  return points;
}

/** The penalty of a finished symbol: runs of 5+ (N1), 2×2 blocks (N2), finder-like patterns (N3), balance (N4). */
export function penaltyOf(modules: Uint8Array, size: number): number {
  let points = 0;
  let dark = 0;
  // Runs of one colour, and 1:1:3:1:1 patterns beside 4 light modules: along rows, then along columns.
  for (let line = 0; line < size; line++) {
    points += linePenalty(modules, line * size, 1, size) + linePenalty(modules, line, size, size);
  }
  for (let row = 0; row < size - 1; row++) {
    for (let at = row * size, end = at + size - 1; at < end; at++) {
      const sum = modules[at]! + modules[at + 1]! + modules[at + size]! + modules[at + size + 1]!;
      if (sum === 0 || sum === 4) points += PENALTY_N2;
    }
  }
  for (let at = 0; at < modules.length; at++) dark += modules[at]!;
  const balance = Math.abs(Math.ceil((dark * 100) / modules.length / 5) - 10);
  return points + balance * PENALTY_N4;
}

// All eight masks at once. A bit-sliced grid holds one byte per module whose bit k is that module in the
// candidate under mask k, each line padded to whole 32-bit words (`lineWords` of them), so one 32-bit
// operation treats 4 modules of a line under all 8 masks. Rules along a line are worked out between
// neighbouring lines, word by word: the grid of rows gives the column rules, its transpose the row rules.
// Counts per mask are gathered in four accumulators, the i-th counting bits i and i + 4 of each of the 4
// bytes in its 8 nibbles, and moved into the totals before a nibble can pass 15.

const NIBBLE_LANES = 0x11111111;
const LOW_NIBBLES = 0x0f0f0f0f;
/** Whether the first byte of an Int32Array word is its low byte (the grid's next module in a line). */
const LITTLE_ENDIAN = new Uint8Array(new Int32Array([1]).buffer)[0] === 1;

/** Per count from 0 to 4, the word whose first `count` bytes (in memory order) are all ones, the rest 0. */
const LEADING_BYTES = [0, 1, 2, 3, 4].map((count) => new Int32Array(new Uint8Array(4).fill(0xff, 0, count).buffer)[0]!);

/** Words per line of a bit-sliced grid of `size` modules a side. */
export function lineWords(size: number): number {
  return Math.ceil(size / 4);
}

/** Adds nibble-lane counts (bits `bit` and `bit` + 4 of 4 bytes) to the per-mask totals, `weight` each. */
function addNibbles(totals: Int32Array, nibbles: number, bit: number, weight: number): void {
  totals[bit] = totals[bit]! + (Math.imul(nibbles & LOW_NIBBLES, 0x01010101) >>> 24) * weight;
  totals[bit + 4] = totals[bit + 4]! + (Math.imul((nibbles >>> 4) & LOW_NIBBLES, 0x01010101) >>> 24) * weight;
}

/** Adds 1 per set bit of `word` (4 modules × 8 masks) to the mask's total, `weight` each: for rare hits. */
function addBits(totals: Int32Array, word: number, weight: number): void {
  for (; word !== 0; word &= word - 1) {
    const mask = (31 - Math.clz32(word & -word)) & 7;
    totals[mask] = totals[mask]! + weight;
  }
}

/**
 * N1 and N3 points along the grid's columns (a word holds 4 of them, followed down), per mask, into `points`.
 * N1: a run of len ≥ 5 scores 3 + (len − 5) = len − 2, one point for each module j of the line where one of
 * modules j, j + 1, j + 2 is the fifth (or later) of 5 equal ones in a row. N3: 10111010000 or 00001011101
 * ending at a module, 40 points.
 */
function runsAndFinders(grid: Int32Array, size: number, points: Int32Array): void {
  const words = lineWords(size);
  const lastValid = LEADING_BYTES[size - 4 * (words - 1)]!;
  for (let j = 0; j < words; j++) {
    const valid = j === words - 1 ? lastValid : -1;
    // The modules 1 to 10 before this one; whether the 2 before it end 5 equal ones.
    let p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0, p8 = 0, p9 = 0, p10 = 0;
    let e1 = 0, e2 = 0;
    let n0 = 0, n1 = 0, n2 = 0, n3 = 0, pending = 0;
    for (let k = 0, at = j; k < size; k++, at += words) {
      const w = grid[at]!;
      const e = k >= 4 ? ~((w ^ p1) | (w ^ p2) | (w ^ p3) | (w ^ p4)) & valid : 0;
      if (k >= 10) {
        const finder =
          p6 & p4 & ~(p9 | p5 | p1) & ((p10 & p8 & p7 & ~(p3 | p2 | w)) | (p3 & p2 & w & ~(p10 | p8 | p7))) & valid;
        if (finder !== 0) addBits(points, finder, PENALTY_N3);
      }
      // Module k − 2 scores N1 if one of k − 2, k − 1, k ends 5 equal ones.
      const run = e | e1 | e2;
      n0 = (n0 + (run & NIBBLE_LANES)) | 0;
      n1 = (n1 + ((run >>> 1) & NIBBLE_LANES)) | 0;
      n2 = (n2 + ((run >>> 2) & NIBBLE_LANES)) | 0;
      n3 = (n3 + ((run >>> 3) & NIBBLE_LANES)) | 0;
      // At 14, so that the two modules added after the line (14 − 1 + 2) still fit in a lane.
      if (++pending === 14) {
        addNibbles(points, n0, 0, 1), addNibbles(points, n1, 1, 1), addNibbles(points, n2, 2, 1), addNibbles(points, n3, 3, 1);
        n0 = n1 = n2 = n3 = pending = 0;
      }
      p10 = p9, p9 = p8, p8 = p7, p7 = p6, p6 = p5, p5 = p4, p4 = p3, p3 = p2, p2 = p1, p1 = w;
      e2 = e1, e1 = e;
    }
    // The line's last two modules (nothing ends after them).
    const tail = e1 | e2;
    addNibbles(points, (n0 + (e1 & NIBBLE_LANES) + (tail & NIBBLE_LANES)) | 0, 0, 1);
    addNibbles(points, (n1 + ((e1 >>> 1) & NIBBLE_LANES) + ((tail >>> 1) & NIBBLE_LANES)) | 0, 1, 1);
    addNibbles(points, (n2 + ((e1 >>> 2) & NIBBLE_LANES) + ((tail >>> 2) & NIBBLE_LANES)) | 0, 2, 1);
    addNibbles(points, (n3 + ((e1 >>> 3) & NIBBLE_LANES) + ((tail >>> 3) & NIBBLE_LANES)) | 0, 3, 1);
  }
}

/** N2 points (2×2 blocks of one colour) into `points`, and the dark modules into `dark`, per mask. */
function blocksAndDark(rows: Int32Array, size: number, points: Int32Array, dark: Int32Array): void {
  const words = lineWords(size);
  // In the last word the last module has no right-hand neighbour, so no block.
  const lastBlocks = LEADING_BYTES[size - 4 * (words - 1) - 1]!;
  for (let j = 0; j < words; j++) {
    const last = j === words - 1;
    const blockValid = last ? lastBlocks : -1;
    let above = 0;
    let aboveEqual = 0;
    let b0 = 0, b1 = 0, b2 = 0, b3 = 0, d0 = 0, d1 = 0, d2 = 0, d3 = 0, pending = 0;
    for (let k = 0, at = j; k < size; k++, at += words) {
      const w = rows[at]!;
      const next = last ? 0 : rows[at + 1]!;
      // Each module's right-hand neighbour, in the same byte lane.
      const right = LITTLE_ENDIAN ? (w >>> 8) | (next << 24) : (w << 8) | (next >>> 24);
      const equal = ~(w ^ right);
      const block = k > 0 ? aboveEqual & equal & ~(above ^ w) & blockValid : 0;
      b0 = (b0 + (block & NIBBLE_LANES)) | 0;
      b1 = (b1 + ((block >>> 1) & NIBBLE_LANES)) | 0;
      b2 = (b2 + ((block >>> 2) & NIBBLE_LANES)) | 0;
      b3 = (b3 + ((block >>> 3) & NIBBLE_LANES)) | 0;
      // Padding bytes are 0: light under every mask.
      d0 = (d0 + (w & NIBBLE_LANES)) | 0;
      d1 = (d1 + ((w >>> 1) & NIBBLE_LANES)) | 0;
      d2 = (d2 + ((w >>> 2) & NIBBLE_LANES)) | 0;
      d3 = (d3 + ((w >>> 3) & NIBBLE_LANES)) | 0;
      if (++pending === 15) {
        addNibbles(points, b0, 0, PENALTY_N2), addNibbles(points, b1, 1, PENALTY_N2);
        addNibbles(points, b2, 2, PENALTY_N2), addNibbles(points, b3, 3, PENALTY_N2);
        addNibbles(dark, d0, 0, 1), addNibbles(dark, d1, 1, 1), addNibbles(dark, d2, 2, 1), addNibbles(dark, d3, 3, 1);
        b0 = b1 = b2 = b3 = d0 = d1 = d2 = d3 = pending = 0;
      }
      above = w;
      aboveEqual = equal;
    }
    addNibbles(points, b0, 0, PENALTY_N2), addNibbles(points, b1, 1, PENALTY_N2);
    addNibbles(points, b2, 2, PENALTY_N2), addNibbles(points, b3, 3, PENALTY_N2);
    addNibbles(dark, d0, 0, 1), addNibbles(dark, d1, 1, 1), addNibbles(dark, d2, 2, 1), addNibbles(dark, d3, 3, 1);
  }
}

const scratchPoints = new Int32Array(8);
const scratchDark = new Int32Array(8);

/**
 * The penalties of the eight candidates of a bit-sliced symbol (as `penaltyOf` scores each), into `penalties`:
 * `rows` holds the grid row by row, `columns` its transpose, both `lineWords(size)` words a line, padding 0.
 */
export function maskPenalties(rows: Int32Array, columns: Int32Array, size: number, penalties: Int32Array): void {
  scratchPoints.fill(0);
  scratchDark.fill(0);
  runsAndFinders(rows, size, scratchPoints);
  runsAndFinders(columns, size, scratchPoints);
  blocksAndDark(rows, size, scratchPoints, scratchDark);
  const modules = size * size;
  for (let mask = 0; mask < 8; mask++) {
    const balance = Math.abs(Math.ceil((scratchDark[mask]! * 100) / modules / 5) - 10);
    penalties[mask] = scratchPoints[mask]! + balance * PENALTY_N4;
  }
}
