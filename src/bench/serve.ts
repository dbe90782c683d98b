// How quickly `newsdesk serve` shows an edit: the real command on the generated corpus, a page listening
// for reloads the way the browser's live-reload script does (server-sent events), then, for each run, one
// article saved with a new title, timed from the save to the reload event and to the edited page's HTML
// carrying the new title (what the reloading browser receives).
import { spawn } from "node:child_process";
import { request } from "node:http";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { formatCorpusArticle, type CorpusArticle } from "./corpus.ts";

export interface ServeMeasurement {
  /** From starting the command to its "Serving" line. */
  readyMs: number;
  /** Per edit: from the save to the reload event. */
  reloadMs: number[];
  /** Per edit: from the save to the edited page's new HTML, fully received. */
  pageMs: number[];
}

/** The article's address, from its file name: YYYY-MM-DD-slug.md → /news/YYYY/MM/slug/. */
export function corpusArticleUrl(article: CorpusArticle): string {
  const match = /^(\d{4})-(\d{2})-\d{2}-(.+)\.md$/.exec(article.fileName);
  if (!match) throw new Error(`unexpected corpus file name ${article.fileName}`);
  return `/news/${match[1]}/${match[2]}/${match[3]}/`;
}

export async function measureServe(
  bin: string,
  root: string,
  articles: readonly CorpusArticle[],
  env: NodeJS.ProcessEnv,
): Promise<ServeMeasurement> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, "serve", "--port", "0", "--root", root], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      child.stdout.on("data", (d) => {
        stdout += d;
        const match = /^Serving (http:\/\/127\.0\.0\.1:\d+\/) /m.exec(stdout);
        if (match) resolve(match[1]!);
      });
      void exited.then((code) => reject(new Error(`newsdesk serve exited with ${code}: ${stderr}`)));
    });
    const readyMs = performance.now() - started;
    const events = await openEvents(new URL("__newsdesk/events", base));
    const result: ServeMeasurement = { readyMs, reloadMs: [], pageMs: [] };
    try {
      for (const [run, article] of articles.entries()) {
        const marker = `（第${run + 1}次修改）`;
        const title = `${article.title}${marker}`;
        const reloaded = events.next();
        const saved = performance.now();
        writeFileSync(path.join(root, "content/news", article.fileName), formatCorpusArticle({ ...article, title }));
        await reloaded;
        result.reloadMs.push(performance.now() - saved);
        const html = await get(new URL(corpusArticleUrl(article).slice(1), base));
        if (!html.includes(marker)) {
          throw new Error(`newsdesk serve: ${corpusArticleUrl(article)} does not show the edited title after the reload`);
        }
        result.pageMs.push(performance.now() - saved);
        // Put the article back as it was, and let that reload pass before the next edit.
        const restored = events.next();
        writeFileSync(path.join(root, "content/news", article.fileName), formatCorpusArticle(article));
        await restored;
      }
    } finally {
      events.close();
    }
    return result;
  } finally {
    if (child.exitCode === null) child.kill("SIGINT");
    await exited;
  }
}

/** A server-sent events stream; `next` resolves on the next `reload` event. */
function openEvents(url: URL): Promise<{ next: () => Promise<void>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const waiting: (() => void)[] = [];
    const req = request(url, (response) => {
      let buffer = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: reload$/m.test(event)) waiting.splice(0).forEach((wake) => wake());
        }
      });
      resolve({
        next: () => new Promise<void>((wake) => waiting.push(wake)),
        close: () => req.destroy(),
      });
    });
    req.on("error", reject);
    req.end();
  });
}

function get(url: URL): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => (response.statusCode === 200 ? resolve(body) : reject(new Error(`GET ${url.pathname}: ${response.statusCode}`))));
    })
      .on("error", reject)
      .end();
  });
}
