/**
 * The Node client's transport: the core's seam (`Adapter`) on undici's dispatcher, with keep-alive
 * sockets. One attempt in; status, headers and the decoded body out, read through the core's capped
 * reader. It never follows a redirect, streams multipart bodies from disk with an exact length,
 * stops at once when the signal aborts, passes the SDK's own errors through and keeps every other
 * failure's `code` and `cause` (so the core can tell "never reached the server").
 */
import type { Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from "node:zlib";
import { InvalidResponseError } from "@noiz-voices/client";
import type { Adapter, AdapterRequest } from "@noiz-voices/client/adapter";
import { type BodySource, readBody } from "@noiz-voices/client/internal";
import type { Dispatcher } from "undici";
import { encodeMultipart } from "./multipart.js";

type ResponseHeaders = Record<string, string | string[] | undefined>;

/** Splits an absolute URL into undici's origin and path, without a URL parse on the hot path. */
function target(url: string): { origin: string; path: string } {
  const slash = url.indexOf("/", url.indexOf("//") + 2);
  const query = url.indexOf("?");
  // The core builds URLs as base + path + query; anything else (no path, credentials) is parsed.
  if (slash > 0 && (query === -1 || query > slash) && !url.slice(0, slash).includes("@")) {
    return { origin: url.slice(0, slash), path: url.slice(slash) };
  }
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

function toHeaders(raw: ResponseHeaders): Headers {
  const headers = new Headers();
  for (const name in raw) {
    const value = raw[name];
    if (typeof value === "string") headers.append(name, value);
    else if (value) for (const item of value) headers.append(name, item);
  }
  return headers;
}

/** The decoder of each `Content-Encoding` this adapter undoes (fetch's set); `deflate` is chosen per first byte. */
const DECODERS: Record<string, ((first: number | undefined) => Transform) | undefined> = {
  gzip: () => createGunzip(),
  "x-gzip": () => createGunzip(),
  br: () => createBrotliDecompress(),
  // zlib-wrapped by the standard, raw from some servers: a zlib header's low nibble is 8 (deflate).
  deflate: (first) => (first === undefined || (first & 0x0f) === 0x08 ? createInflate() : createInflateRaw()),
};

/**
 * The codings of a `Content-Encoding` header, in the order to undo them, or `undefined` when any is
 * unknown: then the body is passed on as it came (what fetch does), and the core will not parse it.
 */
function codingsOf(header: string | string[] | undefined): string[] | undefined {
  if (header === undefined) return [];
  const codings = (Array.isArray(header) ? header.join(",") : header)
    .toLowerCase()
    .split(",")
    .map((coding) => coding.trim())
    .filter((coding) => coding && coding !== "identity");
  return codings.every((coding) => coding in DECODERS) ? codings.reverse() : undefined;
}

const ended: IteratorResult<Uint8Array> = { done: true, value: undefined };
/** Chunks queued before the socket pauses: the capped reader drains faster than that in practice. */
const HIGH_WATER = 16;

/**
 * A response body as the socket delivers it: an async iterable whose `return()` (the capped
 * reader giving up) closes the connection. Chunks are queued while the reader is busy; past a few,
 * the socket pauses.
 */
class BodyQueue implements AsyncIterator<Uint8Array>, AsyncIterable<Uint8Array> {
  readonly #chunks: Uint8Array[] = [];
  #done = false;
  #error: unknown;
  #waiting: { resolve: (result: IteratorResult<Uint8Array>) => void; reject: (error: unknown) => void } | undefined;
  constructor(readonly controller: Dispatcher.DispatchController) {}

  push(chunk: Uint8Array): void {
    if (this.#waiting) {
      const { resolve } = this.#waiting;
      this.#waiting = undefined;
      resolve({ done: false, value: chunk });
      return;
    }
    this.#chunks.push(chunk);
    if (this.#chunks.length >= HIGH_WATER) this.controller.pause();
  }

  end(error?: unknown): void {
    if (this.#done) return;
    this.#done = true;
    this.#error = error;
    // A failure ends reading at once: what was queued is of no use.
    if (error !== undefined) this.#chunks.length = 0;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (waiting && error !== undefined) waiting.reject(error);
    else waiting?.resolve(ended);
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    const chunk = this.#chunks.shift();
    if (chunk) {
      if (this.#chunks.length === 0 && this.controller.paused) this.controller.resume();
      return Promise.resolve({ done: false, value: chunk });
    }
    if (this.#done) return this.#error === undefined ? Promise.resolve(ended) : Promise.reject(this.#error);
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<Uint8Array>> {
    if (!this.#done) this.controller.abort(new Error("the response body was not read to its end"));
    this.end();
    this.#chunks.length = 0;
    return Promise.resolve(ended);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/** Undoes `codings` on `body`, lazily: the first stage is made once the first byte shows which deflate it is. */
async function* decode(body: BodyQueue, codings: string[], request: AdapterRequest): AsyncGenerator<Uint8Array> {
  const first = await body.next();
  if (first.done) return;
  const stages = codings.map((coding, index) => DECODERS[coding]!(index === 0 ? first.value[0] : undefined));
  for (let i = 0; i + 1 < stages.length; i++) stages[i]!.pipe(stages[i + 1]!);
  const head = stages[0]!;
  const last = stages.at(-1)!;
  const undecodable = (cause: unknown) =>
    new InvalidResponseError(
      `${request.method} ${new URL(request.url).pathname}: the response body could not be decoded (${codings.join(", ")}): ${(cause as Error).message}.`,
      { cause },
    );
  // The connection's failure (or the signal's reason) reaches the reader as it is; zlib's get the SDK's class.
  let connectionFailure: unknown;
  for (const stage of stages.slice(0, -1)) stage.on("error", (cause) => last.destroy(undecodable(cause)));
  const feed = async () => {
    for (let chunk: IteratorResult<Uint8Array> = first; !chunk.done; chunk = await body.next()) {
      if (!head.write(chunk.value)) await new Promise((resolve) => head.once("drain", resolve));
      if (last.destroyed) return;
    }
    head.end();
  };
  feed().catch((error: unknown) => {
    connectionFailure = error;
    last.destroy(error as Error);
  });
  try {
    for await (const chunk of last as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    throw error === connectionFailure || error instanceof InvalidResponseError ? error : undecodable(error);
  } finally {
    for (const stage of stages) stage.destroy();
    await body.return();
  }
}

/** Creates the adapter on `dispatcher` (an undici `Agent`, usually; its sockets are kept alive). */
export function createUndiciAdapter(dispatcher: Dispatcher): Adapter {
  return async (request) => {
    const { status, headers, body, declared, codings } = await send(dispatcher, request);
    // An unknown coding passes the bytes through, and Content-Length counts them: as without one.
    const source: BodySource = codings?.length ? decode(body, codings, request) : body;
    return {
      status,
      headers,
      body: await readBody(source, {
        maxBytes: request.maxResponseBytes,
        status,
        length: codings?.length ? undefined : declared,
        headers,
        onProgress: request.onDownloadProgress,
      }),
    };
  };
}

interface Started {
  status: number;
  headers: Headers;
  body: BodyQueue;
  /** Content-Length, when valid. */
  declared: number | undefined;
  codings: string[] | undefined;
}

/** Sends one request; resolves once the answer's head arrived, with its body still coming in. */
function send(dispatcher: Dispatcher, request: AdapterRequest): Promise<Started> {
  return new Promise<Started>((resolve, reject) => {
    const { signal } = request;
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    let controller: Dispatcher.DispatchController | undefined;
    let body: BodyQueue | undefined;
    // The SDK's own errors (a file that changed while read): undici would hand them back only as the
    // socket's error, and its own checks could win the race.
    let failure: unknown;
    let settled = false;
    const onAbort = () => {
      controller?.abort(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
      body?.end(signal.reason);
      if (!settled) reject(signal.reason);
      settled = true;
    };
    signal.addEventListener("abort", onAbort, { once: true });
    const leave = () => signal.removeEventListener("abort", onAbort);

    const headers: string[] = [];
    request.headers.forEach((value, name) => {
      headers.push(name, value);
    });
    let payload: Uint8Array | AsyncIterable<Uint8Array> | null = null;
    if (request.body instanceof Uint8Array) {
      payload = request.body;
    } else if (request.body) {
      const multipart = encodeMultipart(request.body);
      headers.push("content-type", multipart.contentType, "content-length", String(multipart.length));
      payload = (async function* () {
        try {
          yield* multipart.chunks(request.onUploadProgress);
        } catch (error) {
          failure = error;
          throw error;
        }
      })();
    }

    const { origin, path } = target(request.url);
    dispatcher.dispatch(
      // undici takes an async iterable body (documented), though its types leave it out.
      { origin, path, method: request.method as Dispatcher.HttpMethod, headers, body: payload as Uint8Array | null },
      {
        onRequestStart(started) {
          controller = started;
          if (signal.aborted) started.abort(new Error("aborted"));
        },
        onResponseStart(started, status, raw) {
          // 1xx (100 Continue, 103 Early Hints) precede the real answer.
          if (status < 200 || settled) return;
          settled = true;
          let responseHeaders: Headers;
          try {
            responseHeaders = toHeaders(raw as ResponseHeaders);
          } catch (cause) {
            started.abort(cause as Error);
            leave();
            reject(
              new InvalidResponseError(
                `${request.method} ${new URL(request.url).pathname}: the response's headers are malformed.`,
                { cause },
              ),
            );
            return;
          }
          body = new BodyQueue(started);
          const length = raw["content-length"];
          resolve({
            status,
            headers: responseHeaders,
            body,
            declared: typeof length === "string" && /^\d+$/.test(length) ? Number(length) : undefined,
            codings: codingsOf(raw["content-encoding"]),
          });
        },
        onResponseData(_, chunk) {
          body?.push(chunk);
        },
        onResponseEnd() {
          leave();
          body?.end();
        },
        onResponseError(_, error) {
          leave();
          const reason = failure ?? (signal.aborted ? signal.reason : error);
          if (body) body.end(reason);
          else if (!settled) reject(reason);
          settled = true;
        },
      },
    );
  });
}
