import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cutMidBody, failure, hang, reply, resetOnHeaders, startFaultServer, success, times } from "./index.js";

describe("startFaultServer", () => {
  let server;
  beforeAll(async () => {
    server = await startFaultServer({ hardTimeoutMs: 20_000 });
  });
  afterAll(() => server?.close());

  it("listens on 127.0.0.1 and answers the script in order, then the fallback", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    server.script([...times(2, failure(503, 50300, "busy")), success({ ok: true })]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${server.url}/voices`)).status);
    expect(statuses).toEqual([503, 503, 200, 500]);
    expect(server.count).toBe(4);
    expect(server.requests.map((r) => r.method)).toEqual(["GET", "GET", "GET", "GET"]);
  });

  it("counts request body bytes", async () => {
    server.script([reply(200, "ok")]);
    await fetch(`${server.url}/voices`, { method: "POST", body: "x".repeat(1000) });
    expect(server.requests[0]).toMatchObject({ bodyBytes: 1000, bodyComplete: true });
  });

  it("resets, cuts and hangs", async () => {
    server.script([resetOnHeaders(), cutMidBody(200, { code: 0, message: "success", data: "x".repeat(500) })]);
    // fetch rejects a reset with TypeError("fetch failed") and the socket's error as the cause.
    const reset = await fetch(`${server.url}/a`).catch((error) => error);
    expect(reset).toBeInstanceOf(TypeError);
    expect(reset.message).toBe("fetch failed");
    expect(reset.cause).toMatchObject({ code: expect.stringMatching(/^(ECONNRESET|UND_ERR_SOCKET)$/) });
    const cut = await fetch(`${server.url}/b`);
    expect(cut.status).toBe(200);
    // A body cut short of its content-length: undici's "terminated".
    await expect(cut.text()).rejects.toThrow(new TypeError("terminated"));
    // Abort only once the server holds the request: the step tells when it starts.
    let held = () => {};
    const holding = new Promise((resolve) => {
      held = resolve;
    });
    server.script([
      (ctx) => {
        held();
        return hang()(ctx);
      },
    ]);
    const controller = new AbortController();
    const pending = fetch(`${server.url}/c`, { signal: controller.signal });
    await holding;
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(server.count).toBe(1);
  });

  describe("on a fake clock", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("closes by itself after hardTimeoutMs", async () => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      const short = await startFaultServer({ hardTimeoutMs: 100 });
      let held = () => {};
      const holding = new Promise((resolve) => {
        held = resolve;
      });
      // Holds the request without answering.
      short.script([() => held()]);
      let settled = false;
      const pending = fetch(`${short.url}/voices`)
        .catch((error) => error)
        .finally(() => {
          settled = true;
        });
      await holding;
      await vi.advanceTimersByTimeAsync(99);
      expect(settled).toBe(false);
      // At 100 ms the server closes, cutting the request it held; then it refuses connections.
      await vi.advanceTimersByTimeAsync(1);
      const cut = await pending;
      expect(cut).toBeInstanceOf(TypeError);
      expect(cut.message).toBe("fetch failed");
      const refused = await fetch(`${short.url}/voices`).catch((error) => error);
      expect(refused).toBeInstanceOf(TypeError);
      expect(refused.cause).toMatchObject({ code: "ECONNREFUSED" });
    });
  });
});
