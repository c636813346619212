// @noiz-voices/testing/server: the same fake over loopback HTTP, its control API, CORS and samples.
import { ConnectionError, createVoicesClient, ServerError } from "@noiz-voices/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createFakeVoices, makeWav } from "../src/index.js";
import { type FakeServer, startFakeServer } from "../src/server.js";
import { judge } from "./helpers/spec-judge.js";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const clientFor = (url: string, options: { maxRetries?: number; fetch?: typeof fetch } = {}) =>
  createVoicesClient({ apiKey: "test-key", baseUrl: url, maxRetries: 0, ...options });

describe("startFakeServer", () => {
  it("serves the fake on 127.0.0.1 and a free port; the client works against url", async () => {
    server = await startFakeServer();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const judged = judge(fetch, server.url);
    const client = clientFor(server.url, { fetch: judged.fetch });
    const cloned = await client.voices.clone({ file: new Blob([makeWav()]), display_name: "Over HTTP" });
    expect((await client.voices.list()).voices.map((voice) => voice.display_name)).toEqual(["Over HTTP"]);
    await client.voices.delete(cloned.voice_id);
    await expect(client.voices.get(cloned.voice_id)).rejects.toMatchObject({ status: 404 });
    expect(judged.verdicts.violations).toEqual([]);
    expect(judged.verdicts.answers).toEqual(["cloneVoice 200", "listVoices 200", "deleteVoice 200", "getVoice 404"]);
  });

  it("takes an upload over 10 MB, reads its duration, and serves it back as the sample", {
    timeout: 60_000,
  }, async () => {
    server = await startFakeServer();
    const client = clientFor(server.url);
    const wav = makeWav({ seconds: 400 }); // 12.8 MB
    expect(wav.byteLength).toBeGreaterThan(12_000_000);
    const cloned = await client.voices.clone({ file: new Blob([wav]), display_name: "Long" });
    expect(cloned.duration).toBe(400);
    const voice = await client.voices.get(cloned.voice_id);
    expect(voice.sample).toBe(`${server.url}/__fake/samples/${cloned.voice_id}.wav`);
    const sample = await fetch(voice.sample ?? "");
    expect(sample.headers.get("content-type")).toBe("audio/wav");
    expect(Buffer.from(await sample.arrayBuffer()).equals(wav)).toBe(true);
    const head = await fetch(voice.sample ?? "", { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe(String(wav.byteLength));
  });

  it("serves the fake it is given: state is shared with fake.fetch", async () => {
    const fake = createFakeVoices({ voices: [{ voice_id: "shared", display_name: "Shared" }] });
    server = await startFakeServer(fake);
    expect(server.fake).toBe(fake);
    await clientFor(server.url).voices.delete("shared");
    expect(fake.voices.find((voice) => voice.voice_id === "shared")?.delete_time).toBeGreaterThan(0);
    expect(fake.requests.map((request) => request.operation)).toEqual(["deleteVoice"]);
  });

  it("resets the connection for { network: 'reset' }", async () => {
    server = await startFakeServer();
    server.fake.failNext("getVoice", { network: "reset" });
    const error = await clientFor(server.url)
      .voices.get("builtin-aria")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/ECONNRESET|other side closed|socket/i);
  });

  it("ends hanging requests on close()", async () => {
    server = await startFakeServer();
    server.fake.failNext("listVoices", { hang: true });
    const pending = clientFor(server.url)
      .voices.list()
      .catch((e: unknown) => e);
    const fake = server.fake;
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    await server.close();
    expect(await pending).toBeInstanceOf(ConnectionError);
    await expect(fetch(`${server.url}/voices`)).rejects.toThrow(TypeError);
  });

  it("says so when the port is taken", async () => {
    server = await startFakeServer();
    const port = Number(new URL(server.url).port);
    await expect(startFakeServer(undefined, { port })).rejects.toThrow(
      `startFakeServer: port ${port} on 127.0.0.1 is in use; pass another port, or 0 for a free one.`,
    );
    await expect(startFakeServer(undefined, { port: 70_000 })).rejects.toThrow(
      /port must be an integer from 0 to 65535/,
    );
  });
});

describe("the control API", () => {
  const post = (path: string, body?: unknown) =>
    fetch(`${server?.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it("POST /__fake/fail-next injects a fault, as failNext does", async () => {
    server = await startFakeServer();
    const response = await post("/__fake/fail-next", { operation: "getVoice", fault: { status: 503, times: 2 } });
    expect(response.status).toBe(204);
    const client = clientFor(server.url);
    await expect(client.voices.get("builtin-aria")).rejects.toBeInstanceOf(ServerError);
    await expect(client.voices.get("builtin-aria")).rejects.toBeInstanceOf(ServerError);
    expect((await client.voices.get("builtin-aria")).voice_id).toBe("builtin-aria");
  });

  it("POST /__fake/fail-next answers 400 with failNext's message for a bad fault, or for a body that is not JSON", async () => {
    server = await startFakeServer();
    const bad = await post("/__fake/fail-next", { operation: "getVoices", fault: { status: 503 } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 40000,
      message: expect.stringMatching(/operation must be "\*" or one of/),
    });
    const notJson = await fetch(`${server.url}/__fake/fail-next`, { method: "POST", body: "status=503" });
    expect(((await notJson.json()) as { message: string }).message).toMatch(/fail-next takes JSON/);
  });

  it("POST /__fake/reset resets; GET /__fake/requests and /__fake/voices show the state", async () => {
    server = await startFakeServer();
    const client = clientFor(server.url);
    const cloned = await client.voices.clone({ voice_url: "https://example.com/a.wav" });
    const requests = (await (await fetch(`${server.url}/__fake/requests`)).json()) as { requests: unknown[] };
    expect(requests.requests).toEqual([expect.objectContaining({ operation: "cloneVoice", status: 200 })]);
    const voices = (await (await fetch(`${server.url}/__fake/voices`)).json()) as { voices: { voice_id: string }[] };
    expect(voices.voices.map((voice) => voice.voice_id)).toContain(cloned.voice_id);
    expect((await post("/__fake/reset")).status).toBe(204);
    expect((await client.voices.list()).total_count).toBe(0);
    expect(server.fake.requests).toHaveLength(1);
  });
});

describe("CORS", () => {
  it("answers a loopback page's preflight that asks for Authorization, and marks each answer for that origin", async () => {
    server = await startFakeServer();
    const preflight = await fetch(`${server.url}/voices`, {
      method: "OPTIONS",
      headers: {
        origin: "http://127.0.0.1:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5173");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization, content-type");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("DELETE");
    const answer = await fetch(`${server.url}/voices`, { headers: { origin: "http://localhost:3000" } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(answer.headers.get("vary")).toBe("origin");
    expect(answer.headers.get("access-control-expose-headers")).toContain("retry-after");
    // Without an Origin (not a page): no CORS headers at all.
    expect((await fetch(`${server.url}/voices`)).headers.get("access-control-allow-origin")).toBeNull();
    // Preflights are the browser's, not the page's: they are not recorded.
    expect(server.fake.requests.map((request) => request.method)).toEqual(["GET", "GET"]);
  });

  it("refuses pages on other origins (403, no CORS headers), preflights included, unless allowedOrigins names them", async () => {
    server = await startFakeServer();
    for (const origin of ["https://evil.example", "null", "http://127.0.0.1.evil.example", "file://"]) {
      const preflight = await fetch(`${server.url}/__fake/requests`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "GET" },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
      // A "simple" request needs no preflight: it is refused too, so a page cannot reset or read the fake.
      const reset = await fetch(`${server.url}/__fake/reset`, { method: "POST", headers: { origin } });
      expect(reset.status).toBe(403);
      expect(reset.headers.get("access-control-allow-origin")).toBeNull();
    }
    expect(server.fake.requests).toEqual([]);
    await server.close();

    server = await startFakeServer(undefined, { allowedOrigins: ["https://app.test"] });
    const allowed = await fetch(`${server.url}/voices`, {
      headers: { origin: "https://app.test", authorization: "test-key" },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.test");
    const other = await fetch(`${server.url}/voices`, { headers: { origin: "https://other.test" } });
    expect(other.status).toBe(403);
    await expect(startFakeServer(undefined, { allowedOrigins: "https://app.test" as never })).rejects.toThrow(
      /allowedOrigins must be an array/,
    );
  });

  it("answers only a loopback Host or its own host: a DNS-rebinding page's Host gets 403", async () => {
    server = await startFakeServer();
    const port = new URL(server.url).port;
    const status = async (host: string) => {
      // fetch does not let a caller set Host; a raw request does.
      const { request } = await import("node:http");
      return new Promise<number>((resolve, reject) => {
        const sent = request(`${server!.url}/__fake/voices`, { headers: { host } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        sent.on("error", reject);
        sent.end();
      });
    };
    expect(await status("attacker.example")).toBe(403);
    expect(await status(`attacker.example:${port}`)).toBe(403);
    expect(await status(`127.0.0.1.nip.io:${port}`)).toBe(403);
    expect(await status(`127.0.0.1:${port}`)).toBe(200);
    expect(await status(`localhost:${port}`)).toBe(200);
    expect(await status(`[::1]:${port}`)).toBe(200);
    await server.close();

    server = await startFakeServer(undefined, { host: "0.0.0.0" });
    expect(await status("192.168.1.20:4010")).toBe(200);
    expect(await status("fake.example:4010")).toBe(403);
  });
});
