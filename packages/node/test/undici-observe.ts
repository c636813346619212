// The Node client of the contract runs, each exchange observed through undici's diagnostics channel,
// so the runs test the public client, unchanged. Shared by the Prism run (contract.test.ts) and the
// fake's (contract-fake.test.ts).
import { subscribe } from "node:diagnostics_channel";
import type { ContractRun, Observe } from "../../client/test/contract-scenarios.js";
import { createVoicesClient } from "../src/index.js";

interface HeadersMessage {
  request: { method: string; origin: string; path: string; headers: string[] };
  response: { statusCode: number; headers: Buffer[] };
}

let observer: Observe | undefined;
let subscribed = false;

/** Sends every exchange undici makes from now on to `observe` (replacing the previous observer). */
export function observeUndici(observe: Observe): void {
  observer = observe;
  if (subscribed) return;
  subscribed = true;
  subscribe("undici:request:headers", (message) => {
    const { request, response } = message as HeadersMessage;
    const pairs = (flat: (string | Buffer)[]) => {
      const headers = new Headers();
      for (let i = 0; i + 1 < flat.length; i += 2) headers.append(String(flat[i]), String(flat[i + 1]));
      return headers;
    };
    observer?.(
      { method: request.method, url: `${request.origin}${request.path}`, headers: pairs(request.headers) },
      { status: response.statusCode, headers: pairs(response.headers) },
    );
  });
}

/** The Node client on `target` (`maxRetries: 0`), reporting each exchange to `observe`. */
export const nodeClient: ContractRun["makeClient"] = (target, observe) => {
  observeUndici(observe);
  return createVoicesClient({ apiKey: target.apiKey, baseUrl: target.baseUrl, maxRetries: 0 });
};
