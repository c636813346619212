// The Node client's own options: `connections` caps the sockets, `fetch` replaces undici, bad input is a
// ValidationError. Everything else is the core's behaviour, run on this client by the shared suites.
import { ValidationError } from "@noiz-voices/client";
import { describe, expect, it } from "vitest";
import { createVoicesClient } from "../src/index.js";
import { serve } from "./helpers.js";

const PAGE = JSON.stringify({ code: 0, message: "success", data: { total_count: 0, voices: [] } });

describe("createVoicesClient (Node)", () => {
  it("opens at most `connections` sockets to the API, however many calls are in flight", async () => {
    let connections = 0;
    let requests = 0;
    const api = await serve((_request, response) => {
      requests++;
      response.writeHead(200, { "content-type": "application/json" }).end(PAGE);
    });
    api.server.on("connection", () => connections++);
    const client = createVoicesClient({ apiKey: "k", baseUrl: api.url, connections: 2 });
    const pages = await Promise.all(Array.from({ length: 12 }, () => client.voices.list()));
    expect(pages).toHaveLength(12);
    expect(requests).toBe(12);
    expect(connections).toBeLessThanOrEqual(2);
  });

  it.each([0, -1, 1.5, Number.NaN, "4"])("rejects connections: %j before any request", (connections) => {
    expect(() => createVoicesClient({ apiKey: "k", connections: connections as number })).toThrow(ValidationError);
    expect(() => createVoicesClient({ apiKey: "k", connections: connections as number })).toThrow(
      /connections must be/,
    );
  });

  it("sends through a passed-in fetch instead of undici", async () => {
    const seen: string[] = [];
    const client = createVoicesClient({
      apiKey: "k",
      baseUrl: "http://127.0.0.1:9",
      fetch: async (request) => {
        seen.push(`${request.method} ${request.url}`);
        return new Response(PAGE, { headers: { "content-type": "application/json" } });
      },
    });
    expect(await client.voices.list({ limit: 1 })).toEqual({ total_count: 0, voices: [] });
    expect(seen).toEqual(["GET http://127.0.0.1:9/voices?limit=1"]);
  });

  it("leaves bad core options to the core's ValidationError", () => {
    expect(() => createVoicesClient({ apiKey: "k", timeoutMs: -1 })).toThrow(ValidationError);
    expect(() => createVoicesClient("k" as never)).toThrow(ValidationError);
  });
});
