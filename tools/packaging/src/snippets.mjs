// README and docs code snippets, type-checked against the built packages.
//
// Every ```ts / ```tsx block of a markdown file becomes its own module. A block may continue an
// earlier one without repeating its setup: when it uses `client` without declaring it, it gets
// `declare const client: VoicesClient` (and nothing else). Every other name must be imported
// by the block itself, as a reader copying it would have to.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/**
 * The markdown files whose snippets users read: README.md, docs/*.md and packages/<name>/README.md.
 * @param {string} root
 */
export function markdownSources(root) {
  const files = [join(root, "README.md"), join(root, "CONTRIBUTING.md")];
  const docs = join(root, "docs");
  if (existsSync(docs)) {
    for (const name of readdirSync(docs)) if (name.endsWith(".md")) files.push(join(docs, name));
  }
  const packages = join(root, "packages");
  for (const name of readdirSync(packages)) files.push(join(packages, name, "README.md"));
  return files.filter((file) => existsSync(file));
}

/**
 * @typedef {{ source: string, line: number, lang: "ts" | "tsx", code: string }} Snippet
 * `line` is the 1-based line of the block's first code line in `source`.
 */

/** @param {string} source  a markdown file @returns {Snippet[]} */
export function extractSnippets(source) {
  const lines = readFileSync(source, "utf8").split("\n");
  const snippets = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ts|tsx|typescript)\s*$/.exec(lines[i] ?? "");
    if (!open) continue;
    const indent = open[1] ?? "";
    const body = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j] ?? "").startsWith(`${indent}\`\`\``))
      body.push((lines[j++] ?? "").slice(indent.length));
    snippets.push({ source, line: i + 2, lang: open[2] === "tsx" ? "tsx" : "ts", code: body.join("\n") });
    i = j;
  }
  return snippets;
}

const usesUndeclaredClient = (code) =>
  /\bclient\.(voices|raw)\b/.test(code) && !/\b(const|let|var)\s+client\b|import\s*{[^}]*\bclient\b/.test(code);

/** The prelude lines a snippet gets (see the top of this file). @param {string} code */
export function preludeOf(code) {
  return usesUndeclaredClient(code)
    ? ['import type { VoicesClient } from "@noiz-voices/client";', "declare const client: VoicesClient;"]
    : [];
}

/**
 * Type-checks snippets with `tsc` in `workDir`, which must resolve `@noiz-voices/*` and
 * `@types/node` through node_modules (a folder inside this workspace package does).
 * @param {Snippet[]} snippets
 * @param {string} workDir
 * @param {string} root  for readable paths
 * @returns {Promise<string[]>} diagnostics as `README.md:42: error TS…`, empty when all compile
 */
export async function typecheckSnippets(snippets, workDir, root) {
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const locations = new Map();
  for (const [index, snippet] of snippets.entries()) {
    const prelude = preludeOf(snippet.code);
    const file = `snippet-${index}.${snippet.lang}`;
    // The prelude shares the block's first line, so diagnostics keep the block's line numbers.
    await writeFile(join(workDir, file), `${prelude.join(" ")}${snippet.code}\nexport {};\n`);
    locations.set(file, snippet);
  }
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    types: ["node"],
    jsx: "react-jsx",
    skipLibCheck: true,
    allowUnusedLabels: false,
  };
  await writeFile(join(workDir, "package.json"), '{ "type": "module", "private": true }\n');
  await writeFile(join(workDir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["*.ts", "*.tsx"] }));
  const tsc = require.resolve("typescript/bin/tsc");
  const result = await run(process.execPath, [tsc, "-p", workDir, "--pretty", "false"]).catch((error) => error);
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
  if (output === "") return [];
  return output.split("\n").map((line) => {
    const match = /^(?:.*[\\/])?(snippet-\d+\.tsx?)\((\d+),(\d+)\): (.*)$/.exec(line);
    const snippet = match && locations.get(match[1]);
    if (!match || !snippet) return line;
    return `${relative(root, snippet.source)}:${snippet.line + Number(match[2]) - 1}: ${match[4]}`;
  });
}
