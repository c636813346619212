// README and docs code snippets, type-checked against the built packages.
//
// Every ```ts / ```tsx block of a markdown file becomes its own module. A block may continue an
// earlier one without repeating its setup: when it uses `client` without declaring it, it gets
// `declare const client: VoicesClient` (and nothing else). Every other name must be imported
// by the block itself, as a reader copying it would have to.
//
// A block whose info string says `pending` (```ts pending) documents an API that has not landed
// yet: it is listed, not checked, until the word is removed. `node snippets.mjs --pending` lists
// them; `--check-pending` type-checks only them, to see which compile once their API has landed.
// Any other word after the language is an error, so a typo cannot silently switch a check off.
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
 * @typedef {{ source: string, line: number, lang: "ts" | "tsx", code: string, pending: boolean }} Snippet
 * `line` is the 1-based line of the block's first code line in `source`; `pending` marks a block
 * whose API has not landed yet (```ts pending).
 */

/** Words a ts/tsx fence may carry after its language. */
const ATTRIBUTES = new Set(["pending"]);

/** @param {string} source  a markdown file @returns {Snippet[]} every ts/tsx block, pending ones included */
export function extractSnippets(source) {
  const lines = readFileSync(source, "utf8").split("\n");
  const snippets = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ts|tsx|typescript)(?:\s+(.*?))?\s*$/.exec(lines[i] ?? "");
    if (!open) continue;
    const indent = open[1] ?? "";
    const words = (open[3] ?? "").split(/\s+/).filter(Boolean);
    const unknown = words.filter((word) => !ATTRIBUTES.has(word));
    if (unknown.length > 0) {
      throw new Error(`${source}:${i + 1}: unknown word "${unknown[0]}" after \`\`\`${open[2]} (allowed: pending)`);
    }
    const body = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j] ?? "").startsWith(`${indent}\`\`\``))
      body.push((lines[j++] ?? "").slice(indent.length));
    snippets.push({
      source,
      line: i + 2,
      lang: open[2] === "tsx" ? "tsx" : "ts",
      code: body.join("\n"),
      pending: words.includes("pending"),
    });
    i = j;
  }
  return snippets;
}

const usesUndeclaredClient = (code) =>
  /\bclient\.(voices|raw|use)\b/.test(code) && !/\b(const|let|var)\s+client\b|import\s*{[^}]*\bclient\b/.test(code);

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

/**
 * The snippets `pnpm test` checks: every ts/tsx block of every markdown source, pending ones left out.
 * @param {string} root
 */
export function checkedSnippets(root) {
  return markdownSources(root)
    .flatMap(extractSnippets)
    .filter((snippet) => !snippet.pending);
}

/**
 * The blocks marked `pending`, as `docs/testing.md:42`.
 * @param {string} root
 */
export function pendingSnippets(root) {
  return markdownSources(root)
    .flatMap(extractSnippets)
    .filter((snippet) => snippet.pending);
}

/**
 * Every fenced block marked `pending`, in any language (`sh pending` too: documented commands that
 * have not landed), and every `<!-- pending: … -->` note before prose about such an API, as
 * `{ source, line, lang, first }` (`lang` is "prose" for a note; `line` is the fence's or note's line).
 * @param {string} root
 */
export function pendingBlocks(root) {
  const blocks = [];
  for (const source of markdownSources(root)) {
    const lines = readFileSync(source, "utf8").split("\n");
    let open = false;
    for (const [index, line] of lines.entries()) {
      const note = /^<!-- pending: (.*?) -->$/.exec(line.trim());
      if (note && !open) blocks.push({ source, line: index + 1, lang: "prose", first: note[1] ?? "" });
      const fence = /^\s*```(\S*)(.*)$/.exec(line);
      if (!fence) continue;
      if (open) {
        open = false;
        continue;
      }
      open = true;
      if (!/(^|\s)pending(\s|$)/.test(fence[2] ?? "")) continue;
      const body = lines.slice(index + 1).find((text) => text.trim() && !/^\s*(\/\/|#)/.test(text)) ?? "";
      blocks.push({ source, line: index + 1, lang: fence[1] ?? "", first: body.trim().slice(0, 90) });
    }
  }
  return blocks;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { repoRoot } = await import("../../scripts/published-packages.mjs");
  const pending = pendingSnippets(repoRoot);
  if (process.argv.includes("--check-pending")) {
    // Against the packages as built now: run `pnpm build` first.
    const work = join(repoRoot, "tools/packaging/test-results/snippets/pending");
    const diagnostics = await typecheckSnippets(pending, work, repoRoot);
    const failing = new Set(diagnostics.map((line) => /^(\S+?:\d+):/.exec(line)?.[1]).filter(Boolean));
    for (const line of diagnostics) console.log(line);
    console.log(`${pending.length} pending block(s); diagnostics: ${diagnostics.length} (${failing.size} line(s))`);
    process.exitCode = diagnostics.length > 0 ? 1 : 0;
  } else {
    const blocks = pendingBlocks(repoRoot);
    for (const block of blocks) {
      console.log(`${relative(repoRoot, block.source)}:${block.line}\t${block.lang}\t${block.first}`);
    }
    const notes = blocks.filter((block) => block.lang === "prose").length;
    console.log(
      `${blocks.length - notes} pending code block(s), ${pending.length} of them ts/tsx (type-checked once ` +
        `"pending" is removed from the fence), and ${notes} pending prose note(s).`,
    );
  }
}
