// Resets, cut bodies, servers that never answer and bodies that outlast the timeout.
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
import { outcome, PAGE } from "../helpers.js";

describe.each(clients)("$name", ({ createVoicesClient }) => {
  let server: FaultServer;
  let client: VoicesClient;
  // Long enough for a request to reach the server on a loaded machine before the attempt times out.
  const TIMEOUT_MS = 800;

  beforeAll(async () => {
    server = await startFaultServer({ hardTimeoutMs: 120_000 });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    // A long client timeout, so that only the tests about timeouts (with a per-call timeoutMs) ever time out.
    client = createVoicesClient({ apiKey: "fault-key", baseUrl: server.url, timeoutMs: 10_000, maxRetries: 2 });
  });

  const bigPage = { total_count: 1, voices: [{ ...PAGE.voices[0], labels: "x".repeat(4_000) }] };
  const envelope = { code: 0, message: "success", data: bigPage };

  describe("connection reset before any response", () => {
    it("is retried for a GET and then succeeds", async () => {
      server.script([resetOnHeaders(), success(PAGE)]);
      const result = await outcome(() => client.voices.list());
      expect(result.value).toEqual(PAGE);
      expect(server.count).toBe(2);
      expect(result.ms).toBeGreaterThanOrEqual(350);
      expect(result.ms).toBeLessThan(8_000);
    });

    it("every time: a ConnectionError (not a timeout) after maxRetries + 1 requests", async () => {
      server.script(times(5, resetOnHeaders()));
      const { error, ms } = await outcome(() => client.voices.get("abc"));
      expect((error as Error).constructor).toBe(ConnectionError);
      expect(error).toMatchObject({ outcomeUnknown: false, status: undefined });
      expect((error as Error).message).toMatch(
        /^GET \/voices\/abc got no response \(tried 3 times\): .+\. Check baseUrl and the network\.$/,
      );
      expect(server.count).toBe(3);
      // Two backoffs: 375-500 ms and 750-1000 ms.
      expect(ms).toBeGreaterThanOrEqual(1_100);
      expect(ms).toBeLessThan(10_000);
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
      server.script(times(5, hang()));
      const { error, ms } = await outcome(() => client.voices.list({}, { maxRetries: 1, timeoutMs: TIMEOUT_MS }));
      expect((error as Error).constructor).toBe(TimeoutError);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ outcomeUnknown: false });
      expect((error as Error).message).toContain(`timed out after ${TIMEOUT_MS} ms (tried 2 times)`);
      expect(server.count).toBe(2);
      // Two timeouts and one backoff of 375-500 ms.
      expect(ms).toBeGreaterThanOrEqual(2 * TIMEOUT_MS + 350);
      expect(ms).toBeLessThan(10_000);
    });

    it("a per-call timeoutMs overrides the client's", async () => {
      const patient = createVoicesClient({ apiKey: "k", baseUrl: server.url, timeoutMs: 30_000, maxRetries: 0 });
      server.script(times(2, hang()));
      const { error, ms } = await outcome(() => patient.voices.get("abc", { timeoutMs: TIMEOUT_MS }));
      expect((error as Error).constructor).toBe(TimeoutError);
      expect((error as Error).message).toContain(`timed out after ${TIMEOUT_MS} ms`);
      expect(server.count).toBeLessThanOrEqual(1);
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 10);
      expect(ms).toBeLessThan(10_000);
    });

    it("a hang then a success: the retry gets the page", async () => {
      server.script([hang(), success(PAGE)]);
      expect(await client.voices.list({}, { timeoutMs: TIMEOUT_MS })).toEqual(PAGE);
      expect(server.count).toBe(2);
    });
  });

  describe("a slow body that outlasts the timeout", () => {
    it("the timeout covers reading the body: TimeoutError after maxRetries + 1 requests", async () => {
      // Headers at once, then a byte every 20 ms of a 10 kB body: it would take 200 s.
      server.script(times(5, slowBody({ intervalMs: 20, totalBytes: 10_000 })));
      const { error, ms } = await outcome(() => client.voices.list({}, { maxRetries: 1, timeoutMs: TIMEOUT_MS }));
      expect((error as Error).constructor).toBe(TimeoutError);
      expect(server.count).toBe(2);
      expect(ms).toBeGreaterThanOrEqual(2 * TIMEOUT_MS + 350);
      expect(ms).toBeLessThan(10_000);
    });

    it("a slow body then a fast one succeeds", async () => {
      server.script([slowBody({ intervalMs: 20 }), success(PAGE)]);
      expect(await client.voices.get("abc", { timeoutMs: TIMEOUT_MS })).toEqual(PAGE);
      expect(server.count).toBe(2);
    });
  });
});
