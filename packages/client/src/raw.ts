/**
 * `client.raw`: the typed openapi-fetch client, loaded on first use. The voices methods do
 * not need it, so a browser program that never touches `raw` never downloads openapi-fetch.
 */
import type { Client, Middleware } from "openapi-fetch";
import type { paths } from "./generated/voices.gen.js";
import type { Transport } from "./transport.js";

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "request"] as const;

/** Builds `client.raw` on the client's transport and default headers. */
export function createRawClient(baseUrl: string, headers: Record<string, string>, transport: Transport): Client<paths> {
  const middlewares = new Set<Middleware>();
  let loading: Promise<Client<paths>> | undefined;
  const load = () =>
    (loading ??= import("./raw-client.js").then(({ createOpenApiClient }) => {
      const client = createOpenApiClient(baseUrl, headers, transport);
      client.use(...middlewares);
      return client;
    }));
  const raw: Record<string, unknown> = {
    use(...added: Middleware[]) {
      for (const middleware of added) middlewares.add(middleware);
      void loading?.then((client) => client.use(...added));
    },
    eject(...removed: Middleware[]) {
      for (const middleware of removed) middlewares.delete(middleware);
      void loading?.then((client) => client.eject(...removed));
    },
  };
  for (const method of METHODS) {
    raw[method] = (...args: unknown[]) =>
      load().then((client) => (client[method] as (...a: unknown[]) => unknown)(...args));
  }
  return raw as unknown as Client<paths>;
}
