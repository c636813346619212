// GET /voices over loopback: the full client beside raw fetch, bare openapi-fetch, axios and ky
// (contenders.mjs), on each workload of workloads.mjs. The server runs in a child process; CPU is
// the client process's own (process.cpuUsage).
import { contenders } from "./contenders.mjs";
import { interleave, measure, startServer } from "./lib.mjs";
import { workloads } from "./workloads.mjs";

/**
 * Runs one workload; returns per contender the median requests/s and CPU µs per request.
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
    const fns = Object.fromEntries(chosen.map(({ name, make }) => [name, make(server.url)]));
    const names = Object.keys(fns);
    const call = (name) => () => fns[name](workload.query);
    for (const name of names) {
      const page = await call(name)();
      if (page?.voices?.length !== workload.voices) throw new Error(`${name} did not return the page`);
      await measure(call(name), 500, concurrency);
    }
    const medians = await interleave(names, rounds, async (name) => {
      const { wallMs, cpuUs } = await measure(call(name), requests, concurrency);
      return { rps: (requests / wallMs) * 1000, cpuPerReq: cpuUs / requests };
    });
    return { names, medians, requests, concurrency, rounds };
  } finally {
    await server.stop();
  }
}

export { workloads };
