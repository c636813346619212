#!/usr/bin/env node
// Runs one contender on one GET /voices workload for a while, for `node --cpu-prof`:
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof tools/bench/profile.mjs --contender @noiz-voices/client
//   node tools/bench/cpuprofile.mjs /tmp/prof/*.cpuprofile
//
// Options: --contender NAME (contenders.mjs), --workload realistic|small, --requests N (20000).
import { parseArgs } from "node:util";
import { contenders } from "./contenders.mjs";
import { measure, startServer } from "./lib.mjs";
import { workloads } from "./workloads.mjs";

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    contender: { type: "string", default: "@noiz-voices/client" },
    workload: { type: "string", default: "realistic" },
    requests: { type: "string", default: "20000" },
  },
});
const workload = workloads.find(({ id }) => id === args.workload);
const contender = contenders.find(({ name }) => name === args.contender);
if (!workload || !contender) throw new Error(`unknown workload or contender: ${args.workload}, ${args.contender}`);
const requests = Number(args.requests);
const server = await startServer();
try {
  const fn = contender.make(server.url);
  const call = () => fn(workload.query);
  await measure(call, 1_000, 16);
  const { wallMs, cpuUs } = await measure(call, requests, 16);
  console.log(
    `${contender.name} on ${workload.id}: ${((requests / wallMs) * 1000).toFixed(0)} requests/s, ` +
      `${(cpuUs / requests).toFixed(1)} CPU µs/request`,
  );
} finally {
  await server.stop();
}
