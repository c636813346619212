// STAND-IN for `startFakeServer` from `@noiz-voices/testing/server` (branch `testing`), until that
// package lands: the same signature, the same HTTP control API, the same default key. Private to
// this package; delete it when src/fake.mjs can re-export the real one.
//
// Control API: POST {url}/__fake/fail-next with { operation, fault } where operation is listVoices,
// cloneVoice, getVoice, deleteVoice or "*", and fault is { status, code?, message?, retryAfter? },
// { envelopeCode, message? }, { delayMs }, { network: "reset" } or { hang: true }, each with an
// optional `times` (default 1). POST {url}/__fake/reset forgets voices and faults.
import { createServer } from "node:http";

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Starts the stand-in on `host` (default 127.0.0.1) and `port` (default 0: a free one).
 * @param {unknown} [_fake] ignored: the real one takes a fake from createFakeVoices()
 * @param {{ port?: number, host?: string, apiKey?: string }} [options]
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startFakeServer(_fake, { port = 0, host = "127.0.0.1", apiKey = "test-key" } = {}) {
  /** @type {Map<string, Record<string, unknown>>} */
  let voices = new Map();
  /** @type {{ operation: string, fault: Record<string, any>, times: number }[]} */
  let faults = [];
  let nextId = 1;
  const sockets = new Set();

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, { code: 50000, message: `stand-in failed: ${error.message}` });
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  /** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res */
  async function handle(req, res) {
    const url = new URL(req.url ?? "/", "http://stand-in");
    if (req.method === "OPTIONS") {
      // CORS preflight (Chromium's page lives on another origin): allow what it asks for.
      res.writeHead(204, {
        ...cors(),
        "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "authorization, content-type",
        "access-control-max-age": "600",
      });
      res.end();
      return;
    }
    const body = await readBody(req);
    if (url.pathname === "/__fake/reset" && req.method === "POST") {
      voices = new Map();
      faults = [];
      return send(res, 200, { ok: true });
    }
    if (url.pathname === "/__fake/fail-next" && req.method === "POST") {
      const { operation = "*", fault } = JSON.parse(body.toString("utf8") || "{}");
      if (!fault || typeof fault !== "object") return send(res, 400, { error: "fault is required" });
      faults.push({ operation, fault, times: fault.times ?? 1 });
      return send(res, 200, { ok: true });
    }

    const match = /^\/voices(?:\/([^/]+))?$/.exec(url.pathname);
    const operation = !match
      ? undefined
      : match[1] === undefined
        ? { GET: "listVoices", POST: "cloneVoice" }[req.method ?? ""]
        : { GET: "getVoice", DELETE: "deleteVoice" }[req.method ?? ""];
    if (!operation) return send(res, 404, { code: 40400, message: `no route for ${req.method} ${url.pathname}` });

    const index = faults.findIndex((entry) => entry.operation === operation || entry.operation === "*");
    if (index >= 0) {
      const entry = faults[index];
      entry.times -= 1;
      if (entry.times <= 0) faults.splice(index, 1);
      const { fault } = entry;
      if (fault.hang) return; // never answers; close() ends the socket
      if (fault.network === "reset") return req.socket.destroy();
      if (fault.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      else if (fault.envelopeCode !== undefined) {
        return send(res, 200, { code: fault.envelopeCode, message: fault.message ?? "envelope error", data: null });
      } else {
        const headers = fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
        return send(
          res,
          fault.status,
          { code: fault.code ?? fault.status * 100, message: fault.message ?? `HTTP ${fault.status}` },
          headers,
        );
      }
    }

    if (req.headers.authorization !== apiKey) {
      return send(res, 401, { code: 40100, message: "invalid API key" });
    }
    const voiceId = match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
    if (operation === "listVoices") {
      const voiceType = url.searchParams.get("voice_type") ?? "custom";
      const keyword = (url.searchParams.get("keyword") ?? "").toLowerCase();
      const skip = Number(url.searchParams.get("skip") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 10);
      const all = [...voices.values()].filter(
        (voice) =>
          voice.voice_type === voiceType &&
          voice.delete_time === undefined &&
          String(voice.display_name).toLowerCase().includes(keyword),
      );
      const page = all.slice(skip * limit, skip * limit + limit).map(publicVoice);
      return ok(res, { total_count: all.length, voices: page });
    }
    if (operation === "cloneVoice") {
      const form = await new Request("http://stand-in/", {
        method: "POST",
        headers: { "content-type": req.headers["content-type"] ?? "" },
        body,
      }).formData();
      const file = form.get("file");
      const voiceUrl = form.get("voice_url");
      if (!(file instanceof Blob) && typeof voiceUrl !== "string") {
        return send(res, 400, { code: 40000, message: "file or voice_url is required" });
      }
      const id = `voice_${String(nextId++).padStart(6, "0")}`;
      const displayName = String(form.get("display_name") ?? "Cloned voice");
      const language = String(form.get("language") ?? "en");
      voices.set(id, {
        id: nextId,
        voice_id: id,
        display_name: displayName,
        voice_type: "custom",
        labels: "",
        sample: `https://example.invalid/samples/${id}.wav`,
        meta: { text: "hello" },
        url: `https://example.invalid/voices/${id}`,
        create_time: Math.floor(Date.now() / 1000),
      });
      return ok(res, {
        voice_id: id,
        voice_display_name: displayName,
        duration: file instanceof Blob ? Math.max(0, (file.size - 44) / 32_000) : 3,
        selected_text: "hello",
        selected_start: 0,
        selected_end: 1,
        text: "hello",
        language,
      });
    }
    const voice = voices.get(voiceId ?? "");
    if (!voice || voice.delete_time !== undefined) {
      return send(res, 404, { code: 40400, message: `voice ${voiceId} not found` });
    }
    if (operation === "getVoice") return ok(res, publicVoice(voice));
    voice.delete_time = Math.floor(Date.now() / 1000);
    return ok(res, { voice_id: voice.voice_id, display_name: voice.display_name, delete_time: voice.delete_time });
  }

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** @param {Record<string, unknown>} voice */
function publicVoice({ delete_time: _deleted, ...voice }) {
  return voice;
}

function cors() {
  return { "access-control-allow-origin": "*", "access-control-expose-headers": "retry-after" };
}

/** @param {import("node:http").ServerResponse} res @param {unknown} data */
function ok(res, data) {
  send(res, 200, { code: 0, message: "success", data });
}

/**
 * @param {import("node:http").ServerResponse} res
 * @param {number} status
 * @param {unknown} json
 * @param {Record<string, string>} [headers]
 */
function send(res, status, json, headers = {}) {
  const bytes = Buffer.from(JSON.stringify(json));
  res.writeHead(status, {
    ...cors(),
    ...headers,
    "content-type": "application/json",
    "content-length": String(bytes.length),
  });
  res.end(bytes);
}

/** @param {import("node:http").IncomingMessage} req @returns {Promise<Buffer>} */
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
