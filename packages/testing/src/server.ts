/// <reference types="node" />
/**
 * `@noiz-voices/testing/server`: the fake over loopback HTTP, for other processes (the
 * `noiz-voices` command, scripts, a browser page, other languages). Node only.
 *
 * Besides the API and the samples, it answers a small control API, so that a process that cannot
 * call `fake.failNext` can inject faults:
 * - `POST {url}/__fake/fail-next` with JSON `{ "operation": "getVoice", "fault": { "status": 503 } }`
 *   (the arguments of `failNext`): 204, or 400 naming what is wrong;
 * - `POST {url}/__fake/reset`: 204, as `fake.reset()`;
 * - `GET {url}/__fake/requests` and `GET {url}/__fake/voices`: `fake.requests` and `fake.voices` as JSON.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Readable } from "node:stream";
import { coreOf, isConnectionReset } from "./core.js";
import { createFakeVoices, type FakeVoices } from "./fake.js";

/** Options of `startFakeServer`. */
export interface FakeServerOptions {
  /** Port to listen on (default 0: a free port, which `url` then names). */
  port?: number;
  /** Address to listen on (default `127.0.0.1`: loopback only). */
  host?: string;
}

/** A running fake server. */
export interface FakeServer {
  /** The base URL of the API, such as `http://127.0.0.1:43121`: the client's `baseUrl`, the CLI's `--base-url`. */
  readonly url: string;
  /** The fake it serves: the one passed in, or the one it made. */
  readonly fake: FakeVoices;
  /** Stops listening, ends open connections (hanging requests included) and resolves once closed. */
  close(): Promise<void>;
}

const CORS_METHODS = "GET, POST, DELETE, OPTIONS";

/** Headers on every answer, so a page on another loopback origin can call the fake (and read Retry-After). */
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "retry-after, content-length, allow",
};

function requestFrom(incoming: IncomingMessage, url: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) {
    const name = incoming.rawHeaders[i] as string;
    if (!name.startsWith(":")) headers.append(name, incoming.rawHeaders[i + 1] as string);
  }
  const method = incoming.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, {
    method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

async function write(outgoing: ServerResponse, response: Response, head: boolean): Promise<void> {
  const headers: Record<string, string> = { ...CORS_HEADERS };
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  outgoing.writeHead(response.status, headers);
  if (!response.body || head) {
    outgoing.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (!outgoing.write(chunk)) await new Promise((resolve) => outgoing.once("drain", resolve));
  }
  outgoing.end();
}

function urlOf(address: AddressInfo): string {
  const host =
    address.address === "0.0.0.0"
      ? "127.0.0.1"
      : address.address === "::"
        ? "[::1]"
        : address.family === "IPv6"
          ? `[${address.address}]`
          : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Serves `fake` (a new one by default) over HTTP on `host` (default `127.0.0.1`) and `port`
 * (default: a free one). The API is at `url`, samples included, and it answers CORS preflights.
 */
export async function startFakeServer(
  fake: FakeVoices = createFakeVoices(),
  options: FakeServerOptions = {},
): Promise<FakeServer> {
  const core = coreOf(fake);
  const { port = 0, host = "127.0.0.1" } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError(`startFakeServer: port must be an integer from 0 to 65535; got ${String(port)}.`);
  }
  const pending = new Set<AbortController>();
  const sockets = new Set<Socket>();
  let base = "";

  const server = createServer((incoming, outgoing) => {
    const controller = new AbortController();
    pending.add(controller);
    outgoing.on("close", () => {
      pending.delete(controller);
      if (!outgoing.writableFinished) controller.abort(new Error("The client closed the connection."));
    });
    if (incoming.method === "OPTIONS" && incoming.headers["access-control-request-method"]) {
      // A CORS preflight: allow what the page asks for (Authorization included, as the API needs it).
      outgoing.writeHead(204, {
        ...CORS_HEADERS,
        "access-control-allow-methods": CORS_METHODS,
        "access-control-allow-headers": incoming.headers["access-control-request-headers"] ?? "authorization",
        "access-control-max-age": "600",
      });
      outgoing.end();
      return;
    }
    const request = requestFrom(incoming, `${base}${incoming.url ?? "/"}`, controller.signal);
    core
      .handle(request, base)
      .then((response) => write(outgoing, response, incoming.method === "HEAD"))
      .catch((error: unknown) => {
        if (isConnectionReset(error)) {
          incoming.socket.resetAndDestroy?.() ?? incoming.socket.destroy();
        } else if (controller.signal.aborted) {
          outgoing.destroy();
        } else if (!outgoing.headersSent) {
          const message = `The fake failed: ${error instanceof Error ? error.message : String(error)}`;
          outgoing.writeHead(500, { ...CORS_HEADERS, "content-type": "application/json; charset=utf-8" });
          outgoing.end(JSON.stringify({ code: 50000, message, data: null }));
        } else {
          outgoing.destroy();
        }
      });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`startFakeServer: port ${port} on ${host} is in use; pass another port, or 0 for a free one.`, {
              cause: error,
            })
          : error,
      );
    });
    server.listen(port, host, () => resolve());
  });
  base = urlOf(server.address() as AddressInfo);

  let closing: Promise<void> | undefined;
  return {
    url: base,
    fake,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const controller of pending) controller.abort(new Error("The fake server is closing."));
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
