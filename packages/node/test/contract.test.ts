// The Node client against Prism serving the spec: the same scenarios as the fetch client's
// (packages/client/test/contract-scenarios.ts), on the undici adapter. Each exchange is observed
// through undici's diagnostics channel, so the client under test is the public one, unchanged.
import { subscribe } from "node:diagnostics_channel";
import * as sdk from "@noiz-voices/client";
import { contractScenarios, type Observe } from "../../client/test/contract-scenarios.js";
import { createVoicesClient } from "../src/index.js";

interface HeadersMessage {
  request: { method: string; origin: string; path: string; headers: string[] };
  response: { statusCode: number; headers: Buffer[] };
}

let observer: Observe | undefined;
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

contractScenarios({
  sdk,
  makeClient: (options, observe) => {
    observer = observe;
    return createVoicesClient({ ...options, maxRetries: 0 });
  },
});
