// The eight QR mask patterns and how a masked symbol is scored (the N1–N4 penalty rules of ISO/IEC 18004,
// scored as the qrcode package scores them), on flat typed arrays: qr-code.ts keeps the mask with the
// lowest penalty, the first of equals.

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
