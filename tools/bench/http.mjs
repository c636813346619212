// GET /voices over loopback: the full client beside raw fetch, bare openapi-fetch, axios and ky
// (contenders.mjs), on each workload of workloads.mjs. The server runs in a child process, and so
// does each contender (worker.mjs says why); CPU is the contender's process's own (process.cpuUsage).
import { fork } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BARE, contenders } from "./contenders.mjs";
import { interleaveSamples, mediansOf, ratiosTo, startServer } from "./lib.mjs";
import { workloads } from "./workloads.mjs";

const here = dirname(fileURLToPath(import.meta.url));

/** Forks worker.mjs for one contender; `ask(message)` resolves with its answer. */
function startWorker(name) {
  const child = fork(resolve(here, "worker.mjs"), [name], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const ask = (message) =>
    new Promise((answer, fail) => {
      child.once("message", (reply) => (reply.error ? fail(new Error(`${name}: ${reply.error}`)) : answer(reply)));
      child.send(message);
    });
  return { ask, stop: () => child.disconnect() };
}

/**
 * Runs one workload; returns per contender the median requests/s and CPU µs per request, and
 * (with bare openapi-fetch in the run) the median of each round's ratio to it; `samples` holds every
 * round's figures, in round order.
 * `only` limits the contenders by name (for profiling and quick checks).
 */
export async function benchHttp({ workload, requests = 2_000, concurrency = 16, rounds = 7, only } = {}) {
  const server = await startServer();
  try {
    const chosen = contenders.filter(
      ({ name }) =>
        !workload.skip.includes(name) &&
        (!workload.contenders || workload.contenders.includes(name)) &&
        (!only || only.includes(name)),
    );
    const names = chosen.map(({ name }) => name);
    const workers = new Map(names.map((name) => [name, startWorker(name)]));
    try {
      // One at a time, so that no warm-up competes with another for the CPUs.
      for (const name of names) {
        await workers.get(name).ask({
          url: server.url,
          query: workload.query,
          voices: workload.voices,
          warmup: 3_000,
          concurrency,
        });
      }
      const samples = await interleaveSamples(names, rounds, async (name) => {
        const { wallMs, cpuUs } = await workers.get(name).ask({ requests });
        return { rps: (requests / wallMs) * 1000, cpuPerReq: cpuUs / requests };
      });
      const ratios = samples.has(BARE) ? ratiosTo(samples, BARE) : undefined;
      return { names, samples, medians: mediansOf(samples), ratios, requests, concurrency, rounds };
    } finally {
      for (const worker of workers.values()) worker.stop();
    }
  } finally {
    await server.stop();
  }
}

export { workloads };
