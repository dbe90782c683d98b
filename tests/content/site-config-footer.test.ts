// The footer facts a Chinese portal must show are required: a site.yaml without one fails the build with
// the file, the field and a Chinese hint, and nothing is written.
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, parseSiteConfig } from "../../src/content/index.ts";
import { buildSite } from "../../src/site/index.ts";
import { SITE_YAML, makeArticle, makeSite } from "../support/fixtures.ts";

/** The sample site.yaml with one footer line removed. */
function withoutFooterField(field: string): string {
  const line = new RegExp(`^  ${field}: .*\\n`, "m");
  expect(SITE_YAML).toMatch(line);
  return SITE_YAML.replace(line, "");
}

function withFooterField(field: string, value: string): string {
  return SITE_YAML.replace(new RegExp(`^  ${field}: .*$`, "m"), `  ${field}: ${value}`);
}

describe("required footer fields in content/site.yaml", () => {
  it.each([
    ["organiser", "请填写主办单位"],
    ["contact", "请填写联系方式"],
    ["siteCode", "请填写网站标识码"],
    ["icp", "请填写 ICP 备案号"],
    ["police", "请填写公网安备号"],
  ])("a missing footer.%s fails the build, naming the file, the field and a Chinese hint", async (field, hint) => {
    const root = makeSite({ "a.md": makeArticle() }, withoutFooterField(field));
    const result = await buildSite({ root });
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    const text = formatProblem(result.problems[0]!);
    expect(text).toMatch(new RegExp(`^content/site\\.yaml:\\d+:\\d+  footer\\.${field}  is required: expected `));
    expect(text).toContain(`\n  hint: ${hint}`);
    expect(existsSync(path.join(root, "_site"))).toBe(false);
  });

  it("a site.yaml without any footer names the footer and every field it needs", () => {
    const yaml = SITE_YAML.replace(/^footer:\n(?: {2}.*\n)+/m, "");
    const { config, problems } = parseSiteConfig(yaml);
    expect(config).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual([
      "content/site.yaml  footer  is required: expected a mapping with organiser, contact, siteCode, icp and police\n" +
        "  hint: 页脚信息必填：主办单位 organiser、联系方式 contact、网站标识码 siteCode、ICP 备案号 icp、公网安备号 police",
    ]);
  });

  it.each([
    ["organiser", '""', 'received ""'],
    ["siteCode", '"61010"', 'received "61010"'],
    ["icp", "陕备00000000号", 'received "陕备00000000号"'],
    ["police", "陕公网安备", 'received "陕公网安备"'],
  ])("an unusable footer.%s (%s) is an error", (field, value, received) => {
    const { problems } = parseSiteConfig(withFooterField(field, value));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe(`footer.${field}`);
    expect(problems[0]!.message).toContain(received);
    expect(problems[0]!.hint).toMatch(/^请填写/);
  });
});
