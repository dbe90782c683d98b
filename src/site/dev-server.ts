// `newsdesk serve`: the site on 127.0.0.1 with live reload, rendered page by page on request from an
// in-memory model instead of writing 10,000 files. Articles are parsed once at start; after an edit only
// the changed file is parsed again, the site model is rebuilt from memory, and every open page is told to
// reload over server-sent events. While content has errors, pages show the errors instead.
import { readdirSync, statSync, watch, type FSWatcher } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { contentTypeFor } from "../publish/headers.ts";
import { ArticleCache, formatProblem, hasErrors, referenceTime, type LoadResult, type Problem } from "../content/index.ts";
import { renderDevErrorPage } from "../../templates/dev-errors.ts";
import { ASSETS_DIR, createSiteModel } from "./model.ts";
import { recoverOutput } from "./output-folder.ts";
import { newsdeskSite } from "./plugin.ts";
import { findRoute, recordTemplates, resolveRoutes, type Route } from "./routes.ts";

const EVENTS_PATH = "/__newsdesk/events";
const RELOAD_SCRIPT_PATH = "/__newsdesk/live-reload.js";
// The page says which version of the site it shows (?v= on the script's address), so a change made while
// it was loading, before it listened, still reloads it: the server answers at once when it is behind.
const RELOAD_SCRIPT = `// newsdesk serve: reload this page when the site changes.
const shown = new URL(document.currentScript.src).searchParams.get("v");
new EventSource(${JSON.stringify(EVENTS_PATH)} + "?since=" + shown).addEventListener("reload", () => location.reload());
`;
/** Saves arrive as bursts of events (write, rename, chmod); one rebuild per burst. */
const SETTLE_MS = 20;

// Served with the Content-Type the published objects get (src/publish/headers.ts).
const HTML_TYPE = contentTypeFor("index.html");

export interface DevServerOptions {
  root: string;
  /** 0 picks a free port. */
  port: number;
  drafts?: boolean;
  /** Prints one line (problems, reloads). */
  log: (line: string) => void;
}

export interface Reload {
  /** Files that changed, relative to the root. */
  changed: string[];
  /** Article files parsed again. */
  parsed: number;
  /** From the first change event to the reload message sent to the pages. */
  ms: number;
  problems: Problem[];
}

export interface DevServer {
  url: string;
  /** Articles published in the current model (0 while content has errors). */
  articles(): number;
  /** Called after every rebuild that followed an edit. */
  onReload(listener: (reload: Reload) => void): void;
  close(): Promise<void>;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const root = path.resolve(options.root);
  // serve never writes _site/, but a build killed between its renames must not cost the site.
  await recoverOutput(path.join(root, "_site"));

  const cache = new ArticleCache(root, () => ({ drafts: options.drafts ?? false, now: referenceTime() }));
  let routes = new Map<string, Route>();
  let problems: Problem[] = [];
  let published = 0;
  const apply = (result: LoadResult, inPlace = false): void => {
    problems = result.problems;
    // The edit was copied into the Article objects the model already holds: nothing to rebuild.
    if (inPlace) return;
    if (result.content && !hasErrors(result.problems)) {
      const model = createSiteModel(result.content);
      // Recorded again each time: asset templates carry the stylesheet's current bytes and hash.
      routes = resolveRoutes(recordTemplates(newsdeskSite), model);
      published = result.content.articles.length;
    } else {
      published = 0;
    }
  };
  const first = await cache.refreshAll();
  apply(first.result);
  for (const p of problems) options.log(formatProblem(p));

  /** Goes up with every rebuild; pages carry the one they were rendered at. */
  let version = 1;
  const clients = new Set<ServerResponse>();
  const listeners: ((reload: Reload) => void)[] = [];
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end(`newsdesk serve: ${(error as Error).message}\n`);
      options.log(`${request.url}: ${(error as Error).stack ?? (error as Error).message}`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // The version this answer shows: taken before rendering, so a rebuild meanwhile still reloads the page.
    const shown = version;
    const address = new URL(request.url ?? "/", "http://localhost");
    const pathname = decodeURIComponent(address.pathname);
    if (pathname === EVENTS_PATH) {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      response.write(": connected\n\n");
      const since = Number(address.searchParams.get("since") ?? version);
      if (since < version) response.write(`event: reload\ndata: ${version}\n\n`);
      clients.add(response);
      request.on("close", () => clients.delete(response));
      return;
    }
    if (pathname === RELOAD_SCRIPT_PATH) return send(response, 200, contentTypeFor(RELOAD_SCRIPT_PATH), RELOAD_SCRIPT);
    const isPage = pathname.endsWith("/") || pathname.endsWith(".html") || !path.extname(pathname);
    if (hasErrors(problems) && isPage) {
      return send(response, 500, HTML_TYPE, renderDevErrorPage(problems.map(formatProblem), `${RELOAD_SCRIPT_PATH}?v=${shown}`));
    }
    const found = findRoute(routes, pathname);
    if (found.redirect) {
      response.writeHead(301, { location: found.redirect });
      response.end();
      return;
    }
    if (!found.route) {
      return send(response, 404, HTML_TYPE, withReload(shown, `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>404</title></head><body><p>404: 没有这个页面 (${escapeText(pathname)})</p></body></html>\n`));
    }
    const url = found.route.url;
    const type = url.endsWith("/") ? HTML_TYPE : contentTypeFor(url);
    const body = await found.route.render();
    send(response, 200, type, type === HTML_TYPE ? withReload(shown, body) : body);
  }

  // Edits: collect a burst of events, then rebuild once from memory and tell every open page to reload.
  let pending = new Set<string>();
  let firstEventAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const onEvent = (base: string) => (_event: string, filename: string | Buffer | null) => {
    pending.add(filename ? path.join(base, filename.toString()) : base);
    if (!timer) firstEventAt = performance.now();
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const changed = [...pending];
      const startedAt = firstEventAt;
      pending = new Set();
      running = running.then(() => rebuild(changed, startedAt)).catch((error: unknown) => options.log(`newsdesk serve: ${(error as Error).message}`));
    }, SETTLE_MS);
  };
  async function rebuild(changed: string[], startedAt: number): Promise<void> {
    const before = problems.map(formatProblem).join("\n");
    const update = await cache.refresh(changed.filter((c) => c.startsWith("content")));
    apply(update.result, update.inPlace);
    version++;
    for (const client of clients) client.write(`event: reload\ndata: ${version}\n\n`);
    const ms = Math.round(performance.now() - startedAt);
    const after = problems.map(formatProblem).join("\n");
    if (after !== before) {
      for (const p of problems) options.log(formatProblem(p));
      if (!hasErrors(problems)) options.log("No errors left.");
    }
    const shown = changed.map((c) => c.split(path.sep).join("/")).filter((c) => /\.(md|ya?ml|json|csv|css|js)$/.test(c));
    options.log(`${shown.join(", ") || "content"} changed: reloaded in ${ms} ms (${update.parsed} parsed).`);
    for (const listener of listeners) listener({ changed, parsed: update.parsed, ms, problems });
  }

  const watchers = watchFolders(path.join(root, "content"), "content", (relative) => onEvent(relative));
  watchers.set(ASSETS_DIR, watch(ASSETS_DIR, onEvent("templates/assets")));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;

  return {
    url: `http://127.0.0.1:${port}/`,
    articles: () => published,
    onReload: (listener) => listeners.push(listener),
    async close() {
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await running;
    },
  };
}

/**
 * Watches `dir` and every folder below it, one watch per folder (Node 20's recursive mode on Linux watches
 * every file, 10,000 of them here). Folders created later are watched as they appear.
 */
function watchFolders(
  dir: string,
  relative: string,
  listener: (relative: string) => (event: string, filename: string | Buffer | null) => void,
  watchers = new Map<string, FSWatcher>(),
): Map<string, FSWatcher> {
  if (watchers.has(dir)) return watchers;
  let entries;
  try {
    const onChange = listener(relative);
    watchers.set(
      dir,
      watch(dir, (event, filename) => {
        onChange(event, filename);
        if (filename && event === "rename") {
          const child = path.join(dir, filename.toString());
          if (isFolder(child)) watchFolders(child, path.join(relative, filename.toString()), listener, watchers);
        }
      }),
    );
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return watchers;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) watchFolders(path.join(dir, entry.name), path.join(relative, entry.name), listener, watchers);
  }
  return watchers;
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function withReload(version: number, page: string): string {
  const tag = `<script src="${RELOAD_SCRIPT_PATH}?v=${version}"></script>\n`;
  const end = page.lastIndexOf("</body>");
  return end < 0 ? page + tag : page.slice(0, end) + tag + page.slice(end);
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  response.end(body);
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
