// `@noiz-voices/client/otel` on the Node client (undici): the shared scenarios
// (packages/client/test/otel-scenarios.ts, also run on the fetch client) against the fake's loopback
// server, with the fake's `failNext` for the faults. The trace context each scenario checks is what the
// server received over the socket (the fake records request headers).
import { otel } from "@noiz-voices/client/otel";
import { createFakeVoices } from "@noiz-voices/testing";
import { type FakeServer, startFakeServer } from "@noiz-voices/testing/server";
import { afterAll, describe } from "vitest";
import { type OtelTarget, otelScenarios, VOICE_IDS } from "../../client/test/otel-scenarios.js";
import { createVoicesClient } from "../src/index.js";

describe("the Node client on startFakeServer: the shared otel scenarios", () => {
  let server: FakeServer | undefined;
  afterAll(() => server?.close());
  otelScenarios({
    otel,
    async target(): Promise<OtelTarget> {
      const fake = createFakeVoices({ voices: VOICE_IDS.map((voice_id) => ({ voice_id, display_name: voice_id })) });
      server = await startFakeServer(fake);
      const baseUrl = server.url;
      return {
        baseUrl,
        client: (tracing, options) => createVoicesClient({ apiKey: fake.apiKey, baseUrl, ...options, tracing }),
        failNext: (fault) => fake.failNext("*", fault),
        traceparents: () => fake.requests.map((request) => request.headers.traceparent),
        reset: () => fake.reset(),
      };
    },
  });
});
