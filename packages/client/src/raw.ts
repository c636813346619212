/**
 * `client.raw`: the typed openapi-fetch client, loaded on first use. The voices methods do
 * not need it, so a browser program that never touches `raw` never downloads openapi-fetch.
 */
import type { Client } from "openapi-fetch";
import type { paths } from "./generated/voices.gen.js";
import type { Transport } from "./transport.js";

/** Builds `client.raw` on the client's transport and default headers. */
export function createRawClient(baseUrl: string, headers: Headers, transport: Transport): Client<paths> {
  let loading: Promise<Record<string, (...args: unknown[]) => unknown>> | undefined;
  const load = () => {
    loading ??= import("./raw-client.js").then(
      ({ createOpenApiClient }) => createOpenApiClient(baseUrl, headers, transport) as never,
    );
    return loading;
  };
  const raw: Record<string, unknown> = {};
  // Every method, `use` and `eject` included, runs once the client has loaded, in the order
  // they were called: middleware registered before the first request still applies to it.
  for (const method of "GET PUT POST DELETE OPTIONS HEAD PATCH TRACE request use eject".split(" ")) {
    raw[method] = (...args: unknown[]) => load().then((client) => client[method]!(...args));
  }
  return raw as unknown as Client<paths>;
}
