// `@noiz-voices/client/otel` on the fetch client: the shared scenarios (../test/otel-scenarios.ts, also run
// on the Node client in packages/node/test/otel.test.ts) on a scripted fetch, then what only this layer
// decides: the span names of `client.raw`, a redirect to another origin, the key kept out of every span,
// the global provider, and the trace context as a loopback server receives it.
import { context, propagation, trace } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  clientWith,
  fail,
  fakeFetch,
  hangUntilAborted,
  ok,
  type Reply,
  rejectionOf,
  TEST_BASE_URL,
  voice,
} from "../test/fake-fetch.js";
import { closeAll, envelope, serve } from "../test/loopback.js";
import {
  type OtelFault,
  type OtelTarget,
  otelScenarios,
  traceparentOf,
  useOtelGlobals,
  VOICE_IDS,
} from "../test/otel-scenarios.js";
import type { AdapterRequest } from "./adapter.js";
import { createVoicesClient } from "./client.js";
import { otel, TRACER_NAME } from "./otel.js";

/** The scripted fetch as a target: a queue of faults, else the voices, paged as the service pages them. */
function scriptedTarget() {
  const faults: OtelFault[] = [];
  const serveVoices: Reply = (request) => {
    const url = new URL(request.url);
    const id = /\/voices\/([^/]+)$/.exec(url.pathname)?.[1];
    if (id) return ok(voice(id))(request, undefined);
    const limit = Number(url.searchParams.get("limit") ?? 10);
    const skip = Number(url.searchParams.get("skip") ?? 0);
    const voices = VOICE_IDS.slice(skip * limit, skip * limit + limit).map(voice);
    return ok({ total_count: VOICE_IDS.length, voices })(request, undefined);
  };
  let fetch = fakeFetch(() => serveVoices);
  const script = () => {
    const fault = faults.shift();
    if (!fault) return serveVoices;
    if ("hang" in fault) return hangUntilAborted();
    const retryAfter: Record<string, string> =
      fault.retryAfter === undefined ? {} : { "retry-after": `${fault.retryAfter}` };
    return fail(fault.status, fault.status * 100, "injected", retryAfter);
  };
  return {
    baseUrl: TEST_BASE_URL,
    client: (tracing, options) =>
      createVoicesClient({ apiKey: "test-key", baseUrl: TEST_BASE_URL, ...options, fetch, tracing }),
    failNext: (fault) => void faults.push(fault),
    traceparents: () => fetch.requests.map((request) => request.headers.get("traceparent") ?? undefined),
    reset() {
      faults.length = 0;
      fetch = fakeFetch(script);
    },
  } satisfies OtelTarget;
}

describe("the fetch client: the shared scenarios", () => {
  otelScenarios({ otel, target: scriptedTarget });
});

describe("otel() on the fetch client", () => {
  useOtelGlobals();
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeEach(() => exporter.reset());
  afterEach(closeAll);

  const spans = () => exporter.getFinishedSpans();
  const attempts = () => spans().filter((span) => span.kind === 2);

  it("names client.raw's spans from the operation table, and an operation the spec lacks by its template", async () => {
    const { client } = clientWith([ok(voice("r")), fail(404, 40400)], { tracing: otel({ tracerProvider }) });
    await client.raw.GET("/voices/{voice_id}", { params: { path: { voice_id: "r" } } });
    const missing = client.raw.GET(
      "/voices/{voice_id}/missing" as never,
      { params: { path: { voice_id: "r" } } } as never,
    );
    expect(await rejectionOf(missing)).toMatchObject({ name: "NotFoundError" });
    expect(spans().map((span) => span.name)).toEqual([
      "GET /voices/{voice_id}",
      "getVoice",
      "GET /voices/{voice_id}/missing",
      "GET /voices/{voice_id}/missing",
    ]);
  });

  it("a redirect to another origin: the hop is named by its method, counted as a resend, and gets no trace context", async () => {
    const { client, fetch } = clientWith(
      [() => new Response(null, { status: 302, headers: { location: "https://cdn.test/elsewhere" } }), ok(voice("v"))],
      { tracing: otel({ tracerProvider }) },
    );
    await client.voices.get("v");
    expect(attempts().map((span) => [span.name, span.attributes["http.response.status_code"]])).toEqual([
      ["GET /voices/{voice_id}", 302],
      ["GET", 200],
    ]);
    expect(attempts()[1]?.attributes["http.request.resend_count"]).toBe(1);
    expect(fetch.requests.map((request) => request.headers.get("traceparent"))).toEqual([
      traceparentOf(attempts()[0] as ReadableSpan),
      null,
    ]);
  });

  it("never puts the key in a span: not from a server that echoes it in a request id, Retry-After or a body", async () => {
    const key = "sk-otel-distinctive-4f1c9e";
    const echo = { "x-request-id": `id-${key}`, "retry-after": `0 ${encodeURIComponent(key)}` };
    const { client } = clientWith(
      [fail(503, 50300, `bad ${key}`, echo), fail(401, 40100, `key ${key} rejected`, echo), ok(voice(key), echo)],
      { apiKey: key, maxRetries: 0, tracing: otel({ tracerProvider }) },
    );
    expect(await rejectionOf(client.voices.list({ keyword: key }))).toMatchObject({ name: "ServerError" });
    expect(await rejectionOf(client.voices.get("v"))).toMatchObject({ name: "AuthenticationError" });
    await client.voices.get(key);
    expect(spans()).toHaveLength(6);
    const everything = JSON.stringify(
      spans().map(({ name, attributes, events, status, links }) => ({ name, attributes, events, status, links })),
    );
    expect(everything).toContain("[redacted]");
    expect(everything).not.toContain(key);
    expect(everything).not.toContain(encodeURIComponent(key));
    expect(attempts()[0]?.attributes["noiz.request_id"]).toBe("id-[redacted]");
  });

  it.each([
    // An adapter other than fetch could send a URL with credentials.
    ["https://user:secret@voices.test/v1/voices/v", "https://REDACTED:REDACTED@voices.test/v1/voices/v"],
    // A redirect's hop to a signed URL.
    [
      "https://cdn.test/a.wav?X-Goog-Signature=s3cr3t&sig=s3cr3t&x=1",
      "https://cdn.test/a.wav?X-Goog-Signature=REDACTED&sig=REDACTED&x=1",
    ],
  ])("keeps credentials out of url.full: %s", (url, full) => {
    const attempt = otel({ tracerProvider })
      .startCall("getVoice", (text) => text)
      .attempt({ method: "GET", url } as AdapterRequest, 0);
    attempt.end({ operation: "getVoice", request: {} as AdapterRequest, retries: 0, started: 0 });
    expect(attempts()[0]?.attributes["url.full"]).toBe(full);
  });

  it("uses the global tracer provider by default, looked up at each call", async () => {
    const { client } = clientWith([ok(voice("v")), ok(voice("v"))], { tracing: otel() });
    await client.voices.get("v"); // no global provider yet: the API's no-op tracer
    expect(spans()).toEqual([]);
    trace.setGlobalTracerProvider(tracerProvider);
    try {
      await client.voices.get("v");
      expect(spans().map((span) => [span.name, span.instrumentationScope.name])).toEqual([
        ["GET /voices/{voice_id}", TRACER_NAME],
        ["getVoice", TRACER_NAME],
      ]);
    } finally {
      trace.disable();
    }
  });

  it("a loopback server receives the traceparent and tracestate of the exported attempt span", async () => {
    const api = await serve((request, response) => {
      request.resume();
      response.writeHead(200, { "content-type": "application/json" }).end(envelope(voice("v")));
    });
    const client = createVoicesClient({ apiKey: "k", baseUrl: `${api.url}/v1`, tracing: otel({ tracerProvider }) });
    // A caller's context as an incoming request would bring it: a remote parent with a tracestate.
    const withState = propagation.extract(context.active(), {
      traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      tracestate: "vendor=abc",
    });
    await context.with(withState, () => client.voices.get("v"));
    const [attempt] = attempts();
    expect(attempt?.spanContext().traceId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(api.seen.map((request) => request.headers.traceparent)).toEqual([traceparentOf(attempt as ReadableSpan)]);
    expect(api.seen[0]?.headers.tracestate).toBe("vendor=abc");
    expect(api.seen[0]?.headers.authorization).toBe("k");
  });

  it("without tracing, no trace context is sent", async () => {
    const { client, fetch } = clientWith([ok(voice("v"))]);
    await context.with(trace.setSpan(context.active(), tracerProvider.getTracer("t").startSpan("outer")), () =>
      client.voices.get("v"),
    );
    expect(fetch.requests[0]?.headers.get("traceparent")).toBeNull();
  });
});
