// The site adapter's public surface: the Eleventy plugin, the site model and the build.
export { newsdeskSite, prepareBuild } from "./plugin.ts";
export { createSiteModel, PACKAGE_DIR, TEMPLATES_DIR, ASSETS_DIR, CONFIG_PATH } from "./model.ts";
export type { SiteModel } from "./model.ts";
export { fingerprintAssets, assetUrl } from "./assets.ts";
export type { Asset, AssetMap } from "./assets.ts";
export { buildSite } from "./build.ts";
export type { BuildOptions, BuildResult, BuildTimings } from "./build.ts";
