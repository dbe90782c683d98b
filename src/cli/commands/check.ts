// `newsdesk check`: validates the whole site exactly as a build would, without writing anything, and
// reports every problem in every file before deciding the exit code (1 on any error, 0 with warnings only).
import { formatProblem, loadSite, referenceTime } from "../../content/index.ts";
import { plural, type Command } from "../io.ts";

export const checkCommand: Command = {
  summary: "validate content/site.yaml and every article without building (exit 1 on any error)",
  usage: "",
  options: {},
  async run({ common, io }) {
    const now = referenceTime();
    const loaded = await loadSite(common.root, { now });
    for (const problem of loaded.problems) io.err(formatProblem(problem));
    const errors = loaded.problems.filter((p) => p.severity === "error");
    const warnings = loaded.problems.length - errors.length;
    const filesWithErrors = new Set(errors.map((p) => p.file)).size;
    if (!loaded.content) {
      // The configuration itself is broken: districts and the time zone are unknown, so articles wait.
      io.err(`\nFound ${plural(errors.length, "error")} in content/site.yaml; the articles are checked once it is fixed.`);
      io.err("  hint: 请先按上面的提示修改 content/site.yaml，然后再运行 npm run check");
      return 1;
    }
    if (errors.length > 0) {
      io.err(
        `\nFound ${plural(errors.length, "error")} and ${plural(warnings, "warning")} in ${filesWithErrors} of ${plural(loaded.files, "article file")}.` +
          "\n  hint: 请按上面每条提示修改（文件:行:列 指出了位置），然后再运行 npm run check",
      );
      return 1;
    }
    const content = loaded.content!;
    const { drafts, scheduled } = content.unpublished;
    io.out(
      `Checked ${plural(loaded.files, "article file")}: no errors${warnings ? `, ${plural(warnings, "warning")}` : ""}. ` +
        `${content.articles.length} would be published, ${plural(drafts, "draft")} and ${scheduled} scheduled left out.`,
    );
    return 0;
  },
};
