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
 *
 * Safe on a shared machine: it answers only requests whose `Host` is loopback (or the `host` it listens
 * on), so a web page cannot reach it through DNS rebinding, and only pages on loopback origins (or
 * `allowedOrigins`) may call it from a browser. Uploads go to a temporary folder on disk, not memory;
 * the folder is removed on `close()`.
 */
import { createWriteStream, openAsBlob } from "node:fs";
import { mkdtemp, rm, unlink } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo, isIP, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { coreOf, isConnectionReset, type ParsedUpload } from "./core.js";
import { createFakeVoices, type FakeVoices } from "./fake.js";

/** Options of `startFakeServer`. */
export interface FakeServerOptions {
  /** Port to listen on (default 0: a free port, which `url` then names). */
  port?: number;
  /**
   * Address to listen on (default `127.0.0.1`: loopback only). Requests must name a loopback host
   * (`localhost`, `127.0.0.1`, `[::1]`) or this one in their `Host` header; with `0.0.0.0` or `::`, any
   * IP address is accepted too. Any other `Host` (a DNS-rebinding page) gets 403.
   */
  host?: string;
  /**
   * Web origins besides loopback ones (`http://localhost:5173`, `http://127.0.0.1:8080`, ...) whose
   * pages may call the fake (CORS), such as `["https://app.test"]`. A request from any other origin
   * gets 403, preflights included.
   */
  allowedOrigins?: readonly string[];
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

/** Headers for an allowed page's origin, so it can call the fake (and read Retry-After). */
const corsHeaders = (origin: string | undefined): Record<string, string> =>
  origin === undefined
    ? {}
    : {
        "access-control-allow-origin": origin,
        "access-control-expose-headers": "retry-after, content-length, allow",
        vary: "origin",
      };

/** A host name (from a URL, brackets kept for IPv6) that names this machine's loopback interface. */
function isLoopback(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    /^127(\.\d{1,3}){3}$/.test(hostname) ||
    hostname === "[::1]"
  );
}

/** The host name in a `Host` header or an origin, lower-cased (IPv6 in brackets); undefined when it is not one. */
function hostnameOf(authority: string, scheme = "http:"): string | undefined {
  try {
    return new URL(`${scheme}//${authority}`).hostname;
  } catch {
    return undefined;
  }
}

/** Who may talk to the server: which `Host` headers and which page origins. */
function accessPolicy(host: string, allowedOrigins: readonly string[]) {
  const own = hostnameOf(host.includes(":") && !host.startsWith("[") ? `[${host}]` : host);
  const wildcard = host === "0.0.0.0" || host === "::";
  const origins = new Set(allowedOrigins.map((origin) => origin.replace(/\/+$/, "").toLowerCase()));
  return {
    /** True for a request without `Host` (not a browser), or one that names this server. */
    hostAllowed(header: string | undefined): boolean {
      if (header === undefined) return true;
      const name = hostnameOf(header);
      if (name === undefined) return false;
      return isLoopback(name) || name === own || (wildcard && isIP(name.replace(/^\[|\]$/g, "")) !== 0);
    },
    /** True for a request without `Origin` (not from a page), from a loopback page, or from `allowedOrigins`. */
    originAllowed(origin: string | undefined): boolean {
      if (origin === undefined) return true;
      if (origins.has(origin.toLowerCase())) return true;
      const match = /^(https?:)\/\/([^/]+)$/i.exec(origin);
      const name = match && hostnameOf(match[2] as string, (match[1] as string).toLowerCase());
      return Boolean(name && isLoopback(name));
    },
  };
}

/** A JSON error envelope, as the API's own errors look. */
function refuse(outgoing: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  outgoing.writeHead(status, { ...headers, "content-type": "application/json; charset=utf-8" });
  outgoing.end(JSON.stringify({ code: status * 100, message, data: null }));
}

/** Uploads on disk: one temporary folder per server, created on the first upload and removed on close. */
class UploadFolder {
  #dir: Promise<string> | undefined;
  #next = 0;
  #closed = false;

  /** A fresh file path in the folder. */
  async path(): Promise<string> {
    if (this.#closed) throw new Error("The fake server is closed.");
    this.#dir ??= mkdtemp(join(tmpdir(), "noiz-fake-uploads-"));
    return join(await this.#dir, `upload-${++this.#next}`);
  }

  /** Removes the folder and every upload in it. */
  async remove(): Promise<void> {
    this.#closed = true;
    if (this.#dir) await rm(await this.#dir, { recursive: true, force: true });
  }
}

/** The client went away before its upload ended. */
class UploadCut extends Error {}

/**
 * Reads a multipart body as it arrives: fields into memory (capped), file parts straight to files in
 * `folder`. Resolves with the form once the body ended; the files of parts the fake does not `keep`
 * are removed by `discard()`, and every file of a body that did not arrive whole is removed at once.
 */
async function readUpload(
  incoming: IncomingMessage,
  folder: UploadFolder,
): Promise<{ upload: ParsedUpload; discard(): Promise<void> }> {
  const files: { path: string; file?: Blob }[] = [];
  const kept = new Set<Blob>();
  const removeAll = () => Promise.all(files.map(({ path }) => unlink(path).catch(() => {})));
  const form = new FormData();
  const writes: Promise<void>[] = [];
  const streams: Readable[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      // Fields are small (a name, a language); files have no limit: they go to disk.
      const parser = busboy({ headers: incoming.headers, limits: { fieldSize: 1024 * 1024, fields: 100, parts: 200 } });
      const fail = (error: Error) => {
        incoming.unpipe(parser);
        for (const stream of streams) stream.destroy(error);
        reject(error);
      };
      parser.on("field", (name, value) => form.append(name, value));
      parser.on("file", (name, stream, info) => {
        const entry: { path: string; file?: Blob } = { path: "" };
        files.push(entry);
        streams.push(stream);
        const written = (async () => {
          entry.path = await folder.path();
          await pipeline(stream, createWriteStream(entry.path, { flags: "wx" }));
          const blob = await openAsBlob(entry.path, { type: info.mimeType });
          entry.file = new File([blob], info.filename ?? "blob", { type: info.mimeType });
          form.append(name, entry.file);
        })();
        written.catch((error: Error) => fail(error));
        writes.push(written);
      });
      parser.on("error", (error: Error) => {
        fail(error);
        incoming.resume(); // the rest of a malformed body is read and dropped
      });
      parser.on("close", resolve);
      // Cut off before the end of the body: nothing of it stays.
      incoming.on("close", () => {
        if (!incoming.complete) fail(new UploadCut("The client closed the connection during the upload."));
      });
      incoming.pipe(parser);
    });
    await Promise.all(writes);
  } catch (error) {
    await Promise.allSettled(writes);
    await removeAll();
    throw error;
  }
  return {
    upload: { form, keep: (file) => kept.add(file) },
    async discard() {
      // FormData hands out the File it was given, so `keep` names it.
      await Promise.all(
        files.filter(({ file }) => !file || !kept.has(file)).map(({ path }) => unlink(path).catch(() => {})),
      );
    },
  };
}

function requestFrom(incoming: IncomingMessage, url: string, signal: AbortSignal, withBody = true): Request {
  const headers = new Headers();
  for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) {
    const name = incoming.rawHeaders[i] as string;
    if (!name.startsWith(":")) headers.append(name, incoming.rawHeaders[i + 1] as string);
  }
  const method = incoming.method ?? "GET";
  const hasBody = withBody && method !== "GET" && method !== "HEAD";
  return new Request(url, {
    method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

async function write(outgoing: ServerResponse, response: Response, cors: Record<string, string>): Promise<void> {
  const headers: Record<string, string> = { ...cors };
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  outgoing.writeHead(response.status, headers);
  if (!response.body) {
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
  const { port = 0, host = "127.0.0.1", allowedOrigins = [] } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError(`startFakeServer: port must be an integer from 0 to 65535; got ${String(port)}.`);
  }
  if (!Array.isArray(allowedOrigins) || !allowedOrigins.every((origin) => typeof origin === "string")) {
    throw new TypeError('startFakeServer: allowedOrigins must be an array of origins, such as ["https://app.test"].');
  }
  const policy = accessPolicy(host, allowedOrigins);
  const uploads = new UploadFolder();
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
    // DNS rebinding: a page on attacker.example whose name now points at 127.0.0.1 sends its own Host.
    if (!policy.hostAllowed(incoming.headers.host)) {
      incoming.resume();
      refuse(outgoing, 403, "The fake answers only requests to a loopback host name (or the host it listens on).");
      return;
    }
    const origin = incoming.headers.origin;
    if (!policy.originAllowed(origin)) {
      incoming.resume();
      refuse(outgoing, 403, "The fake answers pages on loopback origins only (see the allowedOrigins option).");
      return;
    }
    const cors = corsHeaders(origin);
    if (incoming.method === "OPTIONS" && incoming.headers["access-control-request-method"]) {
      // A CORS preflight of an allowed page: allow what it asks for (Authorization included, as the API needs it).
      outgoing.writeHead(204, {
        ...cors,
        "access-control-allow-methods": CORS_METHODS,
        "access-control-allow-headers": incoming.headers["access-control-request-headers"] ?? "authorization",
        "access-control-max-age": "600",
      });
      outgoing.end();
      return;
    }
    const url = `${base}${incoming.url ?? "/"}`;
    const multipart =
      incoming.method === "POST" &&
      /^multipart\/form-data\b/i.test(incoming.headers["content-type"] ?? "") &&
      !(incoming.url ?? "").includes("/__fake/");
    let discard = async () => {};
    const answered = multipart
      ? readUpload(incoming, uploads).then(
          (read) => {
            discard = read.discard;
            return core.handle(requestFrom(incoming, url, controller.signal, false), base, read.upload);
          },
          (error: unknown) => {
            if (error instanceof UploadCut) throw error;
            // Not a form after all: the fake answers it as the 400 the spec calls for.
            return core.handle(requestFrom(incoming, url, controller.signal, false), base);
          },
        )
      : core.handle(requestFrom(incoming, url, controller.signal), base);
    answered
      .then(async (response) => {
        // What the fake does not keep is gone before the answer goes out, so a client that has its
        // answer finds no file of it left.
        await discard();
        discard = async () => {};
        // A HEAD answer has the headers of its GET and no body.
        await write(outgoing, incoming.method === "HEAD" ? new Response(null, response) : response, cors);
      })
      .finally(() => discard())
      .catch((error: unknown) => {
        if (isConnectionReset(error)) {
          incoming.socket.resetAndDestroy?.() ?? incoming.socket.destroy();
        } else if (controller.signal.aborted) {
          outgoing.destroy();
        } else if (!outgoing.headersSent) {
          const message = `The fake failed: ${error instanceof Error ? error.message : String(error)}`;
          refuse(outgoing, 500, message, cors);
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
      }).then(() => uploads.remove());
      return closing;
    },
  };
}
