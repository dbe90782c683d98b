// The site's pages without Eleventy: records the virtual templates the site plugin registers and resolves
// them against a SiteModel into a table of URL → page, so `newsdesk serve` can render any one page on
// demand from the in-memory model. It follows the subset of Eleventy the pages use (global `newsdesk`
// data, `pagination` over a dotted path with an alias, `permalink` as a string or a function); a template
// outside that subset is reported, not silently skipped.
import type { EleventyConfig, VirtualTemplate } from "./eleventy-config.ts";
import type { SiteModel } from "./model.ts";

export interface RecordedTemplate {
  name: string;
  template: VirtualTemplate<Record<string, unknown>>;
}

export interface Route {
  /** Site URL: "/news/2024/03/x/" (a page) or "/assets/site.1a2b.css" (a file). */
  url: string;
  /** The template that makes it, for messages. */
  template: string;
  render(): string | Promise<string>;
}

/** Runs `plugin` against a recording configuration and returns the templates it registered, in order. */
export function recordTemplates(plugin: (config: EleventyConfig) => void): RecordedTemplate[] {
  const templates: RecordedTemplate[] = [];
  const config: EleventyConfig = new Proxy({} as EleventyConfig, {
    get(_target, property) {
      if (property === "addTemplate") {
        return (name: string, template: VirtualTemplate<Record<string, unknown>>) => templates.push({ name, template });
      }
      if (property === "addPlugin") return (child: (c: EleventyConfig) => void) => child(config);
      // Global data, watch targets, server options, events: the dev server supplies or ignores these.
      return () => undefined;
    },
  });
  plugin(config);
  return templates;
}

interface Pagination {
  data: string;
  size?: number;
  alias?: string;
  before?: (items: unknown[], data: Record<string, unknown>) => unknown;
}

const SUPPORTED_PAGINATION = new Set(["data", "size", "alias", "before"]);

/** Every URL the templates make for `model`, like Eleventy's pagination and permalinks would. */
export function resolveRoutes(templates: readonly RecordedTemplate[], model: SiteModel): Map<string, Route> {
  const routes = new Map<string, Route>();
  const global = { newsdesk: model };
  for (const { name, template } of templates) {
    const data = typeof template.data === "function" ? template.data() : template.data;
    const pagination = data.pagination as Pagination | undefined;
    const pages: Record<string, unknown>[] = [];
    if (pagination) {
      const unsupported = Object.keys(pagination).filter((key) => !SUPPORTED_PAGINATION.has(key));
      if (unsupported.length > 0) throw new Error(`${name}: pagination option ${unsupported.join(", ")} is not supported by newsdesk serve (src/site/routes.ts)`);
      let items = valueAt(global, pagination.data);
      if (!Array.isArray(items)) throw new Error(`${name}: pagination data "${pagination.data}" is not a list`);
      if (pagination.before) items = pagination.before(items, { ...data, ...global });
      if (!Array.isArray(items)) throw new Error(`${name}: pagination "before" must return a list`);
      const size = pagination.size ?? 1;
      for (let i = 0; i < items.length; i += size) {
        const chunk = size === 1 ? items[i] : items.slice(i, i + size);
        pages.push({ ...data, ...global, ...(pagination.alias ? { [pagination.alias]: chunk } : {}), pagination: { items: chunk, pageNumber: i / size } });
      }
    } else {
      pages.push({ ...data, ...global });
    }
    for (const page of pages) {
      const permalink = typeof data.permalink === "function" ? (data.permalink as (d: unknown) => unknown)(page) : data.permalink;
      if (permalink === false) continue;
      if (typeof permalink !== "string") throw new Error(`${name}: permalink must be a string or a function returning one`);
      const url = permalink.startsWith("/") ? permalink : `/${permalink}`;
      routes.set(url, { url, template: name, render: () => template.render(page) });
    }
  }
  return routes;
}

/** The route for a requested path: "/news/x/" and "/news/x/index.html" are one page; "/news/x" redirects. */
export function findRoute(routes: ReadonlyMap<string, Route>, pathname: string): { route?: Route; redirect?: string } {
  const direct = routes.get(pathname);
  if (direct) return { route: direct };
  if (pathname.endsWith("/index.html")) {
    const page = routes.get(pathname.slice(0, -"index.html".length));
    if (page) return { route: page };
  }
  if (!pathname.endsWith("/") && routes.has(`${pathname}/`)) return { redirect: `${pathname}/` };
  return {};
}

function valueAt(data: unknown, dotted: string): unknown {
  let value = data;
  for (const key of dotted.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
