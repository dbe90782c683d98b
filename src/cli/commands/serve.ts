// `newsdesk serve` (npm start): the site on http://127.0.0.1:8080/ with live reload, until Ctrl+C.
import { plural, type Command } from "../io.ts";

export const serveCommand: Command = {
  summary: "preview the site on http://127.0.0.1:8080/; pages reload when content changes",
  usage: `  --port N       port on 127.0.0.1 (default 8080; 0 picks a free one)
  --drafts       show draft articles too`,
  options: { port: { type: "string" }, drafts: { type: "boolean" } },
  async run({ values, common, io }) {
    const port = typeof values.port === "string" ? Number(values.port) : 8080;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.err(`newsdesk serve: --port expects a whole number from 0 to 65535, received ${JSON.stringify(values.port)}`);
      return 2;
    }
    const started = performance.now();
    // Imported here: Eleventy's adapter is only needed by build and serve.
    const { startDevServer } = await import("../../site/dev-server.ts");
    let server;
    try {
      server = await startDevServer({ root: common.root, port, drafts: values.drafts === true, log: (line) => io.err(line) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
      io.err(`newsdesk serve: port ${port} is already in use`);
      io.err(`  hint: 端口被占用，可以换一个端口，例如 npm start -- --port ${port + 1}`);
      return 1;
    }
    // Listening for Ctrl+C before saying where we serve: whoever reads that line may stop us at once.
    const stopped = new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.out(`Serving ${server.url} (${plural(server.articles(), "article")}${values.drafts === true ? ", drafts included" : ""}; ready in ${seconds} s).`);
    io.out("Edit files under content/ and open pages reload. Press Ctrl+C to stop.");
    await stopped;
    await server.close();
    return 0;
  },
};
