#!/usr/bin/env node
// `pnpm docs:generate` (`--check`: only report): writes the generated parts of docs/*.md into the
// markdown itself, between markers, so a guide reads the same on GitHub as in the site. The docs
// tests fail when a committed block differs from what this writes now, as src/generated/ does.
//
//   <!-- BEGIN generated: packages (…) -->       the published packages: name, Node engines, what it is, guide
//   <!-- BEGIN generated: install (…) -->        one npm install line per published package, peers included
//   <!-- BEGIN generated: cli-reference CMD … --> CMD's `--help` and every subcommand's, from the built command
//   <!-- BEGIN generated: operations (…) -->     the spec's operations (method, path, summary)
//   …
//   <!-- END generated -->
//
// A bare `<!-- packages -->`, `<!-- install -->`, `<!-- operations -->` or `<!-- cli-reference: CMD -->` is turned into a block.
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { publishedPackages, repoRoot } from "../../scripts/published-packages.mjs";
import { collectHelp, findExecutable } from "./cli-reference.mjs";
import { GUIDES } from "./pages.mjs";

const NOTE = "(pnpm docs:generate writes this block; do not edit it by hand)";
const BLOCK = /<!-- BEGIN generated: ([\w-]+)(?: ([\w-]+))? [^>]*-->\n[\s\S]*?<!-- END generated -->/g;
const BARE = /<!-- (packages|install|operations|cli-reference: ([\w-]+)) -->/g;

/** npm's install line for a package, with the peer dependencies it cannot work without. */
export function installCommand(manifest) {
  const optional = manifest.peerDependenciesMeta ?? {};
  const peers = Object.keys(manifest.peerDependencies ?? {}).filter((name) => !optional[name]?.optional);
  // A test kit belongs in devDependencies.
  const dev = /(^|\/)testing$/.test(manifest.name) ? " --save-dev" : "";
  return `npm install${dev} ${[manifest.name, ...peers].join(" ")}`;
}

const cell = (text) =>
  String(text ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\n/g, " ");

/** @param {import("../../scripts/published-packages.mjs").PublishedPackage[]} packages */
function packagesTable(packages) {
  const rows = packages.map((pkg) => {
    const guide = GUIDES.find((entry) => entry.package === pkg.name);
    // The README on GitHub; the site turns a package README link into the package's SDK reference.
    const name = `[\`${pkg.name}\`](../packages/${pkg.dirName}/README.md)`;
    const link = guide ? `[${guide.nav}](${guide.file})` : "";
    return `| ${name} | ${cell(pkg.manifest.engines?.node ?? "any")} | ${cell(pkg.manifest.description)} | ${link} |`;
  });
  return ["| package | Node | what it is | guide |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

function installBlock(packages) {
  return ["```sh", ...packages.map((pkg) => installCommand(pkg.manifest)), "```"].join("\n");
}

/** @param {string} command @param {{ path: string[], help: string }[]} entries */
export function cliReference(command, entries) {
  return entries
    .map(({ path, help }) => `### \`${[command, ...path].join(" ")}\`\n\n\`\`\`text\n${help}\n\`\`\``)
    .join("\n\n");
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** @param {Record<string, any>} spec  the OpenAPI document */
export function operationsTable(spec) {
  const rows = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      rows.push(
        `| \`${method.toUpperCase()} ${path}\` | ${cell(operation.summary)} | \`${operation.operationId ?? ""}\` |`,
      );
    }
  }
  return ["| operation | what it does | operationId |", "| --- | --- | --- |", ...rows].join("\n");
}

/**
 * `markdown` with every generated block (and bare marker) filled in.
 * @param {string} markdown
 * @param {(name: string, argument?: string) => Promise<string>} contentOf
 */
export async function fillBlocks(markdown, contentOf) {
  const bare = markdown.replace(BARE, (_, what, command) =>
    command ? block("cli-reference", command, "") : block(what, undefined, ""),
  );
  let out = "";
  let last = 0;
  for (const match of bare.matchAll(BLOCK)) {
    out += bare.slice(last, match.index) + block(match[1], match[2], await contentOf(match[1], match[2]));
    last = match.index + match[0].length;
  }
  return out + bare.slice(last);
}

function block(name, argument, content) {
  const head = `<!-- BEGIN generated: ${name}${argument ? ` ${argument}` : ""} ${NOTE} -->`;
  return `${head}\n${content}\n<!-- END generated -->`;
}

/**
 * Every docs/*.md whose generated blocks are not what the sources give now.
 * @param {{ docsDir?: string, write?: boolean }} [options]  `write`: rewrite those files
 * @returns {Promise<{ file: string, current: string, expected: string }[]>}
 */
export async function staleDocs({ docsDir = join(repoRoot, "docs"), write = false } = {}) {
  const packages = publishedPackages();
  /** @type {Record<string, (argument?: string) => string | Promise<string>>} */
  const blocks = {
    packages: () => packagesTable(packages),
    install: () => installBlock(packages),
    "cli-reference": async (command = "") =>
      cliReference(command, await collectHelp(findExecutable(packages, command).path)),
    operations: async () => operationsTable(parse(await readFile(join(repoRoot, "spec/voices.openapi.yaml"), "utf8"))),
  };
  const contentOf = (name, argument) => {
    if (!blocks[name]) throw new Error(`unknown generated block "${name}"`);
    return blocks[name](argument);
  };
  const stale = [];
  for (const file of (await readdir(docsDir)).filter((name) => name.endsWith(".md")).sort()) {
    const current = await readFile(join(docsDir, file), "utf8");
    const expected = await fillBlocks(current, contentOf);
    if (expected === current) continue;
    stale.push({ file, current, expected });
    if (write) await writeFile(join(docsDir, file), expected);
  }
  return stale;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes("--check");
  const stale = await staleDocs({ write: !check });
  for (const { file } of stale) console.log(`${check ? "out of date" : "wrote"}: docs/${file}`);
  if (check && stale.length > 0) {
    console.error("Run `pnpm docs:generate` and commit docs/.");
    process.exit(1);
  }
  if (stale.length === 0) console.log("docs/*.md: every generated block is up to date");
}
