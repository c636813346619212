// A clone (POST /voices) is not idempotent: it must never reach the server twice when the first
// one may have arrived, and the error must say that the outcome is unknown. Here only what needs a
// real socket: a connection cut or held after the upload, and a port that refuses. Which statuses a
// clone is not re-sent after, and re-sending the whole body after a refusal, are the pipeline's
// (packages/client/src/pipeline.test.ts); the decision itself is the retry policy's (retry.test.ts).
import { ConnectionError, TimeoutError, type VoicesClient } from "@noiz-voices/client";
import {
  cutMidBody,
  type FaultServer,
  hangAfterBody,
  resetAfterBody,
  resetOnHeaders,
  startFaultServer,
  times,
} from "@noiz-voices/fault-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clients } from "../clients.js";
import { onFakeClock } from "../clock.js";
import { CLONED, outcome, wavFile } from "../helpers.js";

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

  describe("clone that never reached the server is retried", () => {
    it("refused every time: ConnectionError with a known outcome after maxRetries + 1 tries", async () => {
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
      // One wait between the two tries, as long as the client reported.
      expect(clock.retries).toHaveLength(1);
    });
  });

  async function startServerAndClose(): Promise<string> {
    const other = await startFaultServer({ hardTimeoutMs: 5_000 });
    await other.close();
    return other.url;
  }
});
