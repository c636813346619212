// The client's own cost per call, without a network: a passed-in fetch that answers at once.
// Raw fetch here is the same fake fetch called directly and its JSON read, so the difference is
// exactly what the client adds (validation, URL and Request building, timeout, decoding).
import { createVoicesClient } from "@noiz-voices/client";
import createClient from "openapi-fetch";
import { interleave, measure } from "./lib.mjs";

const BASE = "https://api.bench.invalid/v1";
const body = JSON.stringify({
  code: 0,
  message: "success",
  data: {
    total_count: 2,
    voices: [
      { voice_id: "abc123def456", display_name: "My Custom Voice", voice_type: "custom", create_time: 1738664000 },
      { voice_id: "fed654cba321", display_name: "Podcast Host", voice_type: "custom", create_time: 1738665000 },
    ],
  },
});
const responseHeaders = { "content-type": "application/json" };
const instantFetch = async () => new Response(body, { headers: responseHeaders });

export async function benchOverhead({ calls = 20_000, rounds = 7 } = {}) {
  const headers = { Authorization: "bench-key", Accept: "application/json" };
  const client = createVoicesClient({ apiKey: "bench-key", baseUrl: BASE, fetch: instantFetch });
  const bare = createClient({ baseUrl: BASE, headers, fetch: instantFetch });
  const fns = {
    "raw fetch": async () => (await (await instantFetch(`${BASE}/voices`, { headers })).json()).data,
    "openapi-fetch (bare)": async () => (await bare.GET("/voices")).data.data,
    "@noiz-voices/client": () => client.voices.list(),
  };
  const names = Object.keys(fns);
  for (const name of names) await measure(fns[name], 2_000);
  const medians = await interleave(names, rounds, async (name) => {
    const { wallMs, cpuUs } = await measure(fns[name], calls);
    return { usPerCall: (wallMs * 1000) / calls, cpuPerCall: cpuUs / calls };
  });
  return { names, medians, calls, rounds };
}
