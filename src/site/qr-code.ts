// A QR code encoder for the share codes (ISO/IEC 18004): one byte-mode segment, error correction level M,
// versions 1 to 40, and the mask the standard's penalty rules pick (qr-mask.ts). It makes, module for
// module, the symbol the qrcode package makes from the same bytes and level (tests/site/qr-code.test.ts),
// in under a tenth of the time, which counts when a build makes 10,000 of them.
import { formatBits, lineWords, maskLayers, maskPenalties, writeFormat } from "./qr-mask.ts";

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

// GF(256) with the polynomial x^8 + x^4 + x^3 + x^2 + 1, as exponent and logarithm tables. Zero gets the
// logarithm ZERO_LOG, past which EXP holds only zeros: a product with zero is then 0 without a branch.
const ZERO_LOG = 512;
const EXP = new Uint8Array(2 * ZERO_LOG + 1);
const LOG = new Uint16Array(256);
for (let i = 0, x = 1; i < 255; i++) {
  EXP[i] = x;
  LOG[x] = i;
  x <<= 1;
  if (x & 0x100) x ^= 0x11d;
}
for (let i = 255; i < 510; i++) EXP[i] = EXP[i - 255]!;
LOG[0] = ZERO_LOG;
const multiply = (a: number, b: number) => EXP[LOG[a]! + LOG[b]!]!;

/** The generator polynomial of `degree` (its coefficients after the leading 1) as logarithms, once per degree. */
const generators = new Map<number, Uint16Array>();
function generator(degree: number): Uint16Array {
  let logs = generators.get(degree);
  if (!logs) {
    // (x − α^0)(x − α^1)…(x − α^(degree−1)), highest power first.
    const poly = new Uint8Array(degree + 1);
    poly[0] = 1;
    for (let i = 0; i < degree; i++) {
      const root = EXP[i]!;
      for (let j = i + 1; j >= 1; j--) poly[j] = poly[j]! ^ multiply(poly[j - 1]!, root);
    }
    logs = Uint16Array.from(poly.subarray(1), (coefficient) => LOG[coefficient]!);
    generators.set(degree, logs);
  }
  return logs;
}

/** The Reed–Solomon error correction codewords of `data[from, from + length)`, into `out` from `at`. */
function errorCorrection(data: Uint8Array, from: number, length: number, logs: Uint16Array, out: Uint8Array, at: number): void {
  const last = at + logs.length - 1;
  out.fill(0, at, last + 1);
  for (let i = from; i < from + length; i++) {
    // Shift the remainder by one codeword and add the generator times the codeword that left it.
    const factor = LOG[data[i]! ^ out[at]!]!;
    for (let j = at, g = 0; j < last; j++, g++) out[j] = out[j + 1]! ^ EXP[logs[g]! + factor]!;
    out[last] = EXP[logs[last - at]! + factor]!;
  }
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

function layoutOf(version: number): Layout {
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
  return { version, size, modules, reserved };
}

/**
 * What encoding at one version needs, made once per version: its blocks, where each data bit goes, the
 * symbol with no data under all 8 masks at once (bit-sliced as qr-mask.ts scores it: a byte per module, bit
 * k the module under mask k, format information included), and buffers reused from code to code.
 */
interface Plan {
  size: number;
  /** Bytes per line of the bit-sliced grids (whole 32-bit words). */
  stride: number;
  dataCodewords: number;
  blockCount: number;
  /** Blocks with `shortData` data codewords; the rest have one more. */
  shortBlocks: number;
  shortData: number;
  /** The error correction generator, as logarithms. */
  generator: Uint16Array;
  /** Per data bit, in order: its byte in the grid of rows, and in the grid of columns. */
  rowAt: Uint16Array;
  columnAt: Uint16Array;
  emptyRows: Uint8Array;
  emptyColumns: Uint8Array;
  rows: Uint8Array;
  columns: Uint8Array;
  rowWords: Int32Array;
  columnWords: Int32Array;
  data: Uint8Array;
  ec: Uint8Array;
  codewords: Uint8Array;
  penalties: Int32Array;
}
const plans = new Map<number, Plan>();

function planOf(version: number): Plan {
  const known = plans.get(version);
  if (known) return known;
  const total = totalCodewords(version);
  const [ecTotal, blockCount] = LEVEL_M[version - 1]!;
  const ecPerBlock = ecTotal / blockCount;
  const { size, modules, reserved } = layoutOf(version);
  const stride = lineWords(size) * 4;

  // Data bits in two-module columns, from the bottom right, up and down in turn (modules left over stay light).
  const rowAt = new Uint16Array(total * 8);
  const columnAt = new Uint16Array(total * 8);
  let bit = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let step = 0; step < size; step++) {
      const row = upward ? size - 1 - step : step;
      for (let col = right; col >= right - 1; col--) {
        if (reserved[row * size + col] || bit === total * 8) continue;
        rowAt[bit] = row * stride + col;
        columnAt[bit] = col * stride + row;
        bit++;
      }
    }
  }

  const emptyRows = new Uint8Array(size * stride);
  const emptyColumns = new Uint8Array(size * stride);
  maskLayers(size, reserved).forEach((layer, mask) => {
    const candidate = modules.map((module, at) => module ^ layer[at]!);
    writeFormat(candidate, size, formatBits("M", mask));
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        const module = candidate[row * size + col]! << mask;
        emptyRows[row * stride + col] = emptyRows[row * stride + col]! | module;
        emptyColumns[col * stride + row] = emptyColumns[col * stride + row]! | module;
      }
    }
  });
  const rows = new Uint8Array(size * stride);
  const columns = new Uint8Array(size * stride);
  const plan: Plan = {
    size,
    stride,
    dataCodewords: total - ecTotal,
    blockCount,
    shortBlocks: blockCount - (total % blockCount),
    shortData: Math.floor(total / blockCount) - ecPerBlock,
    generator: generator(ecPerBlock),
    rowAt,
    columnAt,
    emptyRows,
    emptyColumns,
    rows,
    columns,
    rowWords: new Int32Array(rows.buffer),
    columnWords: new Int32Array(columns.buffer),
    data: new Uint8Array(total - ecTotal),
    ec: new Uint8Array(ecTotal),
    codewords: new Uint8Array(total),
    penalties: new Int32Array(8),
  };
  plans.set(version, plan);
  return plan;
}

/** The data codewords into `out`: mode, count, the bytes, terminator and padding. */
function writeData(bytes: Uint8Array, version: number, out: Uint8Array): void {
  // Mode and count take 12 or 20 bits, so every byte straddles two codewords; the 4-bit terminator always fits.
  let at = 0;
  if (version < 10) out[at++] = 0b0100_0000 | (bytes.length >>> 4);
  else {
    out[at++] = 0b0100_0000 | (bytes.length >>> 12);
    out[at++] = (bytes.length >>> 4) & 0xff;
  }
  let low = bytes.length & 0xf;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    out[at++] = (low << 4) | (byte >>> 4);
    low = byte & 0xf;
  }
  out[at++] = low << 4;
  for (let pad = 0xec; at < out.length; pad ^= 0xec ^ 0x11) out[at++] = pad;
}

/** The QR symbol of `bytes` at level M, in the smallest version that holds them. */
export function encodeQr(bytes: Uint8Array): QrSymbol {
  const { size, cells, stride, bit } = encodeInGrid(bytes);
  const modules = new Uint8Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let col = 0, at = row * stride; col < size; col++, at++) modules[row * size + col] = (cells[at]! >>> bit) & 1;
  }
  return { size, modules };
}

/**
 * The symbol of `bytes` as SVG (as qrSvg writes encodeQr's symbol), drawn from the grid its mask was chosen
 * in: no symbol of its own is made. What a build calls for each share code.
 */
export function qrCodeSvg(bytes: Uint8Array, margin: number, attributes: string): string {
  const { size, cells, stride, bit } = encodeInGrid(bytes);
  return svgOf(size, cells, stride, bit, margin, attributes);
}

/**
 * A symbol's modules: module (row, col) is bit `bit` of `cells[row * stride + col]`. The grid is the plan's,
 * overwritten by the next symbol of its version.
 */
interface SymbolGrid {
  size: number;
  cells: Uint8Array;
  stride: number;
  bit: number;
}

function encodeInGrid(bytes: Uint8Array): SymbolGrid {
  let version = 1;
  for (; version <= 40; version++) {
    const capacity = totalCodewords(version) - LEVEL_M[version - 1]![0];
    if (4 + (version < 10 ? 8 : 16) + bytes.length * 8 <= capacity * 8) break;
  }
  if (version > 40) throw new Error(`${bytes.length} bytes are too many for a QR code at level M`);
  const plan = planOf(version);
  const { size, stride, blockCount, shortBlocks, shortData, data, ec, codewords, rows, columns, rowAt, columnAt } = plan;
  writeData(bytes, version, data);

  // Blocks (the short ones first), their error correction, then the codewords interleaved.
  const ecPerBlock = plan.generator.length;
  const blockStart = (block: number) => block * shortData + Math.max(0, block - shortBlocks);
  for (let block = 0; block < blockCount; block++) {
    const from = blockStart(block);
    errorCorrection(data, from, blockStart(block + 1) - from, plan.generator, ec, block * ecPerBlock);
  }
  let n = 0;
  for (let i = 0; i < shortData; i++) for (let block = 0; block < blockCount; block++) codewords[n++] = data[blockStart(block) + i]!;
  for (let block = shortBlocks; block < blockCount; block++) codewords[n++] = data[blockStart(block) + shortData]!;
  for (let i = 0; i < ecPerBlock; i++) for (let block = 0; block < blockCount; block++) codewords[n++] = ec[block * ecPerBlock + i]!;

  // The data under all 8 masks at once: a dark data bit turns its module's byte over.
  rows.set(plan.emptyRows);
  columns.set(plan.emptyColumns);
  for (let bit = 0; bit < rowAt.length; bit++) {
    const flip = -((codewords[bit >>> 3]! >>> (7 - (bit & 7))) & 1) & 0xff;
    rows[rowAt[bit]!] = rows[rowAt[bit]!]! ^ flip;
    columns[columnAt[bit]!] = columns[columnAt[bit]!]! ^ flip;
  }

  // The mask with the lowest penalty (the first of equals).
  const { penalties } = plan;
  maskPenalties(plan.rowWords, plan.columnWords, size, penalties);
  let best = 0;
  for (let mask = 1; mask < 8; mask++) if (penalties[mask]! < penalties[best]!) best = mask;
  return { size, cells: rows, stride, bit: best };
}

/**
 * The path's ASCII bytes as qrSvg writes them (strings added up run by run took twice as long), grown to the
 * largest symbol so far.
 */
let pathBytes = new Uint8Array(0);

/** The tens digit of each number below 100. */
const TENS = Uint8Array.from({ length: 100 }, (_, n) => Math.floor(n / 10));

/** Writes `text` (ASCII) into `pathBytes` from `at`; returns the end. */
function writeText(at: number, text: string): number {
  for (let i = 0; i < text.length; i++) pathBytes[at++] = text.charCodeAt(i);
  return at;
}

/** Writes a whole number (0 to a few million) in decimal into `pathBytes` from `at`; returns the end. */
function writeWhole(at: number, value: number): number {
  // Most are one or two digits (runs, gaps, rows): written without dividing.
  if (value < 10) {
    pathBytes[at] = 0x30 + value;
    return at + 1;
  }
  if (value < 100) {
    const tens = TENS[value]!;
    pathBytes[at] = 0x30 + tens;
    pathBytes[at + 1] = 0x30 + value - tens * 10;
    return at + 2;
  }
  let digits = 1;
  for (let power = 10; power <= value; power *= 10) digits++;
  for (let i = at + digits - 1; i >= at; i--, value = Math.floor(value / 10)) pathBytes[i] = 0x30 + (value % 10);
  return at + digits;
}

/**
 * The symbol as SVG: one path of horizontal strokes (one per run of dark modules; each row starts with an
 * absolute move, later runs in the row move by the gap), `margin` light modules around it, crisp edges.
 * Only numbers come from the symbol: nothing in it needs escaping.
 */
export function qrSvg(symbol: QrSymbol, margin: number, attributes: string): string {
  return svgOf(symbol.size, symbol.modules, symbol.size, 0, margin, attributes);
}

/** qrSvg of the symbol whose module (row, col) is bit `bit` of `cells[row * stride + col]`. */
function svgOf(size: number, cells: Uint8Array, stride: number, bit: number, margin: number, attributes: string): string {
  const side = size + margin * 2;
  // Per row: a move of two numbers in any form (under 64 bytes), then a run at most every other module, each
  // in at most 10 bytes.
  const bound = size * (64 + Math.ceil(size / 2) * 10);
  if (pathBytes.length < bound) pathBytes = new Uint8Array(bound);
  // Any other margin is written as JavaScript prints it.
  const wholeMargin = Number.isInteger(margin) && margin >= 0 && margin <= 1_000_000;
  let at = 0;
  for (let row = 0; row < size; row++) {
    const line = row * stride;
    let end = -1;
    for (let col = 0; col < size; ) {
      if (!((cells[line + col]! >>> bit) & 1)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && (cells[line + col]! >>> bit) & 1) col++;
      if (end >= 0) {
        pathBytes[at++] = 0x6d; // m
        at = writeText(writeWhole(at, start - end), " 0h");
      } else if (wholeMargin) {
        pathBytes[at++] = 0x4d; // M
        at = writeText(writeWhole(writeText(writeWhole(at, start + margin), " "), row + margin), ".5h");
      } else at = writeText(at, `M${start + margin} ${row + margin + 0.5}h`);
      at = writeWhole(at, col - start);
      end = col;
    }
  }
  const path = Buffer.from(pathBytes.buffer, 0, at).toString("latin1");
  return `<svg ${attributes} xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><path fill="#ffffff" d="M0 0h${side}v${side}H0z"/><path stroke="#000000" d="${path}"/></svg>`;
}
