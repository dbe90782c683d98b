// The page `newsdesk serve` shows instead of the site while content has errors: every problem, as the
// terminal prints it, so the editor sees the mistake where they were looking. Not part of any build.
import { html } from "./html.ts";

export function renderDevErrorPage(problems: readonly string[], reloadScript: string): string {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>内容有错误 - newsdesk serve</title>
<style>body{font:16px/1.6 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}h1{color:#b00020}pre{background:#fff4f4;border-left:4px solid #b00020;padding:.75rem 1rem;white-space:pre-wrap;font-size:15px}</style>
</head>
<body>
<h1>内容有错误，网站暂时无法预览</h1>
<p>修改并保存文件后，本页会自动刷新。The site cannot be shown until these are fixed; this page reloads when you save.</p>
${problems.map((p) => html`<pre>${p}</pre>\n`)}
<script src="${reloadScript}"></script>
</body>
</html>
`.value;
}
