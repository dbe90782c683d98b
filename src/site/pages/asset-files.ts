// Content-hashed stylesheets and scripts, written through Eleventy like every other output file.
import { fingerprintAssets } from "../assets.ts";
import type { EleventyConfig } from "../eleventy-config.ts";

export function addAssetFiles(eleventyConfig: EleventyConfig, assetsDir: string): void {
  for (const asset of Object.values(fingerprintAssets(assetsDir))) {
    eleventyConfig.addTemplate(`asset-${asset.name}.11ty.js`, {
      data: { permalink: asset.url, eleventyExcludeFromCollections: true },
      render: () => asset.contents,
    });
  }
}
