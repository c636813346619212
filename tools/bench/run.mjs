#!/usr/bin/env node
// `pnpm bench`: every performance target of the SDK, measured side by side in one run, medians
// over interleaved rounds, printed as tables with ratios. Never part of `pnpm test`.
//
//   node tools/bench/run.mjs [--quick] [--rounds N] [--only http,overhead,listall,upload] [--contenders a,b] [--write]
//
// `--only http` runs every GET /voices workload (workloads.mjs); `--only realistic` or `--only small`
// one of them. `--contenders` limits the GET rows by name (quick checks; the targets need the
// openapi-fetch and client rows). --write puts the report into tools/bench/RESULTS.md between its "results" markers.
// Exits 1 when a target is missed.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CLIENT } from "./contenders.mjs";
import { benchHttp, workloads } from "./http.mjs";
import { fmt, machine, table } from "./lib.mjs";
import { benchListAll } from "./listall.mjs";
import { nodeClientTargets } from "./node-client.mjs";
import { benchOverhead } from "./overhead.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  // `pnpm bench -- --write` passes the `--` through; it separates nothing here.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    contenders: { type: "string" },
    rounds: { type: "string" },
    write: { type: "boolean", default: false },
  },
});
const only = new Set((args.only ?? "http,overhead,listall,upload").split(","));
// Many short rounds beat a few long ones on a shared machine: a burst of load spoils one round, and
// the median drops it. On the 2-CPU VM of RESULTS.md one round's ratio between two fetch clients
// swings about ±15 %, so the GET comparison runs 201 rounds of 300 requests: the median ratio then
// moves about 2 % from run to run (pair.mjs, with 601 rounds of two contenders, gets within 1 %).
const rounds = Number(args.rounds ?? (args.quick ? 3 : 11));
const httpRounds = Number(args.rounds ?? (args.quick ? 15 : 201));

const targets = [];
const sections = [];

function target(name, measured, goal, ok) {
  targets.push([name, measured, goal, ok ? "met" : "**missed**"]);
}

for (const workload of workloads) {
  if (!only.has("http") && !only.has(workload.id)) continue;
  const r = await benchHttp({
    workload,
    rounds: httpRounds,
    requests: args.quick ? 150 : 300,
    only: args.contenders?.split(","),
  });
  const rows = r.names.map((name) => {
    const m = r.medians.get(name);
    const x = r.ratios?.get(name);
    return [name, fmt(m.rps, 0), x ? fmt(x.rps, 2) : "–", fmt(m.cpuPerReq), x ? fmt(x.cpuPerReq, 2) : "–"];
  });
  sections.push(
    `### ${workload.title}\n\n${r.requests} requests per round, ${r.concurrency} in flight, ` +
      `${r.rounds} interleaved rounds; medians. Each client runs in a process of its own (worker.mjs), and its ` +
      "CPU is that process's; the server is another. A ratio is the median of the rounds' own ratios.\n\n" +
      table(["client", "requests/s", "× openapi-fetch", "CPU µs/request", "× openapi-fetch"], rows),
  );
  nodeClientTargets(workload, r, target, fmt);
  const client = r.ratios?.get(CLIENT);
  if (!client) continue;
  // Issue 10's targets are on the realistic page; the small page keeps the earlier, looser ones.
  const [minSpeed, maxCpu] = workload.id === "realistic" ? [1, 1] : [0.95, 1.1];
  target(
    `${workload.id} page: throughput vs bare openapi-fetch`,
    `${fmt(client.rps, 2)}×`,
    `≥ ${fmt(minSpeed, 2)}×`,
    client.rps >= minSpeed,
  );
  target(
    `${workload.id} page: CPU per request vs bare openapi-fetch`,
    `${fmt(client.cpuPerReq, 2)}×`,
    `≤ ${fmt(maxCpu, 2)}×`,
    client.cpuPerReq <= maxCpu,
  );
  for (const other of ["axios", "ky"]) {
    const o = r.ratios.get(other);
    if (!o) continue;
    // Against openapi-fetch's same rounds: the client's ratio over the other's.
    const speed = client.rps / o.rps;
    const cpu = client.cpuPerReq / o.cpuPerReq;
    target(
      `${workload.id} page: ahead of ${other} (throughput, CPU)`,
      `${fmt(speed, 2)}×, ${fmt(cpu, 2)}×`,
      "> 1×, < 1×",
      speed > 1 && cpu < 1,
    );
  }
}

if (only.has("overhead")) {
  const r = await benchOverhead({ rounds, calls: args.quick ? 10_000 : 20_000 });
  const raw = r.medians.get("raw fetch");
  const rows = r.names.map((name) => {
    const m = r.medians.get(name);
    return [name, fmt(m.usPerCall, 2), fmt(m.usPerCall - raw.usPerCall, 2), fmt(m.cpuPerCall, 2)];
  });
  sections.push(
    `### No-network overhead\n\nA passed-in fetch that answers at once; ${r.calls} sequential calls per round, ` +
      `${r.rounds} interleaved rounds; medians.\n\n` +
      table(["caller", "µs/call", "µs over raw fetch", "CPU µs/call"], rows),
  );
  const over = r.medians.get(CLIENT).usPerCall - raw.usPerCall;
  target("no-network overhead over raw fetch", `${fmt(over, 2)} µs/call`, "≤ 30 µs/call", over <= 30);
}

if (only.has("listall")) {
  const r = await benchListAll({ rounds: args.quick ? 3 : 5 });
  const rows = [...r.medians].map(([name, m]) => [name, fmt(m.ms, 0)]);
  sections.push(
    `### listAll over ${r.pages} pages, ${r.latencyMs} ms server latency\n\n` +
      `Default concurrency (4); ${r.rounds} interleaved rounds; medians.\n\n` +
      table(["mode", "ms"], rows),
  );
  target("listAll, 20 pages at 50 ms, vs sequential", `${fmt(r.ratio, 2)}×`, "≤ 0.35×", r.ratio <= 0.35);
}

if (only.has("upload")) {
  // The 500 MiB upload belongs to @noiz-voices/node, which writes tools/bench/upload.mjs. It runs
  // as its own process (its peak RSS must not include this one) and exits 1 on a missed target.
  const script = resolve(here, "upload.mjs");
  if (existsSync(script)) {
    const run = spawnSync(process.execPath, ["--expose-gc", script], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const out = run.stdout ?? "";
    sections.push(`### Clone upload of a 500 MiB file (tools/bench/upload.mjs)\n\n\`\`\`\n${out.trim()}\n\`\`\``);
    // upload.mjs prints "peak RSS growth N MiB" and "...: N.NNx (target >= 1.5x)"; its exit code is the verdict.
    const rss = out.match(/peak RSS growth ([\d.]+) MiB/)?.[1];
    const speed = out.match(/([\d.]+)x \(target/)?.[1];
    const ok = run.status === 0;
    target(
      "500 MiB upload via fileFromPath: peak RSS over baseline",
      rss ? `+${rss} MiB` : "see below",
      "≤ +48 MiB",
      ok,
    );
    target("500 MiB upload: throughput vs fetch + FormData", speed ? `${speed}×` : "see below", "≥ 1.5×", ok);
  } else {
    sections.push(
      "### Clone upload of a 500 MiB file\n\nNot measured: tools/bench/upload.mjs (from @noiz-voices/node) is not in this tree yet.",
    );
    targets.push([
      "500 MiB upload via fileFromPath",
      "not measured",
      "≤ +48 MiB RSS, ≥ 1.5× fetch+FormData",
      "pending",
    ]);
  }
}

const at = machine();
const report = [
  `Machine: ${at.nproc} CPUs (${at.cpu}), Node ${at.node}, load average at the end ${at.load}.`,
  `Command: \`pnpm bench${args.quick ? " -- --quick" : ""}\` (${new Date().toISOString().slice(0, 10)}).`,
  "",
  "### Targets",
  "",
  table(["target", "measured", "goal", ""], targets),
  "",
  ...sections.flatMap((s) => [s, ""]),
].join("\n");
console.log(report);

if (args.write) {
  const file = resolve(here, "RESULTS.md");
  const start = "<!-- results:start -->";
  const end = "<!-- results:end -->";
  const current = existsSync(file) ? readFileSync(file, "utf8") : `# Benchmark results\n\n${start}\n${end}\n`;
  const [before] = current.split(start);
  const after = current.includes(end) ? current.split(end)[1] : "\n";
  writeFileSync(file, `${before}${start}\n${report}${end}${after}`);
  console.log(`written to ${file}`);
}
process.exitCode = targets.some(([, , , state]) => state.includes("missed")) ? 1 : 0;
