import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    await expect(fetch(`${server.url}/a`)).rejects.toThrow();
    const cut = await fetch(`${server.url}/b`);
    await expect(cut.text()).rejects.toThrow();
    server.script([hang()]);
    // Abort only once the server holds the request, however slow the machine.
    const controller = new AbortController();
    const pending = fetch(`${server.url}/c`, { signal: controller.signal });
    while (server.count === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(server.count).toBe(1);
  });

  it("closes by itself after hardTimeoutMs", async () => {
    const short = await startFaultServer({ hardTimeoutMs: 100 });
    short.script([hang()]);
    const pending = fetch(`${short.url}/voices`).catch((error) => error);
    expect(await pending).toBeInstanceOf(Error);
    await expect(fetch(`${short.url}/voices`)).rejects.toThrow();
  });
});
