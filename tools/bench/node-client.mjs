// The Node client's rows of `pnpm bench` (issue 10): `@noiz-voices/node`'s client, and bare undici
// `request` (the practical limit for an HTTP client in Node), registered into the GET /voices comparison;
// `nodeClientTargets` judges the Node client on the realistic page. run.mjs imports this module.
import { createVoicesClient } from "@noiz-voices/node";
import { Agent, request } from "undici";
import { contenders, KEY } from "./contenders.mjs";

export const NODE = "@noiz-voices/node client";
export const UNDICI = "undici request (bare)";

const headers = { authorization: KEY, accept: "application/json" };
const search = (query) => (query ? `?${new URLSearchParams(query)}` : "");

contenders.push(
  {
    name: NODE,
    make: (url) => {
      const client = createVoicesClient({ apiKey: KEY, baseUrl: url });
      return (query) => client.voices.list(query);
    },
  },
  {
    name: UNDICI,
    make: (url) => {
      const dispatcher = new Agent({ connections: 16 });
      return async (query) =>
        (await (await request(`${url}/voices${search(query)}`, { dispatcher, headers })).body.json()).data;
    },
  },
);

/** Issue 10's targets for the Node client, on the realistic page: ≥ 2× openapi-fetch's throughput, ≤ 0.6× its CPU. */
export function nodeClientTargets(workload, result, target, fmt) {
  if (workload.id !== "realistic") return;
  const node = result.ratios?.get(NODE);
  if (!node) return;
  const speed = node.rps;
  const cpu = node.cpuPerReq;
  target("realistic page: Node client throughput vs bare openapi-fetch", `${fmt(speed, 2)}×`, "≥ 2.00×", speed >= 2);
  target("realistic page: Node client CPU per request vs bare openapi-fetch", `${fmt(cpu, 2)}×`, "≤ 0.60×", cpu <= 0.6);
}
