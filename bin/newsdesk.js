#!/usr/bin/env node
// The `newsdesk` command. It runs the TypeScript sources bundled into a few JavaScript files (made with
// esbuild, the compiler tsx itself uses, and kept in node_modules/.cache/newsdesk/ per version of the
// sources and of the packages bundled with them): starting from the bundle takes half the time of
// compiling and resolving every module through tsx, which matters for warm rebuilds. When no bundle can be
// made (or NEWSDESK_NO_BUNDLE=1), the sources run through tsx as they are.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PACKAGE_DIR = fileURLToPath(new URL("../", import.meta.url));
const ENTRIES = {
  cli: "src/cli/main.ts",
  "parse-worker": "src/content/parse-worker.ts",
  "page-worker": "src/site/page-worker.ts",
  "write-worker": "src/site/write-worker.ts",
  "warm-worker": "src/site/warm-worker.ts",
  "eleventy-config": ".eleventy.ts",
  prestart: "src/cli/prestart.ts",
};

/**
 * Packages bundled in with the sources, with what they import: those the parsing threads load (the main
 * thread and a worker each), and Eleventy. Resolving and reading the parsers' hundred-odd files took a
 * thread 0.24–0.33 s of CPU before it could parse, against 0.14–0.21 s from the bundle; Eleventy's 437
 * files took 0.46–0.49 s to import, against 0.16–0.25 s bundled. Everything else (Pagefind, the AWS SDK)
 * is loaded from node_modules as it is.
 */
const BUNDLED_PACKAGES = ["@11ty/eleventy", "gray-matter", "markdown-it", "markdown-it-cjk-friendly", "pinyin-pro", "yaml", "zod"];

/**
 * Packages left out of the bundle even where a bundled one imports them: those Eleventy loads only to
 * serve or watch a site, which newsdesk never asks of it (its development server is newsdesk's own).
 */
const NEVER_BUNDLED = ["@11ty/eleventy-dev-server", "chokidar"];

/**
 * Packages bundled code asks for at run time that it never uses: js-yaml (under gray-matter) loads esprima
 * for its `!!js/function` type, which gray-matter's safe loading never reads; loading it took each thread
 * about 15 ms. js-yaml goes on without it, as it is made to.
 */
const NOT_LOADED = ["esprima"];

/** The `require` bundled code gets: `outside`, but for the packages `refused` (NOT_LOADED), which fail to load. */
function bundleRequire(outside, refused) {
  return Object.assign((id) => {
    if (refused.includes(id)) throw new Error(`${id} is not loaded by newsdesk's bundle`);
    return outside(id);
  }, outside);
}

/**
 * A digest of everything the bundle is made from: the sources and where they are, this file (its entries
 * and options), the bundled packages as installed, the compiler, Node.
 */
function sourceVersion(esbuildVersion) {
  const hash = createHash("sha256").update(`${PACKAGE_DIR}\0${process.version} ${esbuildVersion}\0`);
  hash.update(readFileSync(fileURLToPath(import.meta.url))).update("\0");
  for (const dir of ["src", "templates"]) {
    const files = readdirSync(path.join(PACKAGE_DIR, dir), { recursive: true }).filter((f) => f.endsWith(".ts")).sort();
    for (const file of files) hash.update(`${dir}/${file}\0`).update(readFileSync(path.join(PACKAGE_DIR, dir, file))).update("\0");
  }
  hash.update(readFileSync(path.join(PACKAGE_DIR, ".eleventy.ts")));
  // What npm installed (every package and version, those the bundled ones import included), else at
  // least the bundled packages' own versions.
  const installed = ["node_modules/.package-lock.json", "package-lock.json"].map((f) => path.join(PACKAGE_DIR, f)).find((f) => existsSync(f));
  if (installed) hash.update(readFileSync(installed));
  for (const name of BUNDLED_PACKAGES) {
    const manifest = path.join(PACKAGE_DIR, "node_modules", name, "package.json");
    hash.update(`${name}\0`).update(existsSync(manifest) ? readFileSync(manifest) : "");
  }
  return hash.digest("hex").slice(0, 20);
}

/** The bundle for the current sources, made first when missing. */
async function prepareBundle() {
  // esbuild comes with tsx; found through it, so the project needs no second copy.
  const esbuildPath = createRequire(createRequire(import.meta.url).resolve("tsx/package.json")).resolve("esbuild");
  const esbuildVersion = JSON.parse(readFileSync(path.join(esbuildPath, "../../package.json"), "utf8")).version;
  const cacheDir = path.join(PACKAGE_DIR, "node_modules/.cache/newsdesk");
  const dir = path.join(cacheDir, `bundle-${sourceVersion(esbuildVersion)}`);
  if (!existsSync(path.join(dir, "cli.mjs")) || !existsSync(path.join(dir, "cli.cjs"))) {
    const esbuild = await import(pathToFileURL(esbuildPath).href);
    const temp = `${dir}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
    const common = {
      bundle: true,
      platform: "node",
      target: `node${process.versions.node.split(".")[0]}`,
      logLevel: "silent",
      // Without comments and spaces, and with esbuild's semantics-keeping syntax rewrites (names stay, for
      // stack traces): the command's bundle is 3.8 MB instead of 5.6 MB, and functions the code cache does
      // not hold are compiled from less text. Alternating warm builds of 10,000 articles: 2.06 s against
      // 2.17 s (6 pairs), 1.83 s against 1.94 s (8 pairs). NEWSDESK_NO_BUNDLE=1 runs the sources as written.
      minifyWhitespace: true,
      minifySyntax: true,
      plugins: [
        {
          // Packages the sources import stay external, but for BUNDLED_PACKAGES (and what those import).
          name: "external-packages",
          setup(build) {
            build.onResolve({ filter: /^[^./]/ }, (args) => {
              const name = args.path.split("/").slice(0, args.path.startsWith("@") ? 2 : 1).join("/");
              if (NEVER_BUNDLED.includes(name)) return { path: args.path, external: true };
              if (args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
              return BUNDLED_PACKAGES.includes(name) ? undefined : { path: args.path, external: true };
            });
          },
        },
        {
          // Each module keeps its own import.meta.url, so paths it derives (templates/, assets, Eleventy's
          // package.json, what a package requires) stay right.
          name: "keep-module-urls",
          setup(build) {
            build.onLoad({ filter: /\.(ts|m?js)$/ }, (args) => {
              const source = readFileSync(args.path, "utf8");
              if (!args.path.endsWith(".ts") && !source.includes("import.meta.url")) return undefined;
              return {
                contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
                loader: args.path.endsWith(".ts") ? "ts" : "js",
              };
            });
          },
        },
      ],
    };
    await esbuild.build({
      ...common,
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, path.join(PACKAGE_DIR, file)])),
      outdir: temp,
      outExtension: { ".js": ".mjs" },
      splitting: true,
      format: "esm",
      // Bundled code from packages that are CommonJS calls `require` for Node's own modules (never for
      // NOT_LOADED: bundleRequire).
      banner: { js: `import { createRequire as newsdeskCreateRequire } from "node:module"; const require = (${bundleRequire})(newsdeskCreateRequire(import.meta.url), ${JSON.stringify(NOT_LOADED)});` },
    });
    // The command's own thread runs one script (runScript): every module in one file, CommonJS, import()
    // kept for the packages that stay outside (Pagefind is a module).
    await esbuild.build({
      ...common,
      entryPoints: { cli: path.join(PACKAGE_DIR, ENTRIES.cli) },
      outdir: temp,
      outExtension: { ".js": ".cjs" },
      format: "cjs",
      supported: { "dynamic-import": true },
    });
    mkdirSync(cacheDir, { recursive: true });
    try {
      renameSync(temp, dir);
    } catch {
      // Another process made the same bundle meanwhile: use theirs.
      rmSync(temp, { recursive: true, force: true });
    }
    // Bundles of older sources go once nothing can still be starting from them.
    const hourAgo = Date.now() - 3_600_000;
    for (const old of readdirSync(cacheDir)) {
      const full = path.join(cacheDir, old);
      if (old.startsWith("bundle-") && full !== dir && statSync(full).mtimeMs < hourAgo) rmSync(full, { recursive: true, force: true });
    }
  }
  return { dir, entries: Object.fromEntries(Object.keys(ENTRIES).map((name) => [name, pathToFileURL(path.join(dir, `${name}.mjs`)).href])) };
}

/** Commands whose runs each leave their own code cache (others share one). */
const COMMANDS = ["bench", "build", "check", "new", "publish", "serve"];

/**
 * Runs the command's bundle (cli.cjs) as one script with V8's code cache: the code compiled by a run of the
 * same command (and `variant`), kept beside the bundle. Compiling the bundle and then each function as it
 * is first called took a warm build of 10,000 articles about 0.4 s of its 2.3 s. A cache is written after a
 * run that had none (or one V8 turned down: another Node or other flags), so it holds every function that
 * run compiled; and again after a run of a bigger site than the one that wrote it, told by peak memory (half
 * as much again), as a small site's build leaves out functions a big one compiles: warm builds of 10,000
 * articles took 1.64–1.99 s with the cache such a build wrote, 1.75–2.25 s with the sample site's (6 each).
 * Not after every run: 4 MB, about 0.1 s. The script cannot call import() (Node 20 loses its callback for
 * code from a cache): the packages the sources import() go through this module's (src/runtime.ts,
 * importPackage). Returns main and the function that writes the cache, or undefined without that bundle.
 */
async function runScript(dir, variant) {
  const vm = await import("node:vm");
  const file = path.join(dir, "cli.cjs");
  if (!existsSync(file)) return undefined;
  const command = COMMANDS.includes(process.argv[2]) ? process.argv[2] : "other";
  const cacheFile = path.join(dir, `cli-${command}${variant}.v8cache`);
  // The cache, and the peak memory (kB) of the run that wrote it, in a file beside it.
  let cachedData;
  let cachedPeak = 0;
  try {
    cachedData = readFileSync(cacheFile);
    cachedPeak = Number(readFileSync(`${cacheFile}.peak`, "utf8")) || 0;
  } catch {
    // No cache yet (or no note of its writer's peak memory: written again after this run).
  }
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, "utf8")}\n})`;
  const script = new vm.Script(source, { filename: file, cachedData });
  globalThis[Symbol.for("newsdesk.import")] = (specifier) => import(specifier);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, bundleRequire(createRequire(file), NOT_LOADED), module, file, dir);
  const fresh = cachedData === undefined || script.cachedDataRejected === true;
  // With --debug, say whether the code came from the cache (tests check that it does).
  if (process.argv.includes("--debug")) console.error(`newsdesk: ${fresh ? "compiled" : "code cache used:"} ${fresh ? file : cacheFile}`);
  const saveCache = () => {
    const peak = process.resourceUsage().maxRSS;
    if (!fresh && peak <= 1.5 * cachedPeak) return;
    try {
      const temp = `${cacheFile}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, cacheFile);
      writeFileSync(temp, String(peak));
      renameSync(temp, `${cacheFile}.peak`);
    } catch {
      // Only a cache: the next run compiles again.
    }
  };
  return { main: module.exports.main, saveCache };
}

// Eleventy registers a module resolver hook at import (for re-importing JavaScript files it watches, which
// newsdesk never asks it to do); on Node 20 that runs every later import through a loader thread. Its
// documented switch turns the hook off (https://github.com/11ty/eleventy/issues/3371).
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";

let bundle;
if (process.env.NEWSDESK_NO_BUNDLE !== "1") {
  try {
    bundle = await prepareBundle();
  } catch {
    bundle = undefined;
  }
}
let main;
let saveCache = () => {};
if (bundle) {
  // Read by src/runtime.ts: where the bundled worker and Eleventy configuration are.
  globalThis[Symbol.for("newsdesk.bundle")] = bundle.entries;
  // A build that parses its articles does so on a worker beside this thread: started now, it loads while
  // this thread loads the command's own modules, and is ready when the files are listed.
  const { prestartFor } = await import(bundle.entries.prestart);
  const started = prestartFor(process.argv.slice(2));
  // A build of a site with a parse cache (most likely warm, as prestartFor tells) runs other code than one
  // without: each keeps its own code cache.
  const script = await runScript(bundle.dir, started.includes("warm-worker") ? "-cached" : "");
  if (script) ({ main, saveCache } = script);
  else ({ main } = await import(bundle.entries.cli));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
saveCache();
