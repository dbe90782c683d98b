// The site adapter's public surface: the Eleventy plugin and the build.
export { newsdeskSite, createSiteModel, prepareBuild, PACKAGE_DIR, TEMPLATES_DIR, CONFIG_PATH } from "./plugin.ts";
export type { SiteModel } from "./plugin.ts";
export { buildSite } from "./build.ts";
export type { BuildOptions, BuildResult } from "./build.ts";
