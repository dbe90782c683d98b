// The one site configuration (content/site.yaml): validated once, then fed to every page, list, feed and
// sitemap. Defaults live here, one per option, so the file editors keep stays short.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { isValidTimeZone } from "./dates.ts";
import type { Problem } from "./problems.ts";
import { SLUG_PATTERN } from "./slugs.ts";
import { validateRecord, type FieldHelp } from "./validation.ts";
import { readYamlRecord } from "./yaml.ts";

export const SITE_CONFIG_FILE = "content/site.yaml";

const slug = z.string().regex(SLUG_PATTERN);

/** Defaults of the `publish:` block, one per option; README "Publishing" explains each. */
export const PUBLISH_DEFAULTS = {
  /** A publish may delete at most this many objects (a renamed URL scheme needs --max-deletes). */
  maxDeletes: 200,
  /** The build may hold at most this many files fewer than the bucket... */
  maxShrinkFiles: 200,
  /** ...and at most this fraction fewer (0.25 = a quarter). Either limit stops the publish. */
  maxShrinkRatio: 0.25,
  /** Requests to the object store in flight at once. */
  concurrency: 8,
  /**
   * Minutes a content-hashed file (site.0055be7a4e.css) stays after the build stopped using it, so that
   * pages still cached by the CDN or browsers (publish.cacheControl.pages) never point at a missing file.
   */
  keepHashedMinutes: 60,
  cacheControl: {
    /** HTML, feeds, sitemaps and every other file without a content hash in its name, except media. */
    pages: "public, max-age=300",
    /** Files whose name carries a content hash (site.0055be7a4e.css): never change, cached for a year. */
    hashed: "public, max-age=31536000, immutable",
    /** Images, fonts and other binary files without a content hash. */
    other: "public, max-age=3600",
  },
};

const cacheControlValue = z
  .string()
  .trim()
  .min(1)
  .regex(/^[\x20-\x7e]+$/, { message: "only printable ASCII is allowed in an HTTP header" });

const publishSchema = z.strictObject({
  maxDeletes: z.int().min(0).default(PUBLISH_DEFAULTS.maxDeletes),
  maxShrinkFiles: z.int().min(0).default(PUBLISH_DEFAULTS.maxShrinkFiles),
  maxShrinkRatio: z.number().min(0).max(1).default(PUBLISH_DEFAULTS.maxShrinkRatio),
  concurrency: z.int().min(1).max(64).default(PUBLISH_DEFAULTS.concurrency),
  keepHashedMinutes: z.int().min(0).max(525_600).default(PUBLISH_DEFAULTS.keepHashedMinutes),
  cacheControl: z
    .strictObject({
      pages: cacheControlValue.default(PUBLISH_DEFAULTS.cacheControl.pages),
      hashed: cacheControlValue.default(PUBLISH_DEFAULTS.cacheControl.hashed),
      other: cacheControlValue.default(PUBLISH_DEFAULTS.cacheControl.other),
    })
    .default(PUBLISH_DEFAULTS.cacheControl),
});

export const siteConfigSchema = z
  .strictObject({
    /** Site name, shown in the meta line, <title> and header: 兵马俑在线. */
    name: z.string().trim().min(1),
    /** Absolute URL the site is served from; feeds, sitemaps and canonical links use it. */
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .transform((url) => (url.endsWith("/") ? url : `${url}/`)),
    /** One-line description of the site, for the home page's meta description. */
    description: z.string().trim().default(""),
    /** BCP 47 language of the pages. */
    language: z.string().default("zh-CN"),
    /** IANA time zone in which front-matter dates without an offset are read and all dates are shown. */
    timeZone: z
      .string()
      .default("Asia/Shanghai")
      .refine(isValidTimeZone, { message: "unknown time zone" }),
    /** Label of the home link that starts every breadcrumb. */
    homeLabel: z.string().trim().min(1).default("网站首页"),
    /** The news channel: its name in breadcrumbs and headings. Articles live under /news/. */
    channel: z.strictObject({ name: z.string().trim().min(1).default("区县播报") }).default({ name: "区县播报" }),
    /** Districts and counties an article can belong to, each with a stable ASCII URL slug. */
    districts: z
      .array(z.strictObject({ name: z.string().trim().min(1), slug }))
      .min(1)
      .check((ctx) => {
        const seen = new Set<string>();
        for (const d of ctx.value) {
          for (const key of [`name:${d.name}`, `slug:${d.slug}`]) {
            if (seen.has(key)) {
              ctx.issues.push({ code: "custom", input: ctx.value, message: `district ${key.replace(":", " ")} is declared twice` });
            }
            seen.add(key);
          }
        }
      }),
    /** Portal furniture printed in every page's footer and in the government meta tags. All required:
     *  a Chinese portal may not go online without its registration numbers. */
    footer: z.strictObject({
      /** 主办单位. */
      organiser: z.string().trim().min(1),
      /** 联系方式: phone or address. */
      contact: z.string().trim().min(1),
      /** 网站标识码: ten letters or digits (e.g. 6101000001, bm01000001); also the SiteIDCode meta tag. */
      siteCode: z.string().trim().regex(/^[0-9A-Za-z]{10}$/),
      /** ICP 备案号, e.g. 陕ICP备12345678号-1; linked to the MIIT registry. */
      icp: z.string().trim().regex(/ICP[备证]/),
      /** 公网安备 number, e.g. 陕公网安备 61011602000001号; its digits link to the MPS registry. */
      police: z.string().trim().regex(/公网安备\s*\d{6,}/),
    }),
    /** Articles per page on every paginated list. */
    pageSize: z.int().min(1).max(500).default(20),
    /** The 全站热点 sidebar: how many entries, and how far back (days) read counts are considered. */
    hot: z
      .strictObject({ count: z.int().min(1).max(50).default(7), windowDays: z.int().min(1).max(3650).default(30) })
      .default({ count: 7, windowDays: 30 }),
    /** How many 相关阅读 entries an article shows. */
    relatedCount: z.int().min(0).max(20).default(5),
    /** `newsdesk publish`: safety limits and HTTP caching rules (README "Publishing"). */
    publish: publishSchema.default(PUBLISH_DEFAULTS),
    /** Atom, RSS and JSON feeds (whole site and per district): how many newest articles each lists, and
     *  whether entries carry the full article text or only the summary. */
    feeds: z
      .strictObject({ limit: z.int().min(1).max(500).default(20), fullText: z.boolean().default(true) })
      .default({ limit: 20, fullText: true }),
  });

export type SiteConfig = z.output<typeof siteConfigSchema>;
export type District = SiteConfig["districts"][number];
export type PublishConfig = SiteConfig["publish"];

const help: Record<string, FieldHelp> = {
  name: { expected: "the site name as text", hint: "网站名称，例如 兵马俑在线" },
  baseUrl: { expected: "an absolute http(s) URL", hint: "网站地址，例如 https://www.example.cn/" },
  description: { expected: "text", hint: "网站简介，一句话" },
  language: { expected: "a language tag such as zh-CN", hint: "一般写 zh-CN" },
  timeZone: { expected: "an IANA time zone such as Asia/Shanghai", hint: "北京时间请写 Asia/Shanghai" },
  homeLabel: { expected: "text", hint: "面包屑第一项，例如 网站首页" },
  channel: { expected: "a mapping with name", hint: "栏目设置，例如 name: 区县播报" },
  "channel.name": { expected: "text", hint: "栏目名称，例如 区县播报" },
  districts: { expected: "a list of districts, each with name and slug", hint: "区县列表，每项写 name 和 slug" },
  "districts.*": { expected: "a mapping with name and slug", hint: "例如 - { name: 长安区, slug: changan }" },
  "districts.*.name": { expected: "text", hint: "区县名称，例如 长安区" },
  "districts.*.slug": { expected: "lowercase a-z, 0-9 and hyphens", hint: "网址用的拼音，例如 changan" },
  footer: {
    expected: "a mapping with organiser, contact, siteCode, icp and police",
    hint: "页脚信息必填：主办单位 organiser、联系方式 contact、网站标识码 siteCode、ICP 备案号 icp、公网安备号 police",
  },
  "footer.organiser": { expected: "the organiser's name as text", hint: "请填写主办单位，例如 西安市人民政府办公厅" },
  "footer.contact": { expected: "a phone number or address as text", hint: "请填写联系方式，例如 029-12345678" },
  "footer.siteCode": { expected: "the 10-character site identification code", hint: "请填写网站标识码（10 位字母或数字），例如 \"6101000001\"（加引号）" },
  "footer.icp": { expected: "an ICP number such as 陕ICP备12345678号-1", hint: "请填写 ICP 备案号，例如 陕ICP备12345678号-1" },
  "footer.police": {
    expected: "a 公网安备 number such as 陕公网安备 61011602000001号",
    hint: "请填写公网安备号，例如 陕公网安备 61011602000001号",
  },
  pageSize: { expected: "a whole number from 1 to 500", hint: "每页显示的文章数，默认 20" },
  hot: { expected: "a mapping with count and windowDays", hint: "全站热点设置" },
  "hot.count": { expected: "a whole number from 1 to 50", hint: "全站热点条数，默认 7" },
  "hot.windowDays": { expected: "a whole number of days from 1 to 3650", hint: "统计阅读数的天数，默认 30" },
  relatedCount: { expected: "a whole number from 0 to 20", hint: "相关阅读条数，默认 5" },
  publish: { expected: "a mapping", hint: "发布设置，见 README 的 Publishing 一节" },
  "publish.maxDeletes": { expected: "a whole number, 0 or more", hint: "一次发布最多删除的文件数，默认 200" },
  "publish.maxShrinkFiles": { expected: "a whole number, 0 or more", hint: "新版本最多比线上少多少个文件，默认 200" },
  "publish.maxShrinkRatio": { expected: "a number from 0 to 1", hint: "新版本最多比线上少的比例，默认 0.25（四分之一）" },
  "publish.keepHashedMinutes": { expected: "a whole number of minutes, 0 or more", hint: "不再使用的带哈希文件保留多少分钟再删除，默认 60" },
  "publish.concurrency": { expected: "a whole number from 1 to 64", hint: "同时进行的上传请求数，默认 8" },
  "publish.cacheControl": { expected: "a mapping with pages, hashed and other", hint: "缓存策略（Cache-Control）" },
  "publish.cacheControl.pages": { expected: "a Cache-Control value in ASCII", hint: "网页和订阅的缓存，默认 public, max-age=300" },
  "publish.cacheControl.hashed": { expected: "a Cache-Control value in ASCII", hint: "带内容哈希的文件，默认 public, max-age=31536000, immutable" },
  "publish.cacheControl.other": { expected: "a Cache-Control value in ASCII", hint: "图片等其他文件，默认 public, max-age=3600" },
  feeds: { expected: "a mapping with limit and fullText", hint: "订阅源（RSS/Atom/JSON Feed）设置" },
  "feeds.limit": { expected: "a whole number from 1 to 500", hint: "每个订阅源包含的最新文章数，默认 20" },
  "feeds.fullText": { expected: "true or false", hint: "订阅源是否包含全文：true 全文，false 只有摘要" },
};

/** Parses and validates the site configuration text. */
export function parseSiteConfig(text: string, file = SITE_CONFIG_FILE): { config?: SiteConfig; problems: Problem[] } {
  const yaml = readYamlRecord(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"), file);
  if (!yaml.data) return { problems: yaml.problems };
  const { value, problems } = validateRecord(siteConfigSchema, yaml.data, yaml, file, help);
  const all = [...yaml.problems, ...problems];
  return all.length === 0 && value ? { config: value, problems: [] } : { problems: all };
}

/** Reads `content/site.yaml` under `root`. */
export async function loadSiteConfig(root: string): Promise<{ config?: SiteConfig; problems: Problem[] }> {
  let text: string;
  try {
    text = await readFile(`${root}/${SITE_CONFIG_FILE}`, "utf8");
  } catch {
    return {
      problems: [
        {
          severity: "error",
          file: SITE_CONFIG_FILE,
          message: "the site configuration file is missing",
          hint: "请创建 content/site.yaml（可参考示例站点）",
        },
      ],
    };
  }
  return parseSiteConfig(text);
}
