#!/usr/bin/env node
// What makes a budget program big: bundles size/<name>.js the way .size-limit.js does, with our
// packages resolved to their TypeScript sources, and prints bytes per source file. Run it with
// `pnpm --filter @noiz-voices/packaging size:why`.
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import ts from "typescript";
import { publishedPackages, repoRoot } from "../../scripts/published-packages.mjs";

const here = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * What a feature of the client costs: `--without <feature>` swaps its module for a stub with the
 * same exports that does nothing, so the difference in gzip is the feature's share of the load.
 * For measuring only: a stubbed build does not work.
 */
export const STUBS = {
  middleware: ["middleware.ts", "export const withMiddleware = (adapter) => adapter;"],
  log: [
    "log.ts",
    'export const LOG_LEVELS = ["off", "error", "warn", "info", "debug"]; export const LOG_LEVEL_ENV = "NOIZ_LOG"; export const createLog = () => () => {};',
  ],
  redirect: [
    "redirect.ts",
    'import { InvalidResponseError } from "./errors.js"; export const redirectTarget = () => new InvalidResponseError("");',
  ],
  listAll: ["list-all.ts", "export async function* listAllVoices() {}"],
  clone: ["clone.ts", "export const cloneBody = async (body) => body;"],
};

/** Resolves `@noiz-voices/*` to src/index.ts(x), leaves dynamic import() chunks out, and stubs the features in `without`. */
function sourcesPlugin(initialOnly, without = []) {
  const sources = new Map(
    publishedPackages()
      .map((pkg) => [pkg.name, ["src/index.ts", "src/index.tsx"].map((f) => join(pkg.dir, f)).find(existsSync)])
      .filter(([, file]) => file),
  );
  return {
    name: "workspace-sources",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (initialOnly && args.kind === "dynamic-import") return { path: args.path, external: true };
        if (sources.has(args.path)) return { path: sources.get(args.path) };
        return undefined;
      });
      const stubbed = new Map(without.map((feature) => STUBS[feature]));
      b.onLoad({ filter: /packages[\\/]client[\\/]src[\\/][^\\/]+\.ts$/ }, (args) => {
        const stub = stubbed.get(args.path.split(/[\\/]/).pop());
        return stub === undefined ? undefined : { contents: stub, loader: "ts" };
      });
    },
  };
}

/**
 * Bundles a budget program and attributes its minified bytes to source files.
 * @param {string} dirName  the budget's package folder, such as `client`
 * @param {{ initialOnly?: boolean, external?: string[], without?: (keyof typeof STUBS)[] }} [options]
 */
export async function sizeBreakdown(dirName, { initialOnly = true, external = [], without = [] } = {}) {
  const result = await build({
    entryPoints: [join(here, "size", `${dirName}.js`)],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    outdir: join(here, "test-results/size-why"),
    external,
    plugins: [sourcesPlugin(initialOnly, without)],
    logLevel: "silent",
  });
  const output = result.outputFiles.find((file) => file.path.endsWith(".js"));
  const code = output?.text ?? "";
  const [, meta] = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith(".js")) ?? [];
  const files = Object.entries(meta?.inputs ?? {})
    .map(([path, { bytesInOutput }]) => ({ file: relative(repoRoot, resolve(path)), minified: bytesInOutput }))
    .filter((entry) => entry.minified > 0)
    .sort((a, b) => b.minified - a.minified);
  // Messages are most of a small SDK: measure what the string and template literals cost. Parsed,
  // not matched with a regex: a regex literal such as /["']/ would throw a regex off.
  const withoutLongLiterals = withoutStringLiterals(code, 24);
  return {
    minified: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    gzipWithoutLongStrings: gzipSync(withoutLongLiterals, { level: 9 }).length,
    files,
  };
}

/** The code with the text of every string and template literal longer than `min` characters removed. */
function withoutStringLiterals(code, min) {
  const source = ts.createSourceFile("bundle.js", code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const spans = [];
  const visit = (node) => {
    const kind = node.kind;
    const literal =
      kind === ts.SyntaxKind.StringLiteral ||
      kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral ||
      kind === ts.SyntaxKind.TemplateHead ||
      kind === ts.SyntaxKind.TemplateMiddle ||
      kind === ts.SyntaxKind.TemplateTail;
    if (literal && node.getEnd() - node.getStart(source) > min)
      spans.push([node.getStart(source), node.getEnd(), kind]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = code;
  for (const [start, end, kind] of spans.sort((a, b) => b[0] - a[0])) {
    // Keep the delimiters (a quote or backtick or `}` before, a quote or backtick or `${` after).
    const close = kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.TemplateMiddle ? 2 : 1;
    out = out.slice(0, start + 1) + out.slice(end - close);
  }
  return out;
}

/** @param {Awaited<ReturnType<typeof sizeBreakdown>>} breakdown */
export function formatBreakdown(breakdown) {
  const lines = breakdown.files.map((f) => `  ${String(f.minified).padStart(7)} B  ${f.file}`);
  return [
    `minified ${breakdown.minified} B, gzip ${breakdown.gzip} B ` +
      `(gzip ${breakdown.gzipWithoutLongStrings} B with string literals over 24 chars emptied)`,
    "minified bytes by source file:",
    ...lines,
  ].join("\n");
}

// `node src/size-why.mjs` breaks every budget program down by file; `--without log,middleware`
// measures the client's program with those features stubbed (see STUBS).
if (import.meta.url === `file://${process.argv[1]}`) {
  const flag = process.argv.indexOf("--without");
  const without = flag === -1 ? [] : process.argv[flag + 1].split(",");
  const unknown = without.filter((feature) => !(feature in STUBS));
  if (unknown.length) throw new Error(`Unknown feature ${unknown.join(", ")}: one of ${Object.keys(STUBS).join(", ")}`);
  const { budgets } = await import("../.size-limit.js");
  for (const dirName of without.length ? ["client"] : Object.keys(budgets)) {
    console.log(`== size/${dirName}.js, initial load${without.length ? `, without ${without.join(", ")}` : ""}`);
    console.log(formatBreakdown(await sizeBreakdown(dirName, { without })));
  }
}
