// HTTP headers of published objects, decided from a file's path and bytes alone: Content-Type (with
// charset=utf-8 for every text type), Cache-Control by how the file may change, and Content-Encoding only
// when the bytes really are gzip. Also the object key of a file: NFC-normalised, under the bucket prefix.
import type { PublishConfig } from "../content/index.ts";

export interface ObjectHeaders {
  contentType: string;
  cacheControl: string;
  /** "gzip" when the stored bytes are gzip-compressed and the reader should get them decompressed. */
  contentEncoding?: string;
}

export type CacheRules = PublishConfig["cacheControl"];

/** Text types: served with charset=utf-8, which the build always writes. */
const TEXT_TYPES: Record<string, string> = {
  html: "text/html",
  htm: "text/html",
  css: "text/css",
  js: "text/javascript",
  mjs: "text/javascript",
  json: "application/json",
  map: "application/json",
  webmanifest: "application/manifest+json",
  xml: "application/xml",
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  xsl: "application/xslt+xml",
  svg: "image/svg+xml",
  txt: "text/plain",
  md: "text/markdown",
  csv: "text/csv",
  ics: "text/calendar",
};

/** Binary types, sent without a charset. */
const BINARY_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  ico: "image/x-icon",
  bmp: "image/bmp",
  woff: "font/woff",
  woff2: "font/woff2",
  ttf: "font/ttf",
  otf: "font/otf",
  pdf: "application/pdf",
  wasm: "application/wasm",
  mp4: "video/mp4",
  webm: "video/webm",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  zip: "application/zip",
  gz: "application/gzip",
  tgz: "application/gzip",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const GZIP_MAGIC = [0x1f, 0x8b];

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}

/**
 * True when the file name carries a content hash before its extension, as the build names stylesheets
 * (site.0055be7a4e.css) and Pagefind its index (zh-cn_d23cdc7.pf_fragment): 7 to 64 hex digits with at
 * least one digit and one letter, so that a date in a name (photo-20240101.jpg) never counts as a hash.
 */
export function isContentHashed(filePath: string): boolean {
  const base = filePath.slice(filePath.lastIndexOf("/") + 1);
  const match = /[._-]([0-9a-f]{7,64})\.[A-Za-z0-9_]+(\.gz)?$/.exec(base);
  if (!match) return false;
  const hex = match[1]!;
  return /[0-9]/.test(hex) && /[a-f]/.test(hex);
}

/** Content-Type of a file from its name; text types carry charset=utf-8. */
export function contentTypeFor(filePath: string): string {
  const ext = extensionOf(filePath);
  const text = TEXT_TYPES[ext];
  if (text) return `${text}; charset=utf-8`;
  return BINARY_TYPES[ext] ?? "application/octet-stream";
}

/** Whether a file type is text (so it gets the short cache of pages unless its name is hashed). */
function isTextType(contentType: string): boolean {
  return contentType.includes("charset=");
}

/**
 * All headers of one file. Content-Encoding is set only when the bytes are gzip: a `name.ext.gz` of a known
 * type is served as `name.ext` with Content-Encoding gzip; an archive a reader downloads (`.tar.gz`,
 * `.tgz`, `.gz` of an unknown type) keeps application/gzip and no encoding, so browsers save it as it
 * is; any other file with gzip bytes (Pagefind's index files, a pre-compressed page) gets gzip.
 */
export function headersFor(filePath: string, bytes: Uint8Array, rules: CacheRules): ObjectHeaders {
  const ext = extensionOf(filePath);
  let contentType = contentTypeFor(filePath);
  let contentEncoding: string | undefined;
  if (isGzip(bytes)) {
    if (ext === "gz") {
      const inner = filePath.slice(0, -3);
      const innerExt = extensionOf(inner);
      if (innerExt !== "tar" && (TEXT_TYPES[innerExt] || BINARY_TYPES[innerExt])) {
        contentType = contentTypeFor(inner);
        contentEncoding = "gzip";
      }
    } else if (ext !== "tgz") {
      contentEncoding = "gzip";
    }
  }
  const cacheControl = isContentHashed(filePath)
    ? rules.hashed
    : isTextType(contentType)
      ? rules.pages
      : rules.other;
  return contentEncoding ? { contentType, cacheControl, contentEncoding } : { contentType, cacheControl };
}

/** Two header sets are equal when every header the publisher sets is equal. */
export function sameHeaders(a: ObjectHeaders, b: ObjectHeaders): boolean {
  return a.contentType === b.contentType && a.cacheControl === b.cacheControl && (a.contentEncoding ?? "") === (b.contentEncoding ?? "");
}

/**
 * Normalises a bucket prefix: no leading slash, one trailing slash, NFC ("" for the bucket's root).
 * `..` and empty segments are refused so that a key can never escape or double up.
 */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.normalize("NFC").replace(/^\/+|\/+$/g, "");
  if (trimmed === "") return "";
  for (const segment of trimmed.split("/")) {
    if (segment === "" || segment === "." || segment === "..") {
      throw new Error(`the bucket prefix "${prefix}" has an empty, "." or ".." segment`);
    }
  }
  return `${trimmed}/`;
}

/** The object key of a file at `relativePath` (slash-separated, relative to the output folder). */
export function objectKey(prefix: string, relativePath: string): string {
  return `${prefix}${relativePath}`.normalize("NFC");
}
