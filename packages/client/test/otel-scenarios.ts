// The OpenTelemetry scenarios of `@noiz-voices/client/otel`: one suite, run on both adapters. The fetch
// client on a scripted fetch here (src/otel.test.ts), and the Node client (undici) on the fake's loopback
// server in packages/node/test/otel.test.ts (the client cannot import the fake or the Node client without a
// workspace cycle). An `OtelTarget` hides what differs: how a fault is queued and what the server received.
// Each scenario runs inside a span of the test's own, made active across an `await`, so it also checks that
// the SDK's spans are children of the span active when the call was made.
import { context, propagation, type Span } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from "vitest";
import type * as Sdk from "../src/index.js";
import type { otel } from "../src/otel.js";

/** What a scenario queues for the next request the target gets. */
export type OtelFault = { status: number; retryAfter?: number } | { hang: true };

/** A server the scenarios run against, serving `VOICE_IDS` (custom voices) under `baseUrl`. */
export interface OtelTarget {
  /** The Voices client under test on this target, with `tracing` and `options` (key and base URL set). */
  client(tracing: Sdk.Tracing, options?: Partial<Sdk.VoicesClientOptions>): Sdk.VoicesClient;
  /** Where it serves the API. */
  readonly baseUrl: string;
  /** Makes the next request it gets fail with `fault`. */
  failNext(fault: OtelFault): void;
  /** The `traceparent` header of every request it received, oldest first. */
  traceparents(): (string | undefined)[];
  /** Back to the start: no faults, nothing received. */
  reset(): void;
}

/** The voices every target serves: five, so `listAll({ limit: 2 })` reads three pages. */
export const VOICE_IDS = ["va", "vb", "vc", "vd", "ve"] as const;

/** The spans' SpanKind values (numbers, as `@opentelemetry/api` defines them). */
const INTERNAL = 0;
const CLIENT = 2;
const ERROR = 2;

/** Calls `check` on each turn of the event loop (real I/O runs; fake timers do not) until it holds. */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 10_000; turn++) {
    if (check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`gave up waiting until ${what}`);
}

const millis = ([seconds, nanos]: [number, number]) => seconds * 1000 + nanos / 1e6;

/** The W3C `traceparent` an exported span's context is sent as. */
export const traceparentOf = (span: ReadableSpan) => {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `00-${traceId}-${spanId}-0${traceFlags}`;
};

/** Registers the async-hooks context manager and the W3C propagator (the global ones) for a describe block. */
export function useOtelGlobals(): void {
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterAll(() => {
    context.disable();
    propagation.disable();
  });
}

/** One run of the scenarios. */
export interface OtelRun {
  /** `otel` as the run imports it (the source here, the built `@noiz-voices/client/otel` in the Node run). */
  otel: typeof otel;
  /** The target (called once, before the first scenario). */
  target: () => OtelTarget | Promise<OtelTarget>;
}

/** Runs the scenarios. */
export function otelScenarios({ otel, target: makeTarget }: OtelRun): void {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = tracerProvider.getTracer("test");
  let target: OtelTarget;
  let client: Sdk.VoicesClient;

  useOtelGlobals();
  beforeAll(async () => {
    target = await makeTarget();
  });
  beforeEach(() => {
    target.reset();
    exporter.reset();
    client = target.client(otel({ tracerProvider }));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Runs `body` inside an active span of the test's own, after an `await`; returns that span and the SDK's spans. */
  async function traced(body: () => Promise<unknown>) {
    let parent: Span | undefined;
    const outcome = await tracer.startActiveSpan("test", async (span) => {
      parent = span;
      await Promise.resolve();
      try {
        return { value: await body() };
      } catch (error) {
        return { error };
      } finally {
        span.end();
      }
    });
    const spans = exporter.getFinishedSpans().filter((span) => span.name !== "test");
    const calls = spans.filter((span) => span.kind === INTERNAL);
    const attempts = spans.filter((span) => span.kind === CLIENT);
    for (const call of calls) {
      expect(call.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
      expect(call.spanContext().traceId).toBe(parent?.spanContext().traceId);
    }
    // Every attempt sits under a call, and the server got exactly the attempts' trace context, in order.
    const callIds = new Set(calls.map((call) => call.spanContext().spanId));
    for (const attempt of attempts) expect(callIds.has(attempt.parentSpanContext?.spanId ?? "")).toBe(true);
    const sent = [...attempts].sort((a, b) => millis(a.startTime) - millis(b.startTime)).map(traceparentOf);
    expect([...target.traceparents()].sort()).toEqual([...sent].sort());
    return { ...outcome, calls, attempts };
  }

  const fakeClock = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });

  it("a success: a getVoice call span over one GET /voices/{voice_id} attempt with the HTTP attributes", async () => {
    const { value, calls, attempts } = await traced(() => client.voices.get("va"));
    expect(value).toMatchObject({ voice_id: "va" });
    expect(calls.map((span) => span.name)).toEqual(["getVoice"]);
    expect(attempts.map((span) => span.name)).toEqual(["GET /voices/{voice_id}"]);
    const url = new URL(`${target.baseUrl}/voices/va`);
    expect(attempts[0]?.attributes).toEqual({
      "http.request.method": "GET",
      "server.address": url.hostname,
      "server.port": Number(url.port) || (url.protocol === "https:" ? 443 : 80),
      "url.full": url.href,
      "http.response.status_code": 200,
    });
    expect(attempts[0]?.status.code).not.toBe(ERROR);
    expect(calls[0]?.status.code).not.toBe(ERROR);
  });

  it("a 404: NotFoundError as error.type and an error status on the attempt and the call", async () => {
    target.failNext({ status: 404 });
    const { error, calls, attempts } = await traced(() => client.voices.get("va"));
    expect((error as Error).name).toBe("NotFoundError");
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.attributes).toMatchObject({ "http.response.status_code": 404, "error.type": "NotFoundError" });
    for (const span of [...attempts, ...calls]) {
      expect(span.status.code).toBe(ERROR);
      expect(span.attributes["error.type"]).toBe("NotFoundError");
    }
  });

  it("a retried 503: two attempts, the second with resend_count 1, Retry-After as an event, the wait between them", async () => {
    fakeClock();
    target.failNext({ status: 503, retryAfter: 1 });
    const running = traced(() => client.voices.list({ limit: 2 }));
    // The first attempt's span ends as its retry's timer starts; the fake clock then runs the 1 s wait.
    await until(() => exporter.getFinishedSpans().length === 1, "the first attempt ended");
    await vi.advanceTimersByTimeAsync(1000);
    const { value, calls, attempts } = await running;
    expect(value).toMatchObject({ total_count: VOICE_IDS.length });
    expect(calls.map((span) => [span.name, span.status.code])).toEqual([["listVoices", 0]]);
    expect(attempts.map((span) => span.name)).toEqual(["GET /voices", "GET /voices"]);
    const [first, second] = attempts as [ReadableSpan, ReadableSpan];
    expect(first.attributes).toMatchObject({ "http.response.status_code": 503, "error.type": "ServerError" });
    expect(first.attributes["http.request.resend_count"]).toBeUndefined();
    expect(first.status.code).toBe(ERROR);
    expect(first.events.map(({ name, attributes }) => [name, attributes])).toEqual([
      ["noiz.retry_after", { "http.response.header.retry-after": ["1"], "noiz.retry.delay_ms": 1000 }],
    ]);
    expect(second.attributes).toMatchObject({ "http.response.status_code": 200, "http.request.resend_count": 1 });
    expect(second.attributes["error.type"]).toBeUndefined();
    // The wait shows as the gap between the attempt spans: 1 s on the fake clock, less the (real) time
    // the first attempt's end took to be recorded.
    const gap = millis(second.startTime) - millis(first.endTime);
    expect(gap).toBeGreaterThan(900);
    expect(gap).toBeLessThanOrEqual(1000);
  });

  it("a timeout: TimeoutError on the attempt (no status code) and on the call", async () => {
    fakeClock();
    target.failNext({ hang: true });
    const running = traced(() => client.voices.get("va", { timeoutMs: 5000, maxRetries: 0 }));
    await until(() => target.traceparents().length === 1, "the request arrived");
    await vi.advanceTimersByTimeAsync(5000);
    const { error, calls, attempts } = await running;
    expect((error as Error).name).toBe("TimeoutError");
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.attributes["http.response.status_code"]).toBeUndefined();
    for (const span of [...attempts, ...calls]) {
      expect(span.attributes["error.type"]).toBe("TimeoutError");
      expect(span.status.code).toBe(ERROR);
    }
  });

  it("an abort: the attempt in flight and the call end as AbortError", async () => {
    target.failNext({ hang: true });
    const controller = new AbortController();
    const running = traced(() => client.voices.get("va", { signal: controller.signal }));
    await until(() => target.traceparents().length === 1, "the request arrived");
    controller.abort();
    const { error, calls, attempts } = await running;
    expect((error as Error).name).toBe("AbortError");
    expect(attempts).toHaveLength(1);
    for (const span of [...attempts, ...calls]) {
      expect(span.attributes["error.type"]).toBe("AbortError");
      expect(span.status.code).toBe(ERROR);
    }
  });

  it("a listAll over three pages: a listVoices call per page, each under the caller's span", async () => {
    const { value, calls, attempts } = await traced(async () => {
      const ids: string[] = [];
      for await (const voice of client.voices.listAll({ limit: 2 })) ids.push(voice.voice_id);
      return ids;
    });
    expect(value).toEqual([...VOICE_IDS]);
    expect(calls.map((span) => span.name)).toEqual(["listVoices", "listVoices", "listVoices"]);
    expect(attempts.map((span) => span.name)).toEqual(["GET /voices", "GET /voices", "GET /voices"]);
    const pages = attempts.map((span) => new URL(String(span.attributes["url.full"])).searchParams.get("skip"));
    expect(pages.sort()).toEqual(["0", "1", "2"]);
    for (const span of attempts) expect(span.attributes["http.request.resend_count"]).toBeUndefined();
  });
}
