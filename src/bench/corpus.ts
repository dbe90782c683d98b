// A realistic, reproducible Chinese news corpus that follows the content contract, for benchmarks and
// scale tests: files named YYYY-MM-DD-<slug>.md under content/news/, districts from the sample site.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const DISTRICTS = ["新城区", "碑林区", "莲湖区", "灞桥区", "未央区", "雁塔区", "阎良区", "临潼区", "长安区", "高陵区", "鄠邑区", "蓝田县", "周至县"];
const TOPICS = ["疫情防控", "卫生健康", "社区服务", "城市建设", "文化旅游", "农业农村", "教育", "就业", "生态环保", "安全生产", "民生", "营商环境"];
const SUBJECTS = ["卫生健康局", "街道办事处", "教育局", "文化和旅游体育局", "住建局", "市场监管局", "生态环境分局", "人社局", "农业农村局", "应急管理局"];
const ACTIONS = ["扎实开展", "全面推进", "积极部署", "深入落实", "创新开展", "持续推进"];
const OBJECTS = ["专项检查", "便民服务活动", "重点工作调研", "安全隐患排查", "志愿服务行动", "政策宣讲", "民生实事项目", "环境整治"];
const BYLINES = ["通讯员 王明", "特约记者 师展", "记者 李娜", "通讯员 张伟 刘洋", "记者 赵磊"];
const EDITORS = ["王晓", "刘敏", "陈静", "杨帆"];
const LIST_ITEMS = ["加强组织领导，明确责任分工", "开展拉网式排查，建立问题台账", "限期整改到位，实行销号管理", "强化宣传引导，营造良好氛围"];
const SENTENCES = [
  "会议强调，要坚持以人民为中心的发展思想，把群众满意作为检验工作成效的标准。",
  "工作人员深入一线，逐户走访，详细了解群众的实际困难和需求。",
  "下一步，将进一步完善工作机制，压实责任，确保各项措施落地见效。",
  "活动现场气氛热烈，前来咨询的群众络绎不绝，工作人员耐心细致地解答。",
  "据统计，今年以来累计开展相关活动120余场次，服务群众3万余人次。",
  "各部门要加强协调配合，形成工作合力，推动工作取得新成效。",
  "**一、强化组织领导，**成立工作专班，明确责任分工，建立周调度机制。",
  "通过线上线下相结合的方式，广泛宣传相关政策，营造良好社会氛围。",
];

/** Small deterministic generator (mulberry32), so a corpus is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CorpusArticle {
  fileName: string;
  /** Wall-clock Beijing time, "YYYY-MM-DD HH:mm". */
  date: string;
  /** The same instant in RFC 3339, for peers that cannot read the wall-clock form. */
  dateRfc3339: string;
  title: string;
  district: string;
  tags: string[];
  summary: string;
  hot: boolean;
  subtitle?: string;
  byline: string;
  editor?: string;
  body: string;
}

/** The instant just after the newest article of every corpus: a build reference time that publishes all. */
export const CORPUS_END = new Date(Date.UTC(2026, 10, 1, 0, 0));

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Generates `count` articles, newest last, one every 53 minutes back from CORPUS_END. Bodies vary in
 * length (3 to 12 paragraphs, some with section headings, numbered lists and links), as on a real portal.
 */
export function generateCorpus(count: number, seed = 2020): CorpusArticle[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const start = CORPUS_END.getTime() - count * 53 * 60_000;
  const articles: CorpusArticle[] = [];
  for (let i = 0; i < count; i++) {
    const beijing = new Date(start + i * 53 * 60_000 + 8 * 3_600_000);
    const day = `${beijing.getUTCFullYear()}-${pad(beijing.getUTCMonth() + 1)}-${pad(beijing.getUTCDate())}`;
    const time = `${pad(beijing.getUTCHours())}:${pad(beijing.getUTCMinutes())}`;
    const district = pick(DISTRICTS);
    const title = `${district}${pick(SUBJECTS)}${pick(ACTIONS)}${pick(OBJECTS)}`;
    const tags = [...new Set([pick(TOPICS), pick(TOPICS)])];
    const paragraphs: string[] = [];
    const length = 3 + Math.floor(next() * 10);
    for (let p = 0; p < length; p++) {
      if (p > 0 && p % 3 === 0) paragraphs.push(`## ${pick(ACTIONS)}${pick(OBJECTS)}`);
      paragraphs.push(Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(SENTENCES)).join(""));
    }
    if (next() < 0.1) paragraphs.splice(2, 0, LIST_ITEMS.map((item, n) => `${n + 1}. ${item}；`).join("\n"));
    if (next() < 0.1) paragraphs.push(`详情请见[${district}人民政府网站](https://www.xa.gov.cn/news/${i + 1}.html)。`);
    const subtitle = next() < 0.15 ? `${district}${pick(TOPICS)}工作侧记` : undefined;
    const editor = next() < 0.6 ? pick(EDITORS) : undefined;
    articles.push({
      fileName: `${day}-article-${String(i + 1).padStart(6, "0")}.md`,
      date: `${day} ${time}`,
      dateRfc3339: `${day}T${time}:00+08:00`,
      title,
      district,
      tags,
      summary: `${title}，${pick(SENTENCES).replace(/\*\*/g, "")}`,
      hot: i % 997 === 0,
      ...(subtitle ? { subtitle } : {}),
      byline: pick(BYLINES),
      ...(editor ? { editor } : {}),
      body: paragraphs.join("\n\n"),
    });
  }
  return articles;
}

/** The article file; `date` lets the Hugo copy carry the same instant in RFC 3339. */
export function formatCorpusArticle(a: CorpusArticle, date = a.date): string {
  const lines = [
    `title: ${a.title}`,
    ...(a.subtitle ? [`subtitle: ${a.subtitle}`] : []),
    `date: ${date}`,
    `source: ${a.district}人民政府网站`,
    `byline: ${a.byline}`,
    `district: ${a.district}`,
    `tags: [${a.tags.join(", ")}]`,
    `summary: ${a.summary}`,
    ...(a.editor ? [`editor: ${a.editor}`] : []),
    ...(a.hot ? ["hot: true"] : []),
  ];
  return `---\n${lines.join("\n")}\n---\n\n${a.body}\n`;
}

/** Writes the corpus into `<root>/content/news/`, and the sample site's configuration when given. */
export function writeCorpus(root: string, articles: readonly CorpusArticle[], siteYaml?: string): void {
  const dir = path.join(root, "content/news");
  mkdirSync(dir, { recursive: true });
  if (siteYaml !== undefined) writeFileSync(path.join(root, "content/site.yaml"), siteYaml);
  for (const a of articles) writeFileSync(path.join(dir, a.fileName), formatCorpusArticle(a));
}
