// listAll over 20 pages with 50 ms of server latency, against fetching the same pages one after
// another with list().
import { createVoicesClient } from "@noiz-voices/client";
import { interleave, median, startServer } from "./lib.mjs";

const PAGES = 20;
const LIMIT = 10;

export async function benchListAll({ latencyMs = 50, rounds = 5 } = {}) {
  const server = await startServer({ LATENCY_MS: latencyMs, TOTAL_COUNT: PAGES * LIMIT });
  try {
    const client = createVoicesClient({ apiKey: "bench-key", baseUrl: server.url });
    const modes = {
      sequential: async () => {
        let count = 0;
        for (let skip = 0; skip < PAGES; skip++)
          count += (await client.voices.list({ skip, limit: LIMIT })).voices.length;
        return count;
      },
      listAll: async () => {
        let count = 0;
        for await (const _ of client.voices.listAll({ limit: LIMIT })) count++;
        return count;
      },
    };
    const names = Object.keys(modes);
    const medians = await interleave(names, rounds, async (name) => {
      const start = performance.now();
      const count = await modes[name]();
      if (count !== PAGES * LIMIT) throw new Error(`${name} saw ${count} voices, not ${PAGES * LIMIT}`);
      return { ms: performance.now() - start };
    });
    const ratio = medians.get("listAll").ms / medians.get("sequential").ms;
    return { medians, ratio, latencyMs, pages: PAGES, rounds, median };
  } finally {
    await server.stop();
  }
}
