/**
 * The app's own backend, as a Vite plugin so `vite` (dev) and `vite preview` both serve it.
 *
 * The browser never holds the API key: it calls `/api/voices…` on this origin, and this
 * backend forwards those calls to the Voices API with the key it reads from its own
 * environment. It forwards only the Voices API's four operations, not arbitrary URLs.
 *
 * - `NOIZ_VOICES_UPSTREAM` unset (the default): it starts the Prism mock of the spec and
 *   forwards there, so the app runs with no account and no key.
 * - `NOIZ_VOICES_UPSTREAM=https://noiz.ai/v1` and `NOIZ_API_KEY=…`: the real service.
 */
import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";
import { type MockServer, startMockServer } from "@noiz-voices/mock";
import type { Connect, Plugin, PreviewServer, ViteDevServer } from "vite";

/** Where calls go and with which key. */
interface Upstream {
  url: URL;
  apiKey: string;
  /** True when the upstream is the Prism mock this backend started. */
  mock: boolean;
  stop(): Promise<void>;
}

// The Voices API's operations: GET/POST /voices, GET/DELETE /voices/{voice_id}. Nothing else is forwarded.
const ROUTES: Array<{ pattern: RegExp; methods: string[] }> = [
  { pattern: /^\/voices$/, methods: ["GET", "POST"] },
  { pattern: /^\/voices\/[^/]+$/, methods: ["GET", "DELETE"] },
];

// Request headers worth passing on; the browser's Authorization (a placeholder) is never among them.
const FORWARDED_REQUEST_HEADERS = ["accept", "content-type", "content-length"];
const FORWARDED_RESPONSE_HEADERS = ["content-type", "retry-after"];

async function resolveUpstream(): Promise<Upstream> {
  const configured = process.env.NOIZ_VOICES_UPSTREAM;
  if (configured) {
    const apiKey = process.env.NOIZ_API_KEY;
    if (!apiKey) {
      throw new Error("NOIZ_VOICES_UPSTREAM is set but NOIZ_API_KEY is not: the backend needs the key to call it.");
    }
    return { url: new URL(configured), apiKey, mock: false, stop: async () => {} };
  }
  const mock: MockServer = await startMockServer();
  // Stopped with the server. Interrupted, the process exits, and the mock's exit hook kills Prism:
  // without these listeners a signal would end Node without running exit hooks.
  for (const signal of ["SIGINT", "SIGHUP"] as const) process.once(signal, () => process.exit(130));
  return { url: new URL(mock.url), apiKey: "mock-key", mock: true, stop: () => mock.stop() };
}

function sendEnvelope(res: ServerResponse, status: number, code: number, message: string): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ code, message, data: null }));
}

function forward(upstream: Upstream, req: IncomingMessage, res: ServerResponse): void {
  const incoming = new URL(req.url ?? "/", "http://backend.invalid");
  const route = ROUTES.find((r) => r.pattern.test(incoming.pathname));
  if (!route) {
    sendEnvelope(res, 404, 40400, `The backend forwards only /voices calls, not ${incoming.pathname}.`);
    return;
  }
  if (!route.methods.includes(req.method ?? "")) {
    sendEnvelope(res, 405, 40500, `${req.method} ${incoming.pathname} is not a Voices API operation.`);
    return;
  }

  const base = upstream.url.pathname.replace(/\/+$/, "");
  const target = new URL(`${base}${incoming.pathname}${incoming.search}`, upstream.url);
  const headers: Record<string, string> = { authorization: upstream.apiKey };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  if (upstream.mock) {
    // Prism picks a response by `Prefer`; pass it through, and pick the built-in example for a
    // built-in list, so the type filter shows built-in voices against the mock too.
    const prefer = req.headers.prefer;
    if (typeof prefer === "string") headers.prefer = prefer;
    else if (incoming.searchParams.get("voice_type") === "built-in") headers.prefer = "example=builtInVoices";
  }

  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  const outgoing = send(target, { method: req.method, headers }, (answer) => {
    res.statusCode = answer.statusCode ?? 502;
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = answer.headers[name];
      if (value !== undefined) res.setHeader(name, value);
    }
    answer.pipe(res);
  });
  outgoing.on("error", (error) => {
    if (res.headersSent) return res.destroy(error);
    sendEnvelope(res, 502, 50200, `The backend could not reach the Voices API: ${error.message}`);
  });
  // Uploads stream through: the backend never holds a whole audio file in memory.
  req.pipe(outgoing);
}

async function attach(server: ViteDevServer | PreviewServer): Promise<void> {
  const upstream = await resolveUpstream();
  server.httpServer?.once("close", () => void upstream.stop());
  const label = upstream.mock ? `the Prism mock at ${upstream.url.origin}` : upstream.url.href;
  server.config.logger.info(`  voice-library backend: /api → ${label}`);
  const api: Connect.NextHandleFunction = (req, res) => {
    // What the page shows about where its data comes from; no key, no URL.
    if (req.url === "/backend") {
      res.setHeader("content-type", "application/json");
      return res.end(JSON.stringify({ mock: upstream.mock }));
    }
    forward(upstream, req, res);
  };
  server.middlewares.use("/api", api);
}

/** Serves `/api/voices…` from the Voices API (or its mock) with the key kept on the server. */
export function voicesBackend(): Plugin {
  return {
    name: "voice-library-backend",
    configureServer: attach,
    configurePreviewServer: attach,
  };
}
