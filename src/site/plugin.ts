// The Eleventy adapter: registers the site's pages as virtual JavaScript templates that paginate the
// typed articles loaded by src/content. Eleventy never reads the Markdown itself: the content layer
// parses and validates every article once, and templates receive Article objects.
import { ContentError, formatProblem, hasErrors, loadSite, referenceTime } from "../content/index.ts";
import type { EleventyConfig } from "./eleventy-config.ts";
import { ASSETS_DIR, createSiteModel, type SiteModel } from "./model.ts";
import { addArticlePages } from "./pages/article-pages.ts";
import { addAssetFiles } from "./pages/asset-files.ts";
import { addListPages } from "./pages/list-pages.ts";
import { addPublishFiles } from "./pages/publish-files.ts";
import { addSearchPage } from "./pages/search-page.ts";

// Kept on globalThis under a registered symbol: the config file may be loaded through a different module
// loader (tsx) than the caller's (vitest), giving this module two instances that must see one hand-off.
const PREPARED = Symbol.for("newsdesk.preparedSiteModel");
type Handoff = { [PREPARED]?: SiteModel };

/** Hands the model of the build about to run to the plugin (the CLI loads and validates first). */
export function prepareBuild(model: SiteModel): void {
  (globalThis as Handoff)[PREPARED] = model;
}

function takePrepared(): SiteModel | undefined {
  const model = (globalThis as Handoff)[PREPARED];
  delete (globalThis as Handoff)[PREPARED];
  return model;
}

/** Loads the site from `root` when Eleventy is run directly rather than through `newsdesk build`. */
async function loadDirectly(root: string): Promise<SiteModel> {
  const result = await loadSite(root, { now: referenceTime() });
  if (!result.content || hasErrors(result.problems)) throw new ContentError(result.problems);
  for (const p of result.problems) console.warn(formatProblem(p));
  return createSiteModel(result.content);
}

export function newsdeskSite(eleventyConfig: EleventyConfig): void {
  // Frozen: Eleventy hands paginated pages their data through proxies that wrap every plain object they
  // reach (and call its debug logger on each read); a frozen object is handed over as it is. The model is
  // complete here; nothing changes it during a build.
  eleventyConfig.addGlobalData("newsdesk", async () => Object.freeze(takePrepared() ?? (await loadDirectly(process.cwd()))));
  addArticlePages(eleventyConfig);
  addListPages(eleventyConfig);
  addAssetFiles(eleventyConfig, ASSETS_DIR);
  addPublishFiles(eleventyConfig);
  addSearchPage(eleventyConfig);
}
