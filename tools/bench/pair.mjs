#!/usr/bin/env node
// Two contenders of the GET /voices comparison, head to head: benchHttp with just these two, so each
// round runs both back to back in alternating order, and the verdict is the median of the rounds' own
// ratios with their quartiles. For a change of a few percent: on a 2-CPU VM one round's ratio swings
// ±15 %, so it takes some 600 rounds (a few minutes) to pin the median within about 1 %.
//
//   node tools/bench/pair.mjs "openapi-fetch (bare)" "@noiz-voices/client" [--rounds 601] [--workload realistic]
import { parseArgs } from "node:util";
import { benchHttp, workloads } from "./http.mjs";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: { rounds: { type: "string", default: "601" }, workload: { type: "string", default: "realistic" } },
});
const [base, other] = positionals;
const workload = workloads.find(({ id }) => id === args.workload);
if (!base || !other || !workload)
  throw new Error("usage: pair.mjs BASE OTHER [--rounds N] [--workload realistic|small]");

const rounds = Number(args.rounds);
const { samples } = await benchHttp({ workload, rounds, requests: 300, only: [base, other] });
const [b, o] = [samples.get(base), samples.get(other)];
if (!b || !o) throw new Error(`${base} or ${other} does not run on the ${workload.id} page`);

const quartiles = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  return [0.25, 0.5, 0.75].map((at) => sorted[Math.floor(sorted.length * at)].toFixed(3));
};
const [s25, s50, s75] = quartiles(o.map((sample, round) => sample.rps / b[round].rps));
const [c25, c50, c75] = quartiles(o.map((sample, round) => sample.cpuPerReq / b[round].cpuPerReq));
console.log(`${other} vs ${base}, ${workload.id} page, ${rounds} rounds of 300 requests each:`);
console.log(`  throughput ${s50}× (quartiles ${s25}–${s75}), CPU per request ${c50}× (quartiles ${c25}–${c75})`);
