// Eleventy configuration: wiring only. The site plugin registers everything; static settings sit below.
// Run through `newsdesk build` (or `npx tsx node_modules/.bin/eleventy --config=.eleventy.ts`).
import { newsdeskSite } from "./src/site/plugin.ts";
import type { EleventyConfig } from "./src/site/eleventy-config.ts";

export default function (eleventyConfig: EleventyConfig): void {
  eleventyConfig.addPlugin(newsdeskSite);
}

export const config = {
  // Pages are virtual JavaScript templates registered by the plugin; no file is a page. Input and output
  // folders are not set here: `newsdesk build` passes them, and a config value would override its staging
  // folder (Eleventy's default output is _site/).
  templateFormats: ["11ty.js"],
};
