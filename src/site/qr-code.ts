// A QR code encoder for the share codes (ISO/IEC 18004): one byte-mode segment, error correction level M,
// versions 1 to 40, and the mask the standard's penalty rules pick (qr-mask.ts). It makes, module for
// module, the symbol the qrcode package makes from the same bytes and level (tests/site/qr-code.test.ts),
// in a third of the time, which counts when a build makes 10,000 of them.
import { formatBits, maskLayers, penaltyOf, writeFormat } from "./qr-mask.ts";

/** Level M, per version 1–40: error correction codewords in all, and the number of blocks they split into. */
const LEVEL_M: ReadonlyArray<readonly [ecCodewords: number, blocks: number]> = [
  [10, 1], [16, 1], [26, 1], [36, 2], [48, 2], [64, 4], [72, 4], [88, 4], [110, 5], [130, 5],
  [150, 5], [176, 8], [198, 9], [216, 9], [240, 10], [280, 10], [308, 11], [338, 13], [364, 14], [416, 16],
  [442, 17], [476, 17], [504, 18], [560, 20], [588, 21], [644, 23], [700, 25], [728, 26], [784, 28], [812, 29],
  [868, 31], [924, 33], [980, 35], [1036, 37], [1064, 38], [1120, 40], [1204, 43], [1260, 45], [1316, 47], [1372, 49],
];

export interface QrSymbol {
  /** Modules per side. */
  size: number;
  /** size × size, row by row: 1 dark, 0 light. */
  modules: Uint8Array;
}

// GF(256) with the polynomial x^8 + x^4 + x^3 + x^2 + 1, as exponent and logarithm tables.
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++) {
  EXP[i] = x;
  LOG[x] = i;
  x <<= 1;
  if (x & 0x100) x ^= 0x11d;
}
for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255]!;
const multiply = (a: number, b: number) => (a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!);

/** The generator polynomial of `degree` (its coefficients after the leading 1), made once per degree. */
const generators = new Map<number, Uint8Array>();
function generator(degree: number): Uint8Array {
  let poly = generators.get(degree);
  if (!poly) {
    // (x − α^0)(x − α^1)…(x − α^(degree−1)), highest power first.
    poly = new Uint8Array(degree + 1);
    poly[0] = 1;
    for (let i = 0; i < degree; i++) {
      const root = EXP[i]!;
      for (let j = i + 1; j >= 1; j--) poly[j] = poly[j]! ^ multiply(poly[j - 1]!, root);
    }
    poly = poly.subarray(1);
    generators.set(degree, poly);
  }
  return poly;
}

/** The Reed–Solomon error correction codewords of one block. */
function errorCorrection(data: Uint8Array, degree: number): Uint8Array {
  const poly = generator(degree);
  const remainder = new Uint8Array(degree);
  for (const byte of data) {
    const factor = byte ^ remainder[0]!;
    remainder.copyWithin(0, 1);
    remainder[degree - 1] = 0;
    if (factor !== 0) for (let i = 0; i < degree; i++) remainder[i] = remainder[i]! ^ multiply(poly[i]!, factor);
  }
  return remainder;
}

/** All codewords of a version: the modules left for data, in bytes. */
function totalCodewords(version: number): number {
  let modules = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const align = Math.floor(version / 7) + 2;
    modules -= (25 * align - 10) * align - 55;
    if (version >= 7) modules -= 36;
  }
  return Math.floor(modules / 8);
}

/** The centres of the alignment patterns along each axis. */
function alignmentCentres(version: number, size: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = version === 32 ? 26 : Math.ceil((size - 13) / (count * 2 - 2)) * 2;
  const centres = [6];
  for (let position = size - 7; centres.length < count; position -= step) centres.splice(1, 0, position);
  return centres;
}

/** The 18 version-information bits (versions 7 and up): a (18, 6) BCH code. */
function versionBits(version: number): number {
  let remainder = version << 12;
  for (let bit = 17; bit >= 12; bit--) if (remainder & (1 << bit)) remainder ^= 0x1f25 << (bit - 12);
  return (version << 12) | remainder;
}

/** Function patterns of one symbol size, and which modules they take (data and masks leave those alone). */
interface Layout {
  version: number;
  size: number;
  modules: Uint8Array;
  reserved: Uint8Array;
}
const layouts = new Map<number, Layout>();

function layoutOf(version: number): Layout {
  const known = layouts.get(version);
  if (known) return known;
  const size = version * 4 + 17;
  const modules = new Uint8Array(size * size);
  const reserved = new Uint8Array(size * size);
  const set = (row: number, col: number, dark: boolean) => {
    modules[row * size + col] = dark ? 1 : 0;
    reserved[row * size + col] = 1;
  };
  for (let i = 0; i < size; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  // Finder patterns with their light separators.
  for (const [top, left] of [
    [0, 0],
    [size - 7, 0],
    [0, size - 7],
  ] as const) {
    for (let r = -1; r <= 7; r++) {
      for (let c = -1; c <= 7; c++) {
        const row = top + r;
        const col = left + c;
        if (row < 0 || row >= size || col < 0 || col >= size) continue;
        const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
        set(row, col, ring !== 2 && ring !== 4);
      }
    }
  }
  const centres = alignmentCentres(version, size);
  for (const row of centres) {
    for (const col of centres) {
      // Not where a finder pattern is.
      if ((row === 6 && col === 6) || (row === 6 && col === size - 7) || (row === size - 7 && col === 6)) continue;
      for (let r = -2; r <= 2; r++) for (let c = -2; c <= 2; c++) set(row + r, col + c, Math.max(Math.abs(r), Math.abs(c)) !== 1);
    }
  }
  // Format information (written per mask) and the dark module.
  for (let i = 0; i < 9; i++) {
    if (i !== 6) {
      set(i, 8, false);
      set(8, i, false);
    }
  }
  for (let i = 0; i < 8; i++) {
    set(size - 1 - i, 8, false);
    set(8, size - 1 - i, false);
  }
  set(size - 8, 8, true);
  if (version >= 7) {
    const bits = versionBits(version);
    for (let i = 0; i < 18; i++) {
      const dark = ((bits >> i) & 1) === 1;
      const a = Math.floor(i / 3);
      const b = size - 11 + (i % 3);
      set(a, b, dark);
      set(b, a, dark);
    }
  }
  const layout = { version, size, modules, reserved };
  layouts.set(version, layout);
  return layout;
}

/** The data codewords of a version: mode, count, the bytes, terminator and padding. */
function dataCodewords(bytes: Uint8Array, version: number, capacity: number): Uint8Array {
  const out = new Uint8Array(capacity);
  let bit = 0;
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--, bit++) if ((value >>> i) & 1) out[bit >>> 3] = out[bit >>> 3]! | (0x80 >>> (bit & 7));
  };
  put(0b0100, 4);
  put(bytes.length, version < 10 ? 8 : 16);
  for (const byte of bytes) put(byte, 8);
  bit += Math.min(4, capacity * 8 - bit);
  bit = Math.ceil(bit / 8) * 8;
  for (let i = bit / 8, pad = 0xec; i < capacity; i++, pad ^= 0xec ^ 0x11) out[i] = pad;
  return out;
}

/** The QR symbol of `bytes` at level M, in the smallest version that holds them. */
export function encodeQr(bytes: Uint8Array): QrSymbol {
  let version = 1;
  for (; version <= 40; version++) {
    const capacity = totalCodewords(version) - LEVEL_M[version - 1]![0];
    if (4 + (version < 10 ? 8 : 16) + bytes.length * 8 <= capacity * 8) break;
  }
  if (version > 40) throw new Error(`${bytes.length} bytes are too many for a QR code at level M`);
  const total = totalCodewords(version);
  const [ecTotal, blockCount] = LEVEL_M[version - 1]!;
  const data = dataCodewords(bytes, version, total - ecTotal);

  // Blocks (the short ones first), their error correction, then the codewords interleaved.
  const ecPerBlock = ecTotal / blockCount;
  const longBlocks = total % blockCount;
  const shortData = Math.floor(total / blockCount) - ecPerBlock;
  const blocks: { data: Uint8Array; ec: Uint8Array }[] = [];
  for (let b = 0, at = 0; b < blockCount; b++) {
    const length = shortData + (b >= blockCount - longBlocks ? 1 : 0);
    const part = data.subarray(at, at + length);
    at += length;
    blocks.push({ data: part, ec: errorCorrection(part, ecPerBlock) });
  }
  const codewords = new Uint8Array(total);
  let n = 0;
  for (let i = 0; i <= shortData; i++) for (const block of blocks) if (i < block.data.length) codewords[n++] = block.data[i]!;
  for (let i = 0; i < ecPerBlock; i++) for (const block of blocks) codewords[n++] = block.ec[i]!;

  // Data bits in two-module columns, from the bottom right, up and down in turn.
  const layout = layoutOf(version);
  const { size, reserved } = layout;
  const unmasked = layout.modules.slice();
  let bit = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let step = 0; step < size; step++) {
      const row = upward ? size - 1 - step : step;
      for (let c = 0; c < 2; c++) {
        const at = row * size + right - c;
        if (reserved[at]) continue;
        if (bit < total * 8 && (codewords[bit >>> 3]! >>> (7 - (bit & 7))) & 1) unmasked[at] = 1;
        bit++;
      }
    }
  }

  // The mask with the lowest penalty (the first of equals), its format information written in.
  const layers = maskLayers(size, reserved);
  const candidate = new Uint8Array(size * size);
  let best: Uint8Array | undefined;
  let lowest = Infinity;
  for (let mask = 0; mask < layers.length; mask++) {
    const layer = layers[mask]!;
    for (let i = 0; i < candidate.length; i++) candidate[i] = unmasked[i]! ^ layer[i]!;
    writeFormat(candidate, size, formatBits("M", mask));
    const penalty = penaltyOf(candidate, size);
    if (penalty < lowest) {
      lowest = penalty;
      best = candidate.slice();
    }
  }
  return { size, modules: best! };
}

/**
 * The symbol as SVG: one path of horizontal strokes (one per run of dark modules; each row starts with an
 * absolute move, later runs in the row move by the gap), `margin` light modules around it, crisp edges.
 * Only numbers come from the symbol: nothing in it needs escaping.
 */
export function qrSvg(symbol: QrSymbol, margin: number, attributes: string): string {
  const { size, modules } = symbol;
  const side = size + margin * 2;
  let path = "";
  for (let row = 0; row < size; row++) {
    let end = -1;
    for (let col = 0; col < size; ) {
      if (!modules[row * size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules[row * size + col]) col++;
      path += end < 0 ? `M${start + margin} ${row + margin + 0.5}` : `m${start - end} 0`;
      path += `h${col - start}`;
      end = col;
    }
  }
  return `<svg ${attributes} xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><path fill="#ffffff" d="M0 0h${side}v${side}H0z"/><path stroke="#000000" d="${path}"/></svg>`;
}
