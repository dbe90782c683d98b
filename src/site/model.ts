// The site model: everything the pages of one build need, computed once per build from the content.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SiteContent } from "../content/index.ts";
import type { HotEntry } from "../../templates/partials/hot-topics.ts";
import { fingerprintAssets, type AssetMap } from "./assets.ts";

export const PACKAGE_DIR = fileURLToPath(new URL("../../", import.meta.url));
export const TEMPLATES_DIR = path.join(PACKAGE_DIR, "templates");
export const ASSETS_DIR = path.join(TEMPLATES_DIR, "assets");
export const CONFIG_PATH = path.join(PACKAGE_DIR, ".eleventy.ts");

export interface SiteModel {
  content: SiteContent;
  /** The 全站热点 entries, ranked once for every page. */
  hot: HotEntry[];
  /** Hashed stylesheet and script URLs. */
  assets: AssetMap;
}

export function createSiteModel(content: SiteContent): SiteModel {
  // Placeholder ranking until views data exists: the newest articles.
  const hot = content.articles.slice(0, content.site.hot.count).map((article) => ({ article }));
  return { content, hot, assets: fingerprintAssets(ASSETS_DIR) };
}
