// The Eleventy adapter: registers the site's pages as virtual JavaScript templates that paginate the
// typed articles loaded by src/content. Eleventy never reads the Markdown itself: the content layer
// parses and validates every article once, and templates receive Article objects.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadSite, referenceTime, type Article, type SiteContent, formatProblem, hasErrors, ContentError } from "../content/index.ts";
import { renderArticlePage } from "../../templates/article.ts";
import type { HotEntry } from "../../templates/partials/hot-topics.ts";
import type { EleventyConfig } from "./eleventy-config.ts";

export const PACKAGE_DIR = fileURLToPath(new URL("../../", import.meta.url));
export const TEMPLATES_DIR = path.join(PACKAGE_DIR, "templates");
export const CONFIG_PATH = path.join(PACKAGE_DIR, ".eleventy.ts");

/** Everything the pages of one build need, computed once per build. */
export interface SiteModel {
  content: SiteContent;
  hot: HotEntry[];
}

export function createSiteModel(content: SiteContent): SiteModel {
  // Placeholder ranking until views data exists: the newest articles.
  const hot = content.articles.slice(0, content.site.hot.count).map((article) => ({ article }));
  return { content, hot };
}

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

interface ArticleTemplateData {
  article: Article;
  newsdesk: SiteModel;
}

export function newsdeskSite(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addGlobalData("newsdesk", async () => {
    return takePrepared() ?? (await loadDirectly(process.cwd()));
  });
  eleventyConfig.addTemplate<ArticleTemplateData>("article.11ty.js", {
    data: {
      pagination: { data: "newsdesk.content.articles", size: 1, alias: "article" },
      permalink: (data: ArticleTemplateData) => data.article.url,
      eleventyExcludeFromCollections: true,
    },
    render: ({ article, newsdesk }) => renderArticlePage({ site: newsdesk.content.site, article, hot: newsdesk.hot }),
  });
  eleventyConfig.addPassthroughCopy({ [path.join(TEMPLATES_DIR, "assets")]: "assets" });
}
