#!/usr/bin/env node
// Two contenders of the GET /voices comparison, head to head: each round runs both, back to back
// and in alternating order, and the verdict is the median of the rounds' own ratios, with their
// quartiles. For a change of a few percent: on a 2-CPU VM one round's ratio swings ±15 %, so it
// takes some 600 rounds (about 4 minutes) to pin the median within about 1 %.
//
//   node tools/bench/pair.mjs "openapi-fetch (bare)" "@noiz-voices/client" [--rounds 601] [--workload realistic]
import { parseArgs } from "node:util";
import { startWorker } from "./http.mjs";
import { startServer } from "./lib.mjs";
import { workloads } from "./workloads.mjs";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: { rounds: { type: "string", default: "601" }, workload: { type: "string", default: "realistic" } },
});
const [base, other] = positionals;
const workload = workloads.find(({ id }) => id === args.workload);
if (!base || !other || !workload)
  throw new Error("usage: pair.mjs BASE OTHER [--rounds N] [--workload realistic|small]");

const quartiles = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return [0.25, 0.5, 0.75].map((at) => sorted[Math.floor(sorted.length * at)].toFixed(3));
};

const server = await startServer();
const workers = [startWorker(base), startWorker(other)];
try {
  for (const worker of workers) {
    await worker.ask({
      url: server.url,
      query: workload.query,
      voices: workload.voices,
      warmup: 3_000,
      concurrency: 16,
    });
  }
  const speed = [];
  const cpu = [];
  for (let round = 0; round < Number(args.rounds); round++) {
    const order = round % 2 ? workers : [...workers].reverse();
    const samples = new Map();
    for (const worker of order) samples.set(worker, await worker.ask({ requests: 300 }));
    const [b, o] = workers.map((worker) => samples.get(worker));
    speed.push(b.wallMs / o.wallMs);
    cpu.push(o.cpuUs / b.cpuUs);
  }
  const [s25, s50, s75] = quartiles(speed);
  const [c25, c50, c75] = quartiles(cpu);
  console.log(`${other} vs ${base}, ${workload.id} page, ${args.rounds} rounds of 300 requests each:`);
  console.log(`  throughput ${s50}× (quartiles ${s25}–${s75}), CPU per request ${c50}× (quartiles ${c25}–${c75})`);
} finally {
  for (const worker of workers) worker.stop();
  await server.stop();
}
