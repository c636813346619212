// Aborting through the caller's AbortSignal ends a call promptly, wherever it is.
import { AbortError, createVoicesClient, type VoicesClient } from "@noiz-voices/client";
import {
  delayed,
  type FaultServer,
  failure,
  hang,
  hangAfterBody,
  slowBody,
  startFaultServer,
  success,
  times,
} from "@noiz-voices/fault-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outcome, PAGE, wavFile } from "../helpers.js";

let server: FaultServer;
let client: VoicesClient;

beforeAll(async () => {
  server = await startFaultServer({ hardTimeoutMs: 120_000 });
});
afterAll(() => server.close());
beforeEach(() => {
  client = createVoicesClient({ apiKey: "fault-key", baseUrl: server.url, timeoutMs: 10_000, maxRetries: 3 });
});

const ABORT_AFTER_MS = 100;

function expectAbort(result: { error?: unknown; ms: number }) {
  expect((result.error as Error).constructor).toBe(AbortError);
  expect((result.error as Error).message).toContain("aborted by the caller's AbortSignal");
  expect(result.ms).toBeGreaterThanOrEqual(ABORT_AFTER_MS - 10);
  // Far below the 10 s timeout and the backoff: the abort ended it.
  expect(result.ms).toBeLessThan(ABORT_AFTER_MS + 900);
}

describe("abort", () => {
  it("during a request that never answers", async () => {
    server.script(times(3, hang()));
    const result = await outcome(() => client.voices.list({}, { signal: AbortSignal.timeout(ABORT_AFTER_MS) }));
    expectAbort(result);
    expect(server.count).toBe(1);
  });

  it("while the body trickles in", async () => {
    server.script(times(3, slowBody({ intervalMs: 20 })));
    const result = await outcome(() => client.voices.get("abc", { signal: AbortSignal.timeout(ABORT_AFTER_MS) }));
    expectAbort(result);
    expect(server.count).toBe(1);
  });

  it("during the backoff after a 503", async () => {
    server.script(times(3, failure(503, 50300, "busy", { "retry-after": "5" })));
    const result = await outcome(() => client.voices.delete("abc", { signal: AbortSignal.timeout(ABORT_AFTER_MS) }));
    expectAbort(result);
    expect(server.count).toBe(1);
  });

  it("during a clone's wait for the response", async () => {
    server.script(times(3, hangAfterBody()));
    const result = await outcome(() =>
      client.voices.clone({ file: wavFile(1024) }, { signal: AbortSignal.timeout(ABORT_AFTER_MS) }),
    );
    expectAbort(result);
    expect(server.count).toBe(1);
  });

  it("keeps the caller's reason as the cause", async () => {
    server.script(times(3, hang()));
    const controller = new AbortController();
    const reason = new Error("user navigated away");
    setTimeout(() => controller.abort(reason), ABORT_AFTER_MS);
    const result = await outcome(() => client.voices.list({}, { signal: controller.signal }));
    expectAbort(result);
    expect((result.error as Error).cause).toBe(reason);
  });

  it("an already aborted signal sends nothing", async () => {
    server.script(times(3, success(PAGE)));
    const { error } = await outcome(() => client.voices.list({}, { signal: AbortSignal.abort() }));
    expect((error as Error).constructor).toBe(AbortError);
    expect(server.count).toBe(0);
  });

  it("listAll: aborting mid-iteration stops every page request", async () => {
    const page = (skip: number) => ({
      total_count: 100,
      voices: Array.from({ length: 10 }, (_, i) => ({
        voice_id: `v${skip * 10 + i}`,
        display_name: "x",
        voice_type: "custom",
      })),
    });
    server.script([success(page(0)), ...Array.from({ length: 9 }, (_, i) => delayed(5_000, success(page(i + 1))))]);
    const controller = new AbortController();
    const seen: string[] = [];
    const result = await outcome(async () => {
      for await (const voice of client.voices.listAll({}, { signal: controller.signal })) {
        seen.push(voice.voice_id);
        if (seen.length === 10) setTimeout(() => controller.abort(), ABORT_AFTER_MS);
      }
    });
    expect((result.error as Error).constructor).toBe(AbortError);
    expect(seen).toHaveLength(10);
    expect(result.ms).toBeLessThan(2_000);
    // The first page plus at most `concurrency` (4) pages in flight.
    expect(server.count).toBeLessThanOrEqual(5);
  });
});
