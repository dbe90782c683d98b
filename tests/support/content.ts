// Loaded content for unit tests of the publishing generators: a fixture site written to a temporary
// folder and read by the real loader, so tests see exactly the Article objects a build would.
import { loadSite, type SiteContent } from "../../src/content/index.ts";
import { SITE_YAML, makeSite } from "./fixtures.ts";

export const NOW = new Date("2026-01-01T00:00:00Z");

export async function loadFixture(
  articles: Record<string, string>,
  options: { siteYaml?: string; now?: Date; drafts?: boolean } = {},
): Promise<SiteContent> {
  const root = makeSite(articles, options.siteYaml ?? SITE_YAML);
  const result = await loadSite(root, { now: options.now ?? NOW, drafts: options.drafts ?? false });
  const errors = result.problems.filter((p) => p.severity === "error");
  if (!result.content || errors.length > 0) throw new Error(`fixture did not load: ${JSON.stringify(result.problems)}`);
  return result.content;
}
