/**
 * The one path every request takes, above the adapter: each attempt gets its own deadline (the body
 * is read inside the attempt, so a cut or stalled body meets the same timeout and retry) and its
 * answer is decoded into the envelope. Whatever fails goes to failure.ts (a lazy chunk), which
 * decides between a retry (the policy in retry.ts), a redirect hop and the typed error, key redacted.
 */
import type { Adapter, AdapterResponse, MultipartBody, UploadProgress } from "./adapter.js";
import { AbortError, ConnectionError, isEnvelope } from "./errors.js";
import { createFetchAdapter, type FetchLike } from "./fetch-adapter.js";
import type { AttemptLog, Middleware } from "./observe.js";
import type { Redactor } from "./redact.js";
import { createDeadline, sleep, TIMED_OUT } from "./signals.js";

/** Options for a single call. */
export interface RequestOptions {
  /** Aborts the call, including any wait between retries. */
  signal?: AbortSignal | undefined;
  /** Time limit for each attempt, in milliseconds (default: the client's `timeoutMs`). */
  timeoutMs?: number | undefined;
  /** Retries for this call (default: the client's `maxRetries`). */
  maxRetries?: number | undefined;
  /** Extra headers for this call (never on a redirect to another origin, like the key). */
  headers?: Record<string, string> | undefined;
  /** A fetch implementation for this call only (default: the client's adapter). */
  fetch?: FetchLike | undefined;
  /** The most response bytes to read for this call (default: the client's `maxResponseBytes`). */
  maxResponseBytes?: number | undefined;
  /** Upload progress of a clone: bytes sent so far and the total (the fetch adapter reports only start and end). */
  onUploadProgress?: UploadProgress | undefined;
}

/** Settings shared by every request of a client. */
export interface TransportConfig {
  /** Cuts the API key out of everything an error carries. */
  redact: Redactor;
  adapter: Adapter;
  timeoutMs: number;
  maxRetries: number;
  maxResponseBytes: number;
  /** Middleware registered with `client.use` (a live list), run on every attempt of every call. */
  middleware: Middleware[];
  /** The attempt log when logging is on: it resolves once its chunk has loaded. */
  log?: Promise<AttemptLog | undefined> | undefined;
}

/** One logical request, as the client (or `client.raw`) describes it. */
export interface OutgoingRequest {
  method: string;
  /** The absolute URL, query included. */
  url: string;
  headers: Headers;
  body: Uint8Array | MultipartBody | null;
}

/** A successful exchange: the parsed `{ code: 0, message, data }` envelope and what it came in. */
export interface Exchange {
  envelope: { code: number; message: string; data: unknown };
  status: number;
  headers: Headers;
  body: Uint8Array;
  /** The URL that answered (after any redirect). */
  url: string;
}

/** Sends one logical request; resolves with the decoded success or throws a `VoicesError`. */
export type Transport = (request: OutgoingRequest, options?: RequestOptions) => Promise<Exchange>;

const utf8 = new TextDecoder();

/** A call without options: one object for all of them. */
const NO_OPTIONS: RequestOptions = Object.freeze({});

/** How errors name a request, "GET /voices/abc": only errors parse the URL. */
const operationOf = (request: OutgoingRequest) => `${request.method} ${new URL(request.url).pathname}`;

const abortedError = (request: OutgoingRequest, signal: AbortSignal | undefined) =>
  new AbortError(`${operationOf(request)} was aborted by its AbortSignal.`, { cause: signal?.reason });

/**
 * Loads a lazy chunk. Should it fail to load (a browser gone offline before anything failed), the
 * call still ends with a ConnectionError that keeps the original failure as its cause.
 */
const load = <T>(chunk: Promise<T>, request: OutgoingRequest, redact: Redactor, cause?: unknown) =>
  chunk.catch((loadError: unknown) => {
    throw new ConnectionError(`${operationOf(request)} failed, and part of the SDK did not load. Check the network.`, {
      cause: redact(cause ?? loadError),
      outcomeUnknown: request.method === "POST",
    });
  });

/** Builds the transport for one client. */
export function createTransport(config: TransportConfig): Transport {
  const { redact, middleware } = config;

  // Nothing is allocated per call beyond the attempt itself: the error helpers above run only on failure.
  return async (first, callOptions) => {
    const options = callOptions ?? NO_OPTIONS;
    const { signal, onUploadProgress } = options;
    const timeoutMs = options.timeoutMs ?? config.timeoutMs;
    const maxRetries = options.maxRetries ?? config.maxRetries;
    const maxResponseBytes = options.maxResponseBytes ?? config.maxResponseBytes;
    const adapter = options.fetch ? createFetchAdapter(options.fetch) : config.adapter;
    const log = config.log && (await config.log);
    let request = first;

    for (let retries = 0, hops = 0; ; ) {
      if (signal?.aborted) throw abortedError(request, signal);
      const send = middleware.length
        ? (await load(import("./observe.js"), request, redact)).withMiddleware(adapter, middleware, redact)
        : adapter;
      const started = Date.now();
      const deadline = createDeadline(timeoutMs, signal);
      let response: AdapterResponse | undefined;
      let cause: unknown;
      try {
        response = await deadline.run(
          send({
            method: request.method,
            url: request.url,
            headers: request.headers,
            body: request.body,
            signal: deadline.signal,
            maxResponseBytes,
            onUploadProgress,
          }),
        );
      } catch (error) {
        cause = error;
      } finally {
        deadline.clear();
      }
      let text: string | undefined;
      let parsed: unknown;
      if (response) {
        const { status, headers, body } = response;
        text = utf8.decode(body);
        parsed = parseJson(text);
        // Every operation's data is an object; `null` or a missing one breaks the contract.
        if (status < 300 && isEnvelope(parsed) && parsed.code === 0 && typeof parsed.data === "object" && parsed.data) {
          log?.({ request, started, retries, response, text });
          return { envelope: parsed as Exchange["envelope"], status, headers, body, url: request.url };
        }
      } else if (signal?.aborted) throw abortedError(request, signal);
      // Decides (and logs) a retry, a redirect hop or the final error, which it throws.
      const step = (await load(import("./failure.js"), request, redact, cause)).nextStep({
        request,
        started,
        retries,
        response,
        text,
        cause,
        log,
        operation: operationOf(request),
        redact,
        maxRetries,
        timeoutMs,
        hops,
        parsed,
        timedOut: deadline.signal.reason === TIMED_OUT,
      });
      if (step.request) {
        request = step.request;
        hops++;
        continue;
      }
      retries++;
      await sleep(step.delay, signal).catch(() => Promise.reject(abortedError(request, signal)));
    }
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
