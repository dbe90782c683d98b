// The feed generators on loaded fixture content: which articles each feed lists, and the exact bytes.
import { describe, expect, it } from "vitest";
import { planFeeds, renderAtom, renderFeedFiles, renderJsonFeed, renderRss } from "../../src/publish/feeds.ts";
import { parseSiteConfig } from "../../src/content/index.ts";
import { loadFixture } from "../support/content.ts";
import { SITE_YAML, makeArticle } from "../support/fixtures.ts";

const withFeeds = (options: string) => `${SITE_YAML}\nfeeds:\n${options}\n`;

/** Five articles over three districts, one hour apart, 2020-03-01 09:00 the oldest. */
function fiveArticles(): Record<string, string> {
  const districts = ["长安区", "碑林区", "长安区", "雁塔区", "长安区"];
  return Object.fromEntries(
    districts.map((district, i) => [`2020-03-01-a${i + 1}.md`, makeArticle({ title: `文章${i + 1}`, district, date: `2020-03-01 ${String(9 + i).padStart(2, "0")}:00` })]),
  );
}

describe("planFeeds", () => {
  it("plans the site feed and one per district, newest first, limited by feeds.limit", async () => {
    const content = await loadFixture(fiveArticles(), { siteYaml: withFeeds("  limit: 2") });
    const feeds = planFeeds(content);
    expect(feeds).toHaveLength(1 + 13);
    const titles = (i: number) => feeds[i]!.articles.map((a) => a.title);
    expect(feeds[0]!.paths).toEqual({ atom: "/feed.xml", rss: "/rss.xml", json: "/feed.json" });
    expect(titles(0)).toEqual(["文章5", "文章4"]);
    const changan = feeds.find((f) => f.homePath === "/districts/changan/")!;
    expect(changan.paths).toEqual({ atom: "/districts/changan/feed.xml", rss: "/districts/changan/rss.xml", json: "/districts/changan/feed.json" });
    expect(changan.title).toBe("长安区 - 兵马俑在线");
    expect(changan.articles.map((a) => a.title)).toEqual(["文章5", "文章3"]);
    const beilin = feeds.find((f) => f.homePath === "/districts/beilin/")!;
    expect(beilin.articles.map((a) => a.title)).toEqual(["文章2"]);
    expect(beilin.updated.toISOString()).toBe("2020-03-01T02:00:00.000Z");
    // A district without articles still has a (valid, empty) feed dated by the site's newest article.
    const gaoling = feeds.find((f) => f.homePath === "/districts/gaoling/")!;
    expect(gaoling.articles).toEqual([]);
    expect(gaoling.updated.toISOString()).toBe("2020-03-01T05:00:00.000Z");
  });

  it("defaults to 20 entries", async () => {
    const many = Object.fromEntries(
      Array.from({ length: 23 }, (_, i) => [`2020-03-01-n${i}.md`, makeArticle({ title: `第${i}篇`, date: `2020-03-01 ${String(i).padStart(2, "0")}:00` })]),
    );
    const content = await loadFixture(many);
    const site = planFeeds(content)[0]!;
    expect(site.articles).toHaveLength(20);
    expect(site.articles[0]!.title).toBe("第22篇");
    expect(site.articles[19]!.title).toBe("第3篇");
  });

  it("writes three files per feed", async () => {
    const content = await loadFixture(fiveArticles());
    const paths = renderFeedFiles(content).map((f) => f.path);
    expect(paths).toHaveLength(3 * 14);
    expect(paths.slice(0, 6)).toEqual(["/feed.xml", "/rss.xml", "/feed.json", "/districts/xincheng/feed.xml", "/districts/xincheng/rss.xml", "/districts/xincheng/feed.json"]);
  });
});

const ONE = makeArticle(
  {
    title: "长安区召开会议",
    date: "2020-02-27 11:31",
    byline: "特约记者 师展",
    tags: ["疫情防控"],
    summary: "会议摘要 & 说明",
  },
  "正文见[通知](/notices/1/)。\n\n![照片](photo.jpg)\n",
);

describe("feed formats, byte for byte", () => {
  it("renders Atom 1.0 with +08:00 dates, absolute URLs and the full text", async () => {
    const content = await loadFixture({ "2020-02-27-meeting.md": ONE });
    const feed = planFeeds(content).find((f) => f.homePath === "/districts/changan/")!;
    const base = "https://www.bmy-online.example.cn";
    expect(renderAtom(feed, content.site)).toBe(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<title type="text">长安区 - 兵马俑在线</title>
<subtitle type="text">兵马俑在线区县播报：长安区</subtitle>
<link rel="self" type="application/atom+xml" href="${base}/districts/changan/feed.xml"/>
<link rel="alternate" type="text/html" href="${base}/districts/changan/"/>
<id>${base}/districts/changan/feed.xml</id>
<updated>2020-02-27T11:31:00+08:00</updated>
<author><name>兵马俑在线</name><uri>${base}/</uri></author>
<generator>newsdesk</generator>
<entry>
<title type="text">长安区召开会议</title>
<link rel="alternate" type="text/html" href="${base}/news/2020/02/meeting/"/>
<id>${base}/news/2020/02/meeting/</id>
<published>2020-02-27T11:31:00+08:00</published>
<updated>2020-02-27T11:31:00+08:00</updated>
<author><name>特约记者 师展</name></author>
<category term="长安区"/>
<category term="疫情防控"/>
<summary type="text">会议摘要 &amp; 说明</summary>
<content type="html">&lt;p&gt;正文见&lt;a href=&quot;${base}/notices/1/&quot;&gt;通知&lt;/a&gt;。&lt;/p&gt;
&lt;p&gt;&lt;img src=&quot;${base}/news/2020/02/meeting/photo.jpg&quot; alt=&quot;照片&quot;&gt;&lt;/p&gt;
</content>
</entry>
</feed>
`);
  });

  it("renders RSS 2.0 with RFC 822 dates in +0800", async () => {
    const content = await loadFixture({ "2020-02-27-meeting.md": ONE }, { siteYaml: withFeeds("  fullText: false") });
    const feed = planFeeds(content)[0]!;
    const base = "https://www.bmy-online.example.cn";
    expect(renderRss(feed, content.site)).toBe(`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>兵马俑在线 - 区县播报</title>
<link>${base}/</link>
<description>西安市区县新闻门户，转载各区县政府发布的权威信息。</description>
<language>zh-cn</language>
<lastBuildDate>Thu, 27 Feb 2020 11:31:00 +0800</lastBuildDate>
<atom:link href="${base}/rss.xml" rel="self" type="application/rss+xml"/>
<generator>newsdesk</generator>
<item>
<title>长安区召开会议</title>
<link>${base}/news/2020/02/meeting/</link>
<guid isPermaLink="true">${base}/news/2020/02/meeting/</guid>
<pubDate>Thu, 27 Feb 2020 11:31:00 +0800</pubDate>
<dc:creator>特约记者 师展</dc:creator>
<category>长安区</category>
<category>疫情防控</category>
<description>会议摘要 &amp; 说明</description>
</item>
</channel>
</rss>
`);
  });

  it("renders JSON Feed 1.1 with the lead image and tags", async () => {
    const content = await loadFixture({ "2020-02-27-meeting.md": ONE });
    const feed = planFeeds(content)[0]!;
    const base = "https://www.bmy-online.example.cn";
    const text = renderJsonFeed(feed, content.site);
    expect(JSON.parse(text)).toEqual({
      version: "https://jsonfeed.org/version/1.1",
      title: "兵马俑在线 - 区县播报",
      home_page_url: `${base}/`,
      feed_url: `${base}/feed.json`,
      description: "西安市区县新闻门户，转载各区县政府发布的权威信息。",
      language: "zh-CN",
      authors: [{ name: "兵马俑在线", url: `${base}/` }],
      items: [
        {
          id: `${base}/news/2020/02/meeting/`,
          url: `${base}/news/2020/02/meeting/`,
          title: "长安区召开会议",
          content_html: `<p>正文见<a href="${base}/notices/1/">通知</a>。</p>\n<p><img src="${base}/news/2020/02/meeting/photo.jpg" alt="照片"></p>\n`,
          summary: "会议摘要 & 说明",
          image: `${base}/news/2020/02/meeting/photo.jpg`,
          date_published: "2020-02-27T11:31:00+08:00",
          authors: [{ name: "特约记者 师展" }],
          tags: ["长安区", "疫情防控"],
        },
      ],
    });
    expect(text).not.toMatch(/[<>&]/);
  });

  it("gives summaries only when feeds.fullText is false", async () => {
    const content = await loadFixture({ "2020-02-27-meeting.md": ONE }, { siteYaml: withFeeds("  fullText: false") });
    const feed = planFeeds(content)[0]!;
    expect(renderAtom(feed, content.site)).not.toContain("<content");
    const item = JSON.parse(renderJsonFeed(feed, content.site)).items[0];
    expect(item.content_text).toBe("会议摘要 & 说明");
    expect(item.content_html).toBeUndefined();
  });
});

describe("feeds options in content/site.yaml", () => {
  it.each([
    ["  limit: 0", "feeds.limit", "expected a whole number from 1 to 500, received number 0", "每个订阅源包含的最新文章数，默认 20"],
    ["  fullText: yes", "feeds.fullText", 'expected true or false, received "yes"', "订阅源是否包含全文：true 全文，false 只有摘要"],
    ["  limt: 5", "feeds.limt", 'unknown field; did you mean "limit"?', "字段名写错了吗？应为 limit"],
  ])("%j is reported on %s", async (options, field, message, hint) => {
    const { problems } = parseSiteConfig(withFeeds(options));
    expect(problems).toEqual([expect.objectContaining({ file: "content/site.yaml", field, message, hint })]);
  });
});
