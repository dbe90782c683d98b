// Stylesheets and scripts from templates/assets/, published under content-hashed names
// (site.3f2a9c1e.css) so the CDN can cache them for a year; pages reference them by those names.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface Asset {
  /** Source file name: "site.css". */
  name: string;
  /** Published URL: "/assets/site.3f2a9c1e.css". */
  url: string;
  contents: string;
}

/** Source name → asset, for every .css and .js file in `dir`. */
export type AssetMap = Record<string, Asset>;

export function fingerprintAssets(dir: string): AssetMap {
  const assets: AssetMap = {};
  for (const name of readdirSync(dir).sort()) {
    if (!/\.(css|js)$/.test(name)) continue;
    const contents = readFileSync(path.join(dir, name), "utf8");
    const hash = createHash("sha256").update(contents).digest("hex").slice(0, 10);
    const dot = name.lastIndexOf(".");
    assets[name] = { name, url: `/assets/${name.slice(0, dot)}.${hash}${name.slice(dot)}`, contents };
  }
  return assets;
}

/** The URL of a required asset; a missing one is a bug in the templates, so it throws. */
export function assetUrl(assets: AssetMap, name: string): string {
  const asset = assets[name];
  if (!asset) throw new Error(`templates/assets/${name} is missing`);
  return asset.url;
}
