// `newsdesk new "标题" --district 长安区`: writes a new article that already follows the content contract,
// dated now in the site's time zone and named YYYY-MM-DD-<pinyin>.md. Everything is validated by the same
// parser the build uses before anything is written, and an existing file is never overwritten.
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  ARTICLES_DIR,
  findUnsafeSlugCharacter,
  formatDay,
  formatDisplay,
  formatProblem,
  loadSiteConfig,
  parseArticle,
  readYamlRecord,
  referenceTime,
  slugify,
  toZonedTime,
  type Problem,
} from "../../content/index.ts";
import type { Command } from "../io.ts";

/** Which option each front-matter field came from, so problems name what the editor typed. */
const OPTION_OF_FIELD: Record<string, string> = { title: "title", district: "--district", tags: "--tags", slug: "--slug" };

export const newCommand: Command = {
  summary: 'write a new article: new "标题" --district 长安区 [--tags 标签一,标签二] [--slug x] [--draft]',
  usage: `  --district NAME  the article's district, as named in content/site.yaml (required)
  --tags A,B       tags, separated by commas
  --slug TEXT      URL segment instead of the title's pinyin
  --draft          mark the article as a draft (never published until you remove it)`,
  options: { district: { type: "string" }, tags: { type: "string" }, slug: { type: "string" }, draft: { type: "boolean" } },
  async run({ values, positionals, common, io }) {
    if (positionals.length !== 1 || typeof values.district !== "string") {
      io.err('Usage: newsdesk new "标题" --district 长安区 [--tags 标签一,标签二] [--slug x] [--draft]');
      io.err("  hint: 标题要用引号括起来，并用 --district 写明区县");
      return 2;
    }
    const title = positionals[0]!.trim();
    const { config: site, problems: configProblems } = await loadSiteConfig(common.root);
    if (!site) {
      for (const p of configProblems) io.err(formatProblem(p));
      return 1;
    }

    const explicitSlug = typeof values.slug === "string" ? values.slug : undefined;
    const problems: Problem[] = [];
    if (explicitSlug !== undefined) {
      const unsafe = findUnsafeSlugCharacter(explicitSlug);
      if (unsafe) problems.push({ severity: "error", file: "newsdesk new", field: "--slug", message: `slug contains ${unsafe}`, hint: "网址片段只能包含字母、数字和连字符 -" });
    }
    const slug = slugify(explicitSlug ?? title);
    if (!slug && problems.length === 0) {
      problems.push({
        severity: "error",
        file: "newsdesk new",
        field: explicitSlug === undefined ? "title" : "--slug",
        message: "has no letters or digits to make a URL from",
        hint: "请用 --slug 写一个英文或拼音网址片段，例如 --slug changan-news",
      });
    }
    const tags = typeof values.tags === "string" ? values.tags.split(/[,，、]/).map((t) => t.trim()).filter(Boolean) : [];
    const zoned = toZonedTime(referenceTime(), site.timeZone);
    const fileName = `${formatDay(zoned)}-${slug}.md`;
    const relative = `${ARTICLES_DIR}/${fileName}`;
    const text = articleTemplate({
      title,
      date: formatDisplay(zoned),
      district: values.district.trim(),
      tags,
      draft: values.draft === true,
      ...(explicitSlug !== undefined ? { slug } : {}),
    });

    // The same parser as the build: whatever it would reject is reported against the option instead.
    if (problems.length === 0) {
      for (const p of parseArticle(text, relative, site).problems) {
        if (p.severity !== "error") continue;
        const field = p.field?.split(".")[0] ?? "";
        problems.push({ severity: "error", file: "newsdesk new", field: OPTION_OF_FIELD[field] ?? field, message: p.message, ...(p.hint ? { hint: p.hint } : {}) });
      }
    }
    if (problems.length > 0) {
      for (const p of problems) io.err(formatProblem(p));
      io.err("Nothing was written.");
      return 1;
    }

    const dir = path.join(common.root, ARTICLES_DIR);
    await mkdir(dir, { recursive: true });
    const sameMonth = (await readdir(dir)).find((name) => name !== fileName && name.startsWith(fileName.slice(0, 8)) && name.slice(11) === fileName.slice(11));
    if (sameMonth) {
      io.err(`newsdesk new: ${ARTICLES_DIR}/${sameMonth} already uses the URL slug "${slug}" this month`);
      io.err("  hint: 本月已有同名网址的文章，请用 --slug 指定另一个网址片段");
      return 1;
    }
    try {
      await writeFile(path.join(dir, fileName), text, { flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      io.err(`newsdesk new: ${relative} already exists; it was left unchanged`);
      io.err("  hint: 文件已存在，没有覆盖；请换一个标题或用 --slug 指定另一个网址片段");
      return 1;
    }
    io.out(relative);
    return 0;
  },
};

interface NewArticle {
  title: string;
  date: string;
  district: string;
  tags: string[];
  draft: boolean;
  slug?: string;
}

/** The front matter editors fill in: every contract field, optional ones left empty (empty means absent). */
export function articleTemplate(a: NewArticle): string {
  const lines = [
    "---",
    `title: ${yamlText(a.title)}`,
    "subtitle:",
    `date: ${a.date}`,
    "source:",
    "byline:",
    `district: ${yamlText(a.district)}`,
    `tags: [${a.tags.map(yamlText).join(", ")}]`,
    "summary:",
    "editor:",
    ...(a.slug !== undefined ? [`slug: ${a.slug}`] : []),
    `draft: ${a.draft}`,
    "---",
    "",
    "",
  ];
  return lines.join("\n");
}

/** The text as a YAML value: plain when it reads back unchanged, else double-quoted (JSON is valid YAML). */
function yamlText(value: string): string {
  const probe = readYamlRecord(`v: ${value}`, "");
  const plain = probe.problems.length === 0 && probe.data?.v === value && !/[,[\]{}]/.test(value);
  return plain ? value : JSON.stringify(value);
}
