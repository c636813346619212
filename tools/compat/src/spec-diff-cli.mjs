#!/usr/bin/env node
// pnpm spec:diff <base> <head> [--json]
//
// Lists every change between two versions of the spec, each graded as oasdiff grades it (error,
// warning, info; breaking exactly for error). <base> and <head> are files, or git refs whose
// spec/voices.openapi.yaml is meant. Exits 1 when a change is breaking, 2 on bad input.
import { diffSpecs } from "./diff.mjs";
import { formatChanges } from "./format.mjs";
import { loadSpec } from "./load.mjs";

const USAGE = `Usage: pnpm spec:diff <base> <head> [--json]

  <base>, <head>  a spec file, or a git ref (commit, branch, tag) whose spec/voices.openapi.yaml is meant
  --json          print { "breaking": boolean, "changes": [{ "rule", "operation", "level", "breaking", "message" }] }

Exits 1 when a change is breaking (level error), 0 otherwise.`;

const args = process.argv.slice(2);
const json = args.includes("--json");
const positional = args.filter((arg) => arg !== "--json");
if (args.includes("--help") || args.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
if (positional.length !== 2 || positional.some((arg) => arg.startsWith("-"))) {
  console.error(USAGE);
  process.exit(2);
}
// pnpm runs a root script from the repository root; INIT_CWD is where the user typed it.
const cwd = process.env.INIT_CWD ?? process.cwd();
try {
  const [base, head] = await Promise.all(positional.map((source) => loadSpec(source, cwd)));
  const changes = diffSpecs(base.document, head.document);
  const breaking = changes.some((change) => change.breaking);
  if (json) console.log(JSON.stringify({ breaking, changes }, null, 2));
  else console.log(formatChanges(changes, `${base.name} → ${head.name}`));
  process.exit(breaking ? 1 : 0);
} catch (error) {
  console.error(`spec:diff: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
