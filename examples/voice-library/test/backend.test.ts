// The backend (backend/voices-backend.ts) as Vite serves it, in front of a loopback upstream that
// counts what reaches it: cross-site requests, CORS, voice ids and upstream failures. Each case
// asserts the answer and how many requests the upstream saw (0 for a refused one).
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer as createViteServer, type PreviewServer, preview, type ViteDevServer } from "vite";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_VOICES, voicesBackend } from "../backend/voices-backend.js";

const KEY = "upstream-key-3f9a";
const APP_ORIGIN = "https://app.example";

/** One request as the upstream saw it. */
interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

let upstream: Server;
let upstreamUrl: string;
const seen: Seen[] = [];
const outDir = mkdtempSync(join(tmpdir(), "voice-library-backend-"));
const servers: Array<PreviewServer | ViteDevServer> = [];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

function portOf(server: PreviewServer | ViteDevServer): number {
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("the Vite server is not listening on a port");
  return address.port;
}

/** `vite preview` with only the backend plugin, forwarding to `upstreamAt`. */
async function startPreview(upstreamAt: string): Promise<number> {
  const server = await preview({
    configFile: false,
    root: outDir,
    logLevel: "silent",
    plugins: [voicesBackend({ upstream: { url: upstreamAt, apiKey: KEY }, allowedOrigins: [APP_ORIGIN] })],
    build: { outDir },
    preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
  });
  servers.push(server);
  return portOf(server);
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Sends a request with exactly these headers and this path (no URL parsing on the way). */
function send(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const multipart = (boundary: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="voice_url"\r\n\r\nhttps://example.com/a.wav\r\n--${boundary}--\r\n`;

let port: number;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, body });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ code: 0, message: "success", data: { voice_id: "abc123def456" } }));
    });
  });
  upstreamUrl = `http://127.0.0.1:${await listen(upstream)}/v1`;
  port = await startPreview(upstreamUrl);
});

afterAll(async () => {
  for (const server of servers) await server.close();
  await new Promise((resolve) => upstream.close(resolve));
  rmSync(outDir, { recursive: true, force: true });
});

beforeEach(() => {
  seen.length = 0;
});

describe("cross-site requests", () => {
  const evil = "http://evil.example";
  it.each<{ what: string; method: string; path: string; headers: Record<string, string>; body?: string }>([
    {
      what: "a multipart POST from another site",
      method: "POST",
      path: "/api/voices",
      headers: { origin: evil, "sec-fetch-site": "cross-site", "content-type": "multipart/form-data; boundary=b0" },
      body: multipart("b0"),
    },
    {
      what: "a text/plain POST from another site, from a browser without Sec-Fetch-Site",
      method: "POST",
      path: "/api/voices",
      headers: { origin: evil, "content-type": "text/plain" },
      body: '{"voice_url":"https://example.com/a.wav"}',
    },
    {
      what: "a DELETE from another site",
      method: "DELETE",
      path: "/api/voices/abc123def456",
      headers: { origin: evil, "sec-fetch-site": "cross-site" },
    },
    {
      what: "a POST from another localhost port",
      method: "POST",
      path: "/api/voices",
      headers: { origin: "http://localhost:5173", "sec-fetch-site": "same-site", "content-type": "text/plain" },
      body: "x",
    },
    {
      what: "a POST from an opaque origin (sandboxed frame, data: URL)",
      method: "POST",
      path: "/api/voices",
      headers: { origin: "null", "content-type": "text/plain" },
      body: "x",
    },
    {
      what: "a no-cors GET from another site (an <img> or <script> tag: no Origin)",
      method: "GET",
      path: "/api/voices",
      headers: { "sec-fetch-site": "cross-site" },
    },
  ])("refuses $what with 403 and forwards nothing", async ({ method, path, headers, body }) => {
    const answer = await send(port, method, path, headers, body);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 40300, message: expect.stringMatching(/refused/) });
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
    expect(seen).toHaveLength(0);
  });

  it("forwards the app's own POST (same origin) with the real key", async () => {
    const own = `http://127.0.0.1:${port}`;
    const answer = await send(
      port,
      "POST",
      "/api/voices",
      { origin: own, "sec-fetch-site": "same-origin", "content-type": "multipart/form-data; boundary=b1" },
      multipart("b1"),
    );
    expect(answer.status).toBe(200);
    expect(seen).toEqual([{ method: "POST", url: "/v1/voices", authorization: KEY, body: multipart("b1") }]);
  });

  it("takes the own origin by the name the page used (localhost or 127.0.0.1)", async () => {
    const answer = await send(port, "DELETE", "/api/voices/abc123def456", {
      host: `localhost:${port}`,
      origin: `http://localhost:${port}`,
    });
    expect(answer.status).toBe(200);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(["DELETE /v1/voices/abc123def456"]);
  });

  it("forwards a same-origin GET (no Origin) and a request from no browser (neither header)", async () => {
    expect((await send(port, "GET", "/api/voices?limit=5", { "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await send(port, "POST", "/api/voices", { "content-type": "text/plain" }, "x")).status).toBe(200);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /v1/voices?limit=5", "POST /v1/voices"]);
  });
});

describe("CORS", () => {
  it("answers a preflight from the configured app origin, and its DELETE, with CORS headers", async () => {
    const preflight = await send(port, "OPTIONS", "/api/voices/abc123def456", {
      origin: APP_ORIGIN,
      "access-control-request-method": "DELETE",
      "access-control-request-headers": "authorization",
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
    expect(preflight.headers["access-control-allow-methods"]).toMatch(/DELETE/);
    expect(preflight.headers["access-control-allow-headers"]).toMatch(/authorization/);
    const remove = await send(port, "DELETE", "/api/voices/abc123def456", {
      origin: APP_ORIGIN,
      "sec-fetch-site": "cross-site",
    });
    expect(remove.status).toBe(200);
    expect(remove.headers["access-control-allow-origin"]).toBe(APP_ORIGIN);
    // The preflight is answered here, never forwarded.
    expect(seen.map((r) => r.method)).toEqual(["DELETE"]);
  });

  it("gives no CORS to any other localhost port, in preview or in the dev server", async () => {
    const dev = await createViteServer({
      configFile: false,
      root: outDir,
      logLevel: "silent",
      plugins: [voicesBackend({ upstream: { url: upstreamUrl, apiKey: KEY } })],
      optimizeDeps: { noDiscovery: true, include: [] },
      server: { host: "127.0.0.1", port: 0, strictPort: false, hmr: false, watch: null },
    });
    servers.push(dev);
    await dev.listen();
    for (const target of [port, portOf(dev)]) {
      for (const path of ["/api/voices/abc123def456", "/index.html"]) {
        const preflight = await send(target, "OPTIONS", path, {
          origin: "http://localhost:3000",
          "access-control-request-method": "DELETE",
        });
        expect(preflight.headers["access-control-allow-origin"], `${target} ${path}`).toBeUndefined();
        expect(preflight.headers["access-control-allow-methods"], `${target} ${path}`).toBeUndefined();
      }
    }
    expect(seen).toHaveLength(0);
  });
});

describe("voice ids", () => {
  it.each([
    "..%2Fadmin",
    "..%2F..%2Fvoices",
    "a%2Fb",
    "a%5Cb",
    "a%3Fkeyword%3Dx",
    "a%23b",
    "%2e%2e",
    "%2E",
    "..",
    ".",
    "a%252Fb",
    "a%00b",
    "%E0%A4%A",
  ])("refuses /voices/%s with 400 before forwarding", async (id) => {
    for (const method of ["GET", "DELETE"]) {
      const answer = await send(port, method, `/api/voices/${id}`, { "sec-fetch-site": "same-origin" });
      expect(answer.status, method).toBe(400);
      expect(JSON.parse(answer.body).message).toMatch(/one path segment/);
    }
    expect(seen).toHaveLength(0);
  });

  it("refuses a second path segment, dot or not, with 400", async () => {
    for (const path of ["/api/voices/./", "/api/voices/../voices", "/api/voices/a/b"]) {
      expect((await send(port, "GET", path)).status, path).toBe(400);
    }
    expect(seen).toHaveLength(0);
  });

  it("forwards an ordinary id, encoded once, and no query on a voice's path", async () => {
    expect((await send(port, "GET", "/api/voices/abc123def456?x=1")).status).toBe(200);
    expect((await send(port, "GET", "/api/voices/my%20voice")).status).toBe(200);
    expect(seen.map((r) => r.url)).toEqual(["/v1/voices/abc123def456", "/v1/voices/my%20voice"]);
  });
});

describe("with no upstream configured", () => {
  it("serves a fake of the service that keeps state, and says so at /api/backend", async () => {
    const saved = process.env.NOIZ_VOICES_UPSTREAM;
    delete process.env.NOIZ_VOICES_UPSTREAM;
    const server = await preview({
      configFile: false,
      root: outDir,
      logLevel: "silent",
      plugins: [voicesBackend()],
      build: { outDir },
      preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
    });
    servers.push(server);
    if (saved !== undefined) process.env.NOIZ_VOICES_UPSTREAM = saved;
    const own = portOf(server);
    expect(JSON.parse((await send(own, "GET", "/api/backend")).body)).toEqual({ fake: true });
    const list = async () => JSON.parse((await send(own, "GET", "/api/voices?voice_type=custom")).body).data;
    expect((await list()).voices.map((v: { display_name: string }) => v.display_name)).toEqual(
      DEMO_VOICES.map((v) => v.display_name),
    );
    const [first] = (await list()).voices as { voice_id: string }[];
    const deleted = await send(own, "DELETE", `/api/voices/${first?.voice_id}`);
    expect(JSON.parse(deleted.body)).toMatchObject({ code: 0, data: { voice_id: first?.voice_id } });
    // The delete stuck, and nothing was sent to the counting upstream of the other cases.
    expect((await list()).total_count).toBe(DEMO_VOICES.length - 1);
    expect((await send(own, "GET", `/api/voices/${first?.voice_id}`)).status).toBe(404);
    expect(seen).toHaveLength(0);
  });
});

describe("upstream failures", () => {
  it("answers 502 without the upstream's host, port or address", async () => {
    // A port that was just free: nothing listens there now.
    const closed = createServer();
    const closedPort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const failing = await startPreview(`http://127.0.0.1:${closedPort}/v1`);

    const answer = await send(failing, "GET", "/api/voices/abc123def456");
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body)).toEqual({
      code: 50200,
      message: "The backend could not reach the Voices API. Try again later.",
      data: null,
    });
    const everything = `${JSON.stringify(answer.headers)}${answer.body}`;
    expect(everything).not.toContain(String(closedPort));
    expect(everything).not.toContain("127.0.0.1");
    expect(everything).not.toMatch(/ECONNREFUSED/);
    expect(seen).toHaveLength(0);
  });
});
