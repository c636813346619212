// What needs a real socket: resets, cut bodies, servers that never answer and bodies that outlast the
// timeout, as each client's own stack reports them. Waits (backoff, timeouts) run on a fake clock
// (clock.ts); a cut body is timed by the server's own timer, so those tests keep the real clock and
// assert only what the server saw and the error class.
import { ConnectionError, InvalidResponseError, TimeoutError, type VoicesClient } from "@noiz-voices/client";
import {
  cutMidBody,
  type FaultServer,
  hang,
  resetOnHeaders,
  slowBody,
  startFaultServer,
  success,
  times,
} from "@noiz-voices/fault-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clients } from "../clients.js";
import { arrivals, onFakeClock } from "../clock.js";
import { outcome, PAGE } from "../helpers.js";

describe.each(clients)("$name", ({ createVoicesClient }) => {
  let server: FaultServer;
  let client: VoicesClient;
  // An attempt's time limit, on the fake clock.
  const TIMEOUT_MS = 800;

  beforeAll(async () => {
    server = await startFaultServer({ hardTimeoutMs: 120_000 });
  });
  afterAll(() => server.close());
  // A long client timeout, so that only the tests about timeouts (with a per-call timeoutMs) ever time out.
  const options = { apiKey: "fault-key", timeoutMs: 10_000, maxRetries: 2 };
  beforeEach(() => {
    client = createVoicesClient({ ...options, baseUrl: server.url });
  });
  /** A client on the fake clock, and the clock that follows its retries and stalls. */
  const clocked = (more: { timeoutMs?: number; maxRetries?: number } = {}) =>
    onFakeClock(createVoicesClient, { ...options, baseUrl: server.url, ...more });

  const bigPage = { total_count: 1, voices: [{ ...PAGE.voices[0], labels: "x".repeat(4_000) }] };
  const envelope = { code: 0, message: "success", data: bigPage };

  describe("connection reset before any response", () => {
    it("is retried for a GET, after the backoff, and then succeeds", async () => {
      const { client, clock } = clocked();
      server.script([resetOnHeaders(), success(PAGE)]);
      expect(await clock.settle(client.voices.list())).toEqual({ value: PAGE });
      // The retry arrived once the wait the client reported was over, not before.
      expect(clock.retries).toHaveLength(1);
      expect(arrivals(server)).toEqual([0, clock.retries[0]]);
    });

    it("every time: a ConnectionError (not a timeout) after maxRetries + 1 requests", async () => {
      const { client, clock } = clocked();
      server.script(times(5, resetOnHeaders()));
      const { error } = await clock.settle(client.voices.get("abc"));
      expect((error as Error).constructor).toBe(ConnectionError);
      expect(error).toMatchObject({ outcomeUnknown: false, status: undefined });
      expect((error as Error).message).toMatch(
        /^GET \/voices\/abc got no response \(tried 3 times\): .+\. Check baseUrl and the network\.$/,
      );
      expect(server.count).toBe(3);
      // Two waits, and each request arrived just as the wait before it ended.
      expect(clock.retries).toHaveLength(2);
      const [first = 0, second = 0] = clock.retries;
      expect(arrivals(server)).toEqual([0, first, first + second]);
    });
  });

  describe("response cut mid-body", () => {
    it("is retried for a GET and then succeeds", async () => {
      server.script([cutMidBody(200, envelope), success(PAGE)]);
      expect(await client.voices.list()).toEqual(PAGE);
      expect(server.count).toBe(2);
    });

    it("every time: a ConnectionError after maxRetries + 1 requests, never an InvalidResponseError", async () => {
      server.script(times(5, cutMidBody(200, envelope)));
      const { error } = await outcome(() => client.voices.delete("abc"));
      expect((error as Error).constructor).toBe(ConnectionError);
      expect(error).not.toBeInstanceOf(InvalidResponseError);
      expect(error).toMatchObject({ outcomeUnknown: false });
      expect(server.count).toBe(3);
    });

    it("an error status cut mid-body is a ConnectionError too", async () => {
      server.script(times(3, cutMidBody(503, { code: 50300, message: "x".repeat(2_000), data: null })));
      const { error } = await outcome(() => client.voices.list({}, { maxRetries: 0 }));
      expect((error as Error).constructor).toBe(ConnectionError);
      expect(server.count).toBe(1);
    });
  });

  describe("a server that never answers", () => {
    it("times out each attempt: TimeoutError after maxRetries + 1 requests", async () => {
      const { client, clock } = clocked();
      server.script(times(5, clock.stallOnArrival(hang())));
      const { error } = await clock.settle(client.voices.list({}, { maxRetries: 1, timeoutMs: TIMEOUT_MS }), {
        stallMs: TIMEOUT_MS,
      });
      expect((error as Error).constructor).toBe(TimeoutError);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ outcomeUnknown: false });
      expect((error as Error).message).toContain(`timed out after ${TIMEOUT_MS} ms (tried 2 times)`);
      // A timeout, one backoff, the retry, a timeout again.
      expect(clock.retries).toHaveLength(1);
      expect(arrivals(server)).toEqual([0, TIMEOUT_MS + clock.retries[0]!]);
    });

    it("a per-call timeoutMs overrides the client's", async () => {
      // The client's own limit is 30 s: the clock only ever moves by the call's 800 ms.
      const { client, clock } = clocked({ timeoutMs: 30_000, maxRetries: 0 });
      server.script(times(2, clock.stallOnArrival(hang())));
      const { error } = await clock.settle(client.voices.get("abc", { timeoutMs: TIMEOUT_MS }), {
        stallMs: TIMEOUT_MS,
      });
      expect((error as Error).constructor).toBe(TimeoutError);
      expect((error as Error).message).toContain(`timed out after ${TIMEOUT_MS} ms`);
      expect(server.count).toBe(1);
    });

    it("a hang then a success: the retry gets the page", async () => {
      const { client, clock } = clocked();
      server.script([clock.stallOnArrival(hang()), success(PAGE)]);
      expect(await clock.settle(client.voices.list({}, { timeoutMs: TIMEOUT_MS }), { stallMs: TIMEOUT_MS })).toEqual({
        value: PAGE,
      });
      expect(server.count).toBe(2);
    });
  });

  describe("a slow body that outlasts the timeout", () => {
    it("the timeout covers reading the body: TimeoutError after maxRetries + 1 requests", async () => {
      const { client, clock } = clocked();
      // Headers at once, then a byte every 20 ms of a 10 kB body: it would take 200 s. The clock
      // moves only once the headers have reached the client, so the time runs out mid-body.
      server.script(times(5, clock.stallOnHeaders(slowBody({ intervalMs: 20, totalBytes: 10_000 }))));
      const { error } = await clock.settle(client.voices.list({}, { maxRetries: 1, timeoutMs: TIMEOUT_MS }), {
        stallMs: TIMEOUT_MS,
      });
      expect((error as Error).constructor).toBe(TimeoutError);
      expect((error as Error).message).toContain(`timed out after ${TIMEOUT_MS} ms (tried 2 times)`);
      expect(server.count).toBe(2);
      expect(clock.retries).toHaveLength(1);
    });

    it("a slow body then a fast one succeeds", async () => {
      const { client, clock } = clocked();
      server.script([clock.stallOnHeaders(slowBody({ intervalMs: 20 })), success(PAGE)]);
      expect(await clock.settle(client.voices.list({}, { timeoutMs: TIMEOUT_MS }), { stallMs: TIMEOUT_MS })).toEqual({
        value: PAGE,
      });
      expect(server.count).toBe(2);
    });
  });
});
