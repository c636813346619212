// A clone (POST /voices) is not idempotent: it must never reach the server twice when the first
// one may have arrived, and the error must say that the outcome is unknown.
import { ConnectionError, RateLimitError, ServerError, TimeoutError, type VoicesClient } from "@noiz-voices/client";
import {
  cutMidBody,
  type FaultServer,
  failure,
  hangAfterBody,
  resetAfterBody,
  resetOnHeaders,
  startFaultServer,
  success,
  times,
} from "@noiz-voices/fault-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clients } from "../clients.js";
import { expectBackoff, onFakeClock } from "../clock.js";
import { CLONED, outcome, refusedError, wavFile } from "../helpers.js";

describe.each(clients)("$name", ({ createVoicesClient }) => {
  let server: FaultServer;
  let client: VoicesClient;
  const FILE_SIZE = 256 * 1024;

  beforeAll(async () => {
    server = await startFaultServer({ hardTimeoutMs: 120_000 });
  });
  afterAll(() => server.close());
  const options = { apiKey: "fault-key", timeoutMs: 10_000, maxRetries: 3 };
  beforeEach(() => {
    client = createVoicesClient({ ...options, baseUrl: server.url });
  });

  const body = () => ({ file: wavFile(FILE_SIZE), display_name: "Mine" });

  function expectOutcomeUnknown(error: unknown) {
    expect(error).toMatchObject({ outcomeUnknown: true });
    expect((error as Error).message).toContain("The outcome is unknown");
    expect((error as Error).message).toContain("list your voices before trying again");
  }

  describe("clone whose outcome is unknown is sent once", () => {
    it("connection cut after the server received the whole body: ConnectionError, outcome unknown, 1 request", async () => {
      server.script(times(4, resetAfterBody()));
      const { error } = await outcome(() => client.voices.clone(body()));
      expect((error as Error).constructor).toBe(ConnectionError);
      expectOutcomeUnknown(error);
      expect(server.count).toBe(1);
      expect(server.requests[0]).toMatchObject({ method: "POST", bodyComplete: true });
      expect(server.requests[0]!.bodyBytes).toBeGreaterThan(FILE_SIZE);
    });

    it("timeout after the upload: TimeoutError, outcome unknown, 1 request", async () => {
      // On the fake clock: the 2 s run out once the server holds the whole upload.
      const { client, clock } = onFakeClock(createVoicesClient, { ...options, baseUrl: server.url });
      server.script(times(4, clock.stallAfter(hangAfterBody())));
      const { error } = await clock.settle(client.voices.clone(body(), { timeoutMs: 2_000 }), { stallMs: 2_000 });
      expect((error as Error).constructor).toBe(TimeoutError);
      expect((error as Error).message).toContain("timed out after 2000 ms");
      expectOutcomeUnknown(error);
      expect(server.count).toBe(1);
      expect(server.requests[0]).toMatchObject({ bodyComplete: true });
      expect(clock.retries).toEqual([]);
    });

    it("response cut mid-body: ConnectionError, outcome unknown, 1 request", async () => {
      server.script(
        times(4, cutMidBody(200, { code: 0, message: "success", data: { ...CLONED, text: "x".repeat(4000) } })),
      );
      const { error } = await outcome(() => client.voices.clone(body()));
      expect((error as Error).constructor).toBe(ConnectionError);
      expectOutcomeUnknown(error);
      expect(server.count).toBe(1);
    });

    it("reset as soon as the headers arrive: still 1 request (the server may have acted)", async () => {
      server.script(times(4, resetOnHeaders()));
      const { error } = await outcome(() => client.voices.clone(body()));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ outcomeUnknown: true });
      expect(server.count).toBe(1);
    });
  });

  describe("clone error statuses are not retried", () => {
    it.each([500, 502, 503, 504, 408, 409])("%i: 1 request", async (status) => {
      server.script(times(4, failure(status, status * 100, "failed", { "retry-after": "0" })));
      const { error } = await outcome(() => client.voices.clone(body()));
      expect(error).toMatchObject({ status });
      if (status >= 500) {
        // A 5xx may come after the service acted (a gateway timing out): the outcome is unknown.
        expect((error as Error).constructor).toBe(ServerError);
        expect(error).toMatchObject({ outcomeUnknown: true });
      }
      expect(server.count).toBe(1);
    });

    it("429 with Retry-After: 0: RateLimitError, 1 request", async () => {
      server.script(times(4, failure(429, 42900, "slow down", { "retry-after": "0" })));
      const { error } = await outcome(() => client.voices.clone(body()));
      expect((error as Error).constructor).toBe(RateLimitError);
      expect(server.count).toBe(1);
    });
  });

  describe("clone that never reached the server is retried", () => {
    it("connection refused, then the server: 1 request at the server, the clone succeeds", async () => {
      let calls = 0;
      const refusingOnce = createVoicesClient({
        apiKey: "fault-key",
        baseUrl: server.url,
        maxRetries: 2,
        fetch: (request, init) => (++calls === 1 ? Promise.reject(refusedError()) : fetch(request, init)),
      });
      server.script([success(CLONED)]);
      const result = await outcome(() => refusingOnce.voices.clone(body()));
      expect(result.value).toEqual(CLONED);
      expect(calls).toBe(2);
      expect(server.count).toBe(1);
      // The resent body is whole: the same multipart upload, a fresh boundary.
      expect(server.requests[0]!.bodyBytes).toBeGreaterThan(FILE_SIZE);
    });

    it("refused every time: ConnectionError with a known outcome after maxRetries + 1 tries, with backoff", async () => {
      // A port that was just closed refuses connections.
      const closed = await startServerAndClose();
      const { client: refused, clock } = onFakeClock(createVoicesClient, {
        ...options,
        baseUrl: closed,
        maxRetries: 1,
      });
      const { error } = await clock.settle(refused.voices.clone(body()));
      expect((error as Error).constructor).toBe(ConnectionError);
      expect(error).toMatchObject({ outcomeUnknown: false });
      expect((error as Error).message).toContain("ECONNREFUSED");
      expect((error as Error).message).toContain("tried 2 times");
      expect(clock.retries).toHaveLength(1);
      expectBackoff(clock.retries[0], 0);
    });
  });

  async function startServerAndClose(): Promise<string> {
    const other = await startFaultServer({ hardTimeoutMs: 5_000 });
    await other.close();
    return other.url;
  }
});
