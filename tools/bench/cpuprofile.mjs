#!/usr/bin/env node
// Summarises a .cpuprofile from `node --cpu-prof`: self time by function (with its file), and the
// total time under the functions of the files named by --focus (a substring of the URL).
//
//   node tools/bench/cpuprofile.mjs PROFILE [--top 30] [--focus packages/client/dist]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "30" }, focus: { type: "string" } },
});
const profile = JSON.parse(readFileSync(positionals[0], "utf8"));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map();
const gaps = profile.timeDeltas;
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (gaps[i] ?? 0));
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const label = ({ callFrame: f }) =>
  `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/(packages|tools)\//, "$1/")}:${f.lineNumber + 1}`;
const bySelf = new Map();
for (const [id, us] of selfUs) {
  const key = label(byId.get(id));
  bySelf.set(key, (bySelf.get(key) ?? 0) + us);
}
const pct = (us) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
console.log(`total ${(total / 1000).toFixed(0)} ms sampled\n\nself time:`);
for (const [key, us] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top))) {
  console.log(`${pct(us)}  ${key}`);
}

if (args.focus) {
  // Inclusive time of every frame in the focused files, counted once per sample.
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map();
  for (const [id, us] of selfUs) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (!node.callFrame.url.includes(args.focus)) continue;
      const key = label(node);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  console.log(`\ninclusive time in ${args.focus}:`);
  for (const [key, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top))) {
    console.log(`${pct(us)}  ${key}`);
  }
}
