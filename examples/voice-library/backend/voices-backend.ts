/**
 * The app's own backend, as a Vite plugin so `vite` (dev) and `vite preview` both serve it.
 *
 * The browser never holds the API key: it calls `/api/voices…` on this origin, and this
 * backend forwards those calls to the Voices API with the key it reads from its own
 * environment. It forwards only the Voices API's four operations, not arbitrary URLs.
 *
 * - `NOIZ_VOICES_UPSTREAM` unset (the default): it starts the fake service of
 *   `@noiz-voices/testing` on loopback (`startFakeServer`) and forwards there, so the app runs with
 *   no account and no key. The fake keeps state: clones and deletes stick until the backend stops,
 *   and it serves the samples itself.
 * - `NOIZ_VOICES_UPSTREAM=https://noiz.ai/v1` and `NOIZ_API_KEY=…`: the real service.
 * - `NOIZ_VOICES_ALLOWED_ORIGINS=https://app.example,…`: other origins the app is served from,
 *   which may call `/api` (with CORS). The backend's own origin always may; nothing else does.
 *
 * Because it spends the key on behalf of whoever reaches it, it refuses requests that a browser
 * sends from another site (checked with `Origin` and `Sec-Fetch-Site`, before anything is
 * forwarded), and answers CORS for the allowed origins only: Vite's own CORS (any `localhost:*`
 * page) is turned off.
 */
import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";
import type { TLSSocket } from "node:tls";
import type { FakeVoices, SeedVoice } from "@noiz-voices/testing";
import type { Connect, Logger, Plugin, PreviewServer, ViteDevServer } from "vite";

/** Where the backend forwards, and which origins may call it. */
export interface VoicesBackendOptions {
  /** The Voices API to forward to and its key; default `NOIZ_VOICES_UPSTREAM` and `NOIZ_API_KEY`, else a fake service. */
  upstream?: { url: string; apiKey: string };
  /** Serve this fake (rather than a new one with `DEMO_VOICES`), even if `NOIZ_VOICES_UPSTREAM` is set: tests pass theirs to read its state and inject faults. */
  fake?: FakeVoices;
  /** Origins besides the backend's own that may call `/api`, with CORS; default `NOIZ_VOICES_ALLOWED_ORIGINS` (comma-separated). */
  allowedOrigins?: readonly string[];
}

/** Where calls go and with which key. */
interface Upstream {
  url: URL;
  apiKey: string;
  /** True when the upstream is the fake service this backend started. */
  fake: boolean;
  stop(): Promise<void>;
}

// The Voices API's operations, matched on the path as sent: GET/POST /voices, GET/DELETE /voices/{voice_id}.
const LIST_METHODS = ["GET", "POST"];
const VOICE_METHODS = ["GET", "DELETE"];

// Request headers worth passing on; an Authorization from the browser is never among them.
const FORWARDED_REQUEST_HEADERS = ["accept", "content-type", "content-length"];
const FORWARDED_RESPONSE_HEADERS = ["content-type", "retry-after"];
// What a page on an allowed origin may send: an Authorization (never passed on) and the body's type.
const CORS_ALLOWED_HEADERS = "authorization, content-type, accept";

/** The custom voices a new demo fake starts with, beside its built-in ones. */
export const DEMO_VOICES: readonly SeedVoice[] = [
  {
    display_name: "My Custom Voice",
    labels: "warm, narration",
    meta: { text: "The quick brown fox jumps over the lazy dog." },
  },
  {
    display_name: "Podcast Host",
    labels: "warm, conversational",
    meta: { text: "Welcome back to the show." },
  },
];

async function resolveUpstream(options: VoicesBackendOptions): Promise<Upstream> {
  if (options.upstream) {
    return { url: new URL(options.upstream.url), apiKey: options.upstream.apiKey, fake: false, stop: async () => {} };
  }
  const configured = options.fake ? undefined : process.env.NOIZ_VOICES_UPSTREAM;
  if (configured) {
    const apiKey = process.env.NOIZ_API_KEY;
    if (!apiKey) {
      throw new Error("NOIZ_VOICES_UPSTREAM is set but NOIZ_API_KEY is not: the backend needs the key to call it.");
    }
    return { url: new URL(configured), apiKey, fake: false, stop: async () => {} };
  }
  // A development dependency, loaded only here: a backend with an upstream never needs it.
  const [{ createFakeVoices }, { startFakeServer }] = await Promise.all([
    import("@noiz-voices/testing"),
    import("@noiz-voices/testing/server"),
  ]);
  const fake = options.fake ?? createFakeVoices({ voices: DEMO_VOICES });
  // In this process, on loopback: it stops with the Vite server, or with the process.
  const server = await startFakeServer(fake);
  return { url: new URL(server.url), apiKey: fake.apiKey, fake: true, stop: () => server.close() };
}

function allowedOriginsOf(options: VoicesBackendOptions): Set<string> {
  const given = options.allowedOrigins ?? (process.env.NOIZ_VOICES_ALLOWED_ORIGINS ?? "").split(",");
  const origins = new Set<string>();
  for (const entry of given.map((value) => value.trim()).filter((value) => value !== "")) {
    let origin: string | undefined;
    try {
      origin = new URL(entry).origin;
    } catch {}
    if (!origin || origin === "null" || `${origin}/` !== new URL(entry).href) {
      throw new Error(
        `NOIZ_VOICES_ALLOWED_ORIGINS / allowedOrigins: "${entry}" is not an origin; give scheme, host and port only, such as https://app.example.`,
      );
    }
    origins.add(origin);
  }
  return origins;
}

/** The origin this request was addressed to, from its Host header (which Vite's `allowedHosts` has checked). */
function ownOrigin(req: IncomingMessage): string | undefined {
  const scheme = (req.socket as TLSSocket).encrypted ? "https" : "http";
  try {
    return new URL(`${scheme}://${req.headers.host ?? ""}`).origin;
  } catch {
    return undefined;
  }
}

/**
 * Why this request must not be served, or undefined. A browser names the page's origin in
 * `Origin` on every cross-origin request and every POST or DELETE, and says where a request came
 * from in `Sec-Fetch-Site` (older browsers send only `Origin`); neither can be set by a page. A
 * request with neither comes from no browser (curl, a server) and carries no visitor's ambient
 * access, so it is served: the backend is only as private as the network it listens on.
 */
function crossSiteRefusal(req: IncomingMessage, allowed: Set<string>): string | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    return origin === ownOrigin(req) || allowed.has(origin) ? undefined : "it came from a page on another origin";
  }
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return "it came from another site";
  return undefined;
}

function sendEnvelope(res: ServerResponse, status: number, code: number, message: string): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ code, message, data: null }));
}

/** The upstream path for a path as sent, or the status and message to refuse it with. */
function route(
  method: string,
  rawPath: string,
): { path: string; list: boolean } | { status: number; code: number; message: string } {
  let list: boolean;
  let path: string;
  if (rawPath === "/voices") {
    list = true;
    path = "/voices";
  } else if (rawPath.startsWith("/voices/")) {
    list = false;
    // Judged as sent, before any URL parser: parsers resolve "." and ".." (also spelled %2e) and read
    // "\" as "/", so a check after parsing would see another path than the upstream is sent.
    const raw = rawPath.slice("/voices/".length);
    let id: string | undefined;
    try {
      id = decodeURIComponent(raw);
    } catch {}
    // One path segment that decodes to itself plus nothing that could leave it: no separators
    // (/ \), no query or fragment (? #), no dot segment, no second layer of encoding (%), no controls.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects.
    if (id === undefined || raw.includes("/") || id === "." || id === ".." || /[/\\?#%\u0000-\u001f\u007f]/.test(id)) {
      return {
        status: 400,
        code: 40000,
        message: "A voice id is one path segment: no /, \\, ?, # or % (encoded or not), and not . or ..",
      };
    }
    if (id === "") return { status: 404, code: 40400, message: "The backend forwards only /voices calls." };
    path = `/voices/${encodeURIComponent(id)}`;
  } else {
    return { status: 404, code: 40400, message: "The backend forwards only /voices calls." };
  }
  if (!(list ? LIST_METHODS : VOICE_METHODS).includes(method)) {
    return { status: 405, code: 40500, message: `${method} is not a Voices API operation on this path.` };
  }
  return { path, list };
}

function forward(upstream: Upstream, req: IncomingMessage, res: ServerResponse, logger: Logger): void {
  const sent = req.url ?? "/";
  const queryAt = sent.indexOf("?");
  const rawPath = queryAt === -1 ? sent : sent.slice(0, queryAt);
  const search = queryAt === -1 ? "" : sent.slice(queryAt);
  const method = req.method ?? "";
  const target = route(method, rawPath);
  if ("status" in target) {
    sendEnvelope(res, target.status, target.code, target.message);
    return;
  }

  const base = upstream.url.pathname.replace(/\/+$/, "");
  // Only the list takes a query (voice_type, keyword, skip, limit).
  const url = new URL(`${base}${target.path}${target.list && method === "GET" ? search : ""}`, upstream.url);
  const headers: Record<string, string> = { authorization: upstream.apiKey };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }

  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  const outgoing = send(url, { method, headers }, (answer) => {
    res.statusCode = answer.statusCode ?? 502;
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = answer.headers[name];
      if (value !== undefined) res.setHeader(name, value);
    }
    answer.pipe(res);
  });
  outgoing.on("error", (error: NodeJS.ErrnoException) => {
    // The operator's log says why; the page is not told where the upstream is (host, port, address).
    logger.warn(`  voice-library backend: the upstream request failed (${error.code ?? error.name})`);
    if (res.headersSent) return res.destroy();
    sendEnvelope(res, 502, 50200, "The backend could not reach the Voices API. Try again later.");
  });
  // Uploads stream through: the backend never holds a whole audio file in memory.
  req.pipe(outgoing);
}

/** CORS for an allowed origin other than the backend's own (the same origin needs none). */
function corsHeaders(req: IncomingMessage, res: ServerResponse, allowed: Set<string>): void {
  res.setHeader("vary", "Origin");
  const origin = req.headers.origin;
  if (origin === undefined || !allowed.has(origin)) return;
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("access-control-expose-headers", "retry-after");
}

function handler(upstream: Upstream, allowed: Set<string>, logger: Logger): Connect.NextHandleFunction {
  return (req, res) => {
    const refusal = crossSiteRefusal(req, allowed);
    if (refusal) {
      res.setHeader("vary", "Origin");
      sendEnvelope(res, 403, 40300, `The backend refused this request: ${refusal}.`);
      return;
    }
    corsHeaders(req, res, allowed);
    if (req.method === "OPTIONS") {
      // A CORS preflight from an allowed origin (others were refused above); never forwarded.
      res.statusCode = 204;
      res.setHeader("allow", "GET, POST, DELETE");
      if (res.hasHeader("access-control-allow-origin")) {
        res.setHeader("access-control-allow-methods", "GET, POST, DELETE");
        res.setHeader("access-control-allow-headers", CORS_ALLOWED_HEADERS);
        res.setHeader("access-control-max-age", "600");
      }
      res.end();
      return;
    }
    // What the page shows about where its data comes from; no key, no URL.
    if (req.url === "/backend" && req.method === "GET") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ fake: upstream.fake }));
      return;
    }
    forward(upstream, req, res, logger);
  };
}

/** Serves `/api/voices…` from the Voices API (or a fake of it) with the key kept on the server. */
export function voicesBackend(options: VoicesBackendOptions = {}): Plugin {
  const allowed = allowedOriginsOf(options);
  async function attach(server: ViteDevServer | PreviewServer): Promise<void> {
    const upstream = await resolveUpstream(options);
    server.httpServer?.once("close", () => void upstream.stop());
    const label = upstream.fake ? `the fake Voices API at ${upstream.url.origin}` : upstream.url.href;
    server.config.logger.info(`  voice-library backend: /api → ${label}`);
    server.middlewares.use("/api", handler(upstream, allowed, server.config.logger));
  }
  return {
    name: "voice-library-backend",
    // Vite's default CORS answers any localhost:* page, DELETE included; the backend answers CORS itself.
    config: () => ({ server: { cors: false }, preview: { cors: false } }),
    configureServer: attach,
    configurePreviewServer: attach,
  };
}
