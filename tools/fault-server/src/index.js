// A loopback HTTP server that misbehaves on purpose. Each test scripts the answers, one step per
// request in arrival order, and reads back what the server saw. Plain JS with a .d.ts beside it,
// so tests and benchmarks use it unbuilt.
import { createServer } from "node:http";

const DEFAULT_HARD_TIMEOUT_MS = 60_000;

/** Starts the server on 127.0.0.1 and a free port. */
export async function startFaultServer(options = {}) {
  const hardTimeoutMs = options.hardTimeoutMs ?? DEFAULT_HARD_TIMEOUT_MS;
  const sockets = new Set();
  // Timers and intervals started by steps: cleared on close so nothing outlives the server.
  const timers = new Set();
  const requests = [];
  let steps = [];
  let fallback =
    options.fallback ?? reply(500, "fault server: the script ran out of steps", { "content-type": "text/plain" });

  const server = createServer((req, res) => {
    const index = requests.length;
    const record = {
      index,
      method: req.method ?? "",
      url: req.url ?? "",
      headers: { ...req.headers },
      bodyBytes: 0,
      bodyComplete: false,
      receivedAt: Date.now(),
    };
    requests.push(record);
    const step = steps[index] ?? fallback;
    const ctx = {
      req,
      res,
      record,
      index,
      readBody: () => readBody(req, record),
      later: (ms, fn) => later(timers, ms, fn),
    };
    Promise.resolve()
      .then(() => step(ctx))
      .catch(() => {
        if (!res.headersSent) res.socket?.destroy();
      });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // A request that stalls forever must not keep a test run alive.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  // Long, so the server never closes an idle connection just as the client reuses it: the
  // hard timer and close() end every connection anyway.
  server.keepAliveTimeout = 30_000;

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address();

  let closed;
  const close = () => {
    closed ??= new Promise((resolve) => {
      clearTimeout(hardTimer);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    });
    return closed;
  };
  // Stops by itself even when a test forgets to close it.
  const hardTimer = setTimeout(close, hardTimeoutMs);
  hardTimer.unref();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    get count() {
      return requests.length;
    },
    script(nextSteps, nextFallback) {
      steps = nextSteps;
      if (nextFallback) fallback = nextFallback;
      requests.length = 0;
    },
    close,
  };
}

function later(timers, ms, fn) {
  const timer = setTimeout(() => {
    timers.delete(timer);
    fn();
  }, ms);
  timers.add(timer);
  return timer;
}

function readBody(req, record) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on("data", (chunk) => {
      chunks.push(chunk);
      record.bodyBytes += chunk.length;
    });
    req.on("end", () => {
      record.bodyComplete = true;
      resolve(Buffer.concat(chunks));
    });
    // A client that gives up mid-upload ends the read; the step decides what to do next.
    req.on("error", () => resolve(Buffer.concat(chunks)));
    req.on("close", () => resolve(Buffer.concat(chunks)));
  });
}

function toBody(body) {
  if (body === undefined) return "";
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  return JSON.stringify(body);
}

function defaultType(body) {
  return typeof body === "string" || body instanceof Uint8Array ? "text/plain" : "application/json";
}

/** Answers `status` with `body` (an object is sent as JSON) and `headers`, after reading the request body. */
export function reply(status, body, headers = {}) {
  return async (ctx) => {
    await ctx.readBody();
    const payload = toBody(body);
    ctx.res.writeHead(status, {
      "content-type": defaultType(body),
      "content-length": Buffer.byteLength(payload),
      ...headers,
    });
    ctx.res.end(payload);
  };
}

/** Answers 200 with the success envelope `{ code: 0, message: "success", data }`. */
export function success(data, headers = {}) {
  return reply(200, { code: 0, message: "success", data }, headers);
}

/** Answers `status` with the error envelope `{ code, message, data: null }`. */
export function failure(status, code, message, headers = {}) {
  return reply(status, { code, message, data: null }, headers);
}

/** Destroys the connection as soon as the request's headers arrive: no response at all. */
export function resetOnHeaders() {
  return (ctx) => {
    ctx.req.socket.destroy();
  };
}

/** Reads the whole request body, then destroys the connection without answering. */
export function resetAfterBody() {
  return async (ctx) => {
    await ctx.readBody();
    ctx.req.socket.destroy();
  };
}

/** Sends the headers and the first half of `body` (with the full length declared), then cuts the connection. */
export function cutMidBody(status, body, delayMs = 20) {
  return async (ctx) => {
    await ctx.readBody();
    const payload = Buffer.from(toBody(body));
    ctx.res.writeHead(status, { "content-type": defaultType(body), "content-length": payload.length });
    ctx.res.write(payload.subarray(0, Math.floor(payload.length / 2)));
    // Let the half arrive before the cut, so the client sees a body that stops, not a refused stream.
    ctx.later(delayMs, () => ctx.req.socket.destroy());
  };
}

/** Never answers; the connection stays open until the client gives up or the server closes. */
export function hang() {
  return () => {};
}

/** Reads the whole request body, then never answers. */
export function hangAfterBody() {
  return async (ctx) => {
    await ctx.readBody();
  };
}

/**
 * Sends the headers at once, then one byte every `intervalMs` of a body that declares
 * `totalBytes`, so the body outlasts any short timeout. Stops when the client goes away.
 */
export function slowBody({ intervalMs = 50, totalBytes = 10_000, status = 200 } = {}) {
  return async (ctx) => {
    await ctx.readBody();
    ctx.res.writeHead(status, { "content-type": "application/json", "content-length": totalBytes });
    ctx.res.write("{");
    let sent = 1;
    const tick = () => {
      if (ctx.res.destroyed || ctx.req.socket.destroyed || sent >= totalBytes) return;
      ctx.res.write(" ");
      sent++;
      ctx.later(intervalMs, tick);
    };
    ctx.later(intervalMs, tick);
  };
}

/** Waits `ms`, then runs `step`: server latency. */
export function delayed(ms, step) {
  return (ctx) =>
    new Promise((resolve) => {
      ctx.later(ms, () => resolve(step(ctx)));
    });
}

/** `count` copies of `step`, for scripts such as "three 503s, then success". */
export function times(count, step) {
  return Array.from({ length: count }, () => step);
}
