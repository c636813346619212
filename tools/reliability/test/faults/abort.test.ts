// Aborting through the caller's AbortSignal ends a call promptly, wherever it is.

import { performance } from "node:perf_hooks";
import { AbortError, type VoicesClient } from "@noiz-voices/client";
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
import { clients } from "../clients.js";
import { outcome, PAGE, wavFile } from "../helpers.js";

describe.each(clients)("$name", ({ createVoicesClient }) => {
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

  /**
   * A signal that aborts `ABORT_AFTER_MS` after the server saw the request, so the abort lands
   * mid-request however slow the machine is; `abortedAt` tells when it fired.
   */
  function abortOnceSeen(reason?: unknown) {
    const controller = new AbortController();
    const state = { abortedAt: 0, signal: controller.signal };
    const poll = setInterval(() => {
      if (server.count === 0) return;
      clearInterval(poll);
      setTimeout(() => {
        state.abortedAt = performance.now();
        controller.abort(reason);
      }, ABORT_AFTER_MS);
    }, 5);
    return state;
  }

  async function expectAbort(run: (signal: AbortSignal) => Promise<unknown>, reason?: unknown) {
    const abort = abortOnceSeen(reason);
    const result = await outcome(() => run(abort.signal));
    const afterAbort = performance.now() - abort.abortedAt;
    expect((result.error as Error).constructor).toBe(AbortError);
    expect((result.error as Error).message).toContain("was aborted by its AbortSignal");
    expect(abort.abortedAt).toBeGreaterThan(0);
    // Well below the 10 s timeout and the 5 s Retry-After: the abort ended it.
    expect(afterAbort).toBeLessThan(3_000);
    return result;
  }

  describe("abort", () => {
    it("during a request that never answers", async () => {
      server.script(times(3, hang()));
      await expectAbort((signal) => client.voices.list({}, { signal }));
      expect(server.count).toBe(1);
    });

    it("while the body trickles in", async () => {
      server.script(times(3, slowBody({ intervalMs: 20 })));
      await expectAbort((signal) => client.voices.get("abc", { signal }));
      expect(server.count).toBe(1);
    });

    it("during the backoff after a 503", async () => {
      server.script(times(3, failure(503, 50300, "busy", { "retry-after": "5" })));
      await expectAbort((signal) => client.voices.delete("abc", { signal }));
      expect(server.count).toBe(1);
    });

    it("during a clone's wait for the response", async () => {
      server.script(times(3, hangAfterBody()));
      await expectAbort((signal) => client.voices.clone({ file: wavFile(1024) }, { signal }));
      expect(server.count).toBe(1);
    });

    it("keeps the caller's reason as the cause", async () => {
      server.script(times(3, hang()));
      const reason = new Error("user navigated away");
      const result = await expectAbort((signal) => client.voices.list({}, { signal }), reason);
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
      expect(result.ms).toBeLessThan(4_500);
      // The first page plus at most `concurrency` (4) pages in flight.
      expect(server.count).toBeLessThanOrEqual(5);
    });
  });
});
