// GET /voices over loopback: the full client beside raw fetch, bare openapi-fetch, axios and ky.
// The server runs in a child process; CPU is the client process's own (process.cpuUsage).
import { createVoicesClient } from "@noiz-voices/client";
import axios from "axios";
import ky from "ky";
import createClient from "openapi-fetch";
import { interleave, measure, startServer } from "./lib.mjs";

const KEY = "bench-key";

/** Each contender fetches GET /voices and returns the parsed page's data. */
function contenders(url) {
  const headers = { Authorization: KEY, Accept: "application/json" };
  const client = createVoicesClient({ apiKey: KEY, baseUrl: url });
  const bare = createClient({ baseUrl: url, headers });
  const axiosClient = axios.create({ baseURL: url, headers });
  const kyClient = ky.create({ prefixUrl: url, headers });
  return {
    "raw fetch": async () => (await (await fetch(`${url}/voices`, { headers })).json()).data,
    "openapi-fetch (bare)": async () => (await bare.GET("/voices")).data.data,
    "@noiz-voices/client": () => client.voices.list(),
    axios: async () => (await axiosClient.get("/voices")).data.data,
    ky: async () => (await kyClient.get("voices").json()).data,
  };
}

/** Runs the comparison; returns per contender the median requests/s and CPU µs per request. */
export async function benchHttp({ requests = 2_000, concurrency = 16, rounds = 7 } = {}) {
  const server = await startServer();
  try {
    const fns = contenders(server.url);
    const names = Object.keys(fns);
    for (const name of names) {
      const page = await fns[name]();
      if (page?.voices?.length !== 2) throw new Error(`${name} did not return the page`);
      await measure(fns[name], 500, concurrency);
    }
    const medians = await interleave(names, rounds, async (name) => {
      const { wallMs, cpuUs } = await measure(fns[name], requests, concurrency);
      return { rps: (requests / wallMs) * 1000, cpuPerReq: cpuUs / requests };
    });
    return { names, medians, requests, concurrency, rounds };
  } finally {
    await server.stop();
  }
}
