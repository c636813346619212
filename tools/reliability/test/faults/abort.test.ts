// Aborting through the caller's AbortSignal ends a call at once, wherever it is on the wire: a request
// the server holds, a body that trickles in, a clone's upload the server has taken, the pages listAll
// keeps in flight (each connection closed). Each abort fires at a moment named by an event, on a fake
// clock that never moves (clock.ts): the 10 s timeout cannot have ended the call, only the abort.
// Aborts before sending and during a backoff need no socket: pipeline.test.ts owns them.
import { AbortError, type VoicesClient } from "@noiz-voices/client";
import {
  delayed,
  type FaultServer,
  hang,
  hangAfterBody,
  type Step,
  slowBody,
  startFaultServer,
  success,
  times,
} from "@noiz-voices/fault-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clients } from "../clients.js";
import { type Clock, elapsed, onFakeClock } from "../clock.js";
import { outcome, wavFile } from "../helpers.js";

describe.each(clients)("$name", ({ createVoicesClient }) => {
  let server: FaultServer;
  let client: VoicesClient;
  let clock: Clock;

  beforeAll(async () => {
    server = await startFaultServer({ hardTimeoutMs: 120_000 });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    ({ client, clock } = onFakeClock(createVoicesClient, {
      apiKey: "fault-key",
      baseUrl: server.url,
      timeoutMs: 10_000,
      maxRetries: 3,
    }));
  });

  /**
   * Starts `run` with a signal, aborts it at the clock's next event (which must come before the call
   * ends), and checks the call ended with the AbortError, with no time gone by.
   */
  async function expectAbort(run: (signal: AbortSignal) => Promise<unknown>, reason?: unknown) {
    const controller = new AbortController();
    const call = outcome(() => run(controller.signal));
    const ended = call.then(() => {
      throw new Error("the call ended before the moment to abort it");
    });
    const event = await Promise.race([clock.next(), ended]);
    controller.abort(reason);
    const { error } = await call;
    expect((error as Error).constructor).toBe(AbortError);
    expect((error as Error).message).toContain("was aborted by its AbortSignal");
    expect(elapsed()).toBe(0);
    return { error: error as AbortError, event };
  }

  describe("abort", () => {
    it("during a request that never answers", async () => {
      server.script(times(3, clock.stallOnArrival(hang())));
      expect((await expectAbort((signal) => client.voices.list({}, { signal }))).event).toEqual({ stall: "arrival" });
      expect(server.count).toBe(1);
    });

    it("while the body trickles in", async () => {
      // The headers and the first byte come at once; the rest would follow as the clock moves.
      server.script(times(3, clock.stallOnHeaders(slowBody({ intervalMs: 20 }))));
      expect((await expectAbort((signal) => client.voices.get("abc", { signal }))).event).toEqual({ stall: "headers" });
      expect(server.count).toBe(1);
    });

    it("during a clone's wait for the response", async () => {
      server.script(times(3, clock.stallAfter(hangAfterBody())));
      const { event } = await expectAbort((signal) => client.voices.clone({ file: wavFile(1024) }, { signal }));
      expect(event).toEqual({ stall: "after" });
      expect(server.count).toBe(1);
      expect(server.requests[0]).toMatchObject({ method: "POST", bodyComplete: true });
    });

    it("keeps the caller's reason as the cause", async () => {
      server.script(times(3, clock.stallOnArrival(hang())));
      const reason = new Error("user navigated away");
      const { error } = await expectAbort((signal) => client.voices.list({}, { signal }), reason);
      expect(error.cause).toBe(reason);
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
      // Later pages answer after 5 s of fake time, which never passes. Each reports when the server
      // holds it, and when its connection closes.
      const closed: number[] = [];
      let allClosed: () => void = () => {};
      const everyClose = new Promise<void>((resolve) => {
        allClosed = resolve;
      });
      const held = (step: Step): Step =>
        clock.stallOnArrival((ctx) => {
          ctx.res.on("close", () => {
            closed.push(ctx.index);
            if (closed.length === 4) allClosed();
          });
          return step(ctx);
        });
      server.script([
        success(page(0)),
        ...Array.from({ length: 9 }, (_, i) => held(delayed(5_000, success(page(i + 1))))),
      ]);
      const controller = new AbortController();
      const seen: string[] = [];
      const result = await outcome(async () => {
        for await (const voice of client.voices.listAll({}, { signal: controller.signal })) {
          seen.push(voice.voice_id);
          if (seen.length === 10) {
            // The first page is in hand; wait until the server holds the 4 prefetched ones (the default concurrency).
            for (let i = 0; i < 4; i++) await clock.next();
            controller.abort();
          }
        }
      });
      expect((result.error as Error).constructor).toBe(AbortError);
      expect(seen).toHaveLength(10);
      // The first page plus `concurrency` (4) pages in flight, and no more.
      expect(server.count).toBe(5);
      // Every page in flight was cancelled: the client closed each of their connections.
      await everyClose;
      expect(closed.sort()).toEqual([1, 2, 3, 4]);
      expect(elapsed()).toBe(0);
    });
  });
});
