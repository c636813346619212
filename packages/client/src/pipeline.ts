/**
 * The one path every request takes, above the adapter. Each attempt gets its own deadline (the body
 * is read inside the attempt, so a cut or stalled body meets the same timeout and retry) and ends as
 * data or as a `VoicesError`: a network failure, a redirect the rules refuse, or an answer the
 * decoder rejects, built from the error table. The retry policy, the redirect rules and the log then
 * read that outcome; none of them throws, and only this loop does. Nothing here is loaded later: the
 * code that handles a network failure is already in memory when the network fails.
 */
import type { Adapter, AdapterRequest, AdapterResponse, UploadProgress } from "./adapter.js";
import { errorFromResponse, OUTCOME_UNKNOWN, triedTimes } from "./error-table.js";
import {
  AbortError,
  ConnectionError,
  isEnvelope,
  type Setting,
  TimeoutError,
  VoicesError,
  withOperation,
} from "./errors.js";
import { createFetchAdapter, type FetchLike } from "./fetch-adapter.js";
import type { AttemptLog } from "./log.js";
import { type Middleware, withMiddleware } from "./middleware.js";
import type { Redactor } from "./redact.js";
import { redirectTarget } from "./redirect.js";
import { neverReachedServer, retryDelay } from "./retry.js";
import { createDeadline, sleep, TIMED_OUT } from "./signals.js";
import type { Envelope } from "./types.js";

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
export interface PipelineConfig {
  /** Cuts the API key out of everything an error or a log line carries. */
  redact: Redactor;
  adapter: Adapter;
  timeoutMs: number;
  maxRetries: number;
  maxResponseBytes: number;
  /** Middleware registered with `client.use` (a live list), run on every attempt of every call. */
  middleware: readonly Middleware[];
  /** The attempt log, when logging is on. */
  log?: AttemptLog | undefined;
  /** Traces of calls and attempts (`tracing: otel()`), when tracing is on. */
  tracing?: Tracing | undefined;
  /**
   * The setting that holds the address requests go to, for the errors of an unreachable or
   * refused address: the client's `baseUrl`; none for a sample download, whose URL is the voice's.
   */
  addressSetting?: Setting | undefined;
}

/**
 * What traces calls: `otel()` of `@noiz-voices/client/otel` returns one. The pipeline starts a call's
 * trace when the call starts (in the caller's context) and each attempt's trace as it is sent; the
 * attempt gets to add headers (`traceparent`), and learns how it ended from the attempt's record.
 */
export interface Tracing {
  /**
   * A call of `operation` starts; what it returns sees the call's attempts and its end. `redact` cuts
   * the API key out of text from a server (a request id, a header) before a trace keeps it.
   */
  startCall(operation: string, redact: (text: string) => string): CallTrace;
}

/** The trace of one call, from `Tracing.startCall`. */
export interface CallTrace {
  /**
   * An attempt is about to be sent: returns headers to add to it (trace context; the pipeline adds
   * them only on the call's own origin, never on a redirect to another) and the attempt's end.
   */
  attempt(request: AdapterRequest, retries: number): AttemptTrace;
  /** The call ended: with its error, or without one on success. */
  end(error?: VoicesError): void;
}

/** The trace of one attempt, from `CallTrace.attempt`. */
export interface AttemptTrace {
  /** Headers to send with the attempt, such as `traceparent`. */
  headers?: Record<string, string> | undefined;
  /** The attempt ended, as its record says. */
  end(attempt: Attempt): void;
}

/** One attempt, as the log (and anything else that watches calls) sees it. */
export interface Attempt {
  /** The spec's operationId (`getVoice`), or `downloadVoiceSample`. */
  operation: string;
  /** What was sent. */
  request: AdapterRequest;
  /** Retries spent before this attempt: 0 for the first. */
  retries: number;
  /** `Date.now()` when the attempt began. */
  started: number;
  /** The answer, when one arrived. */
  response?: AdapterResponse | undefined;
  /** The error the attempt ended with, if it failed. */
  error?: VoicesError | undefined;
  /** When the call goes on with a retry: the wait before it, in milliseconds. */
  retryIn?: number | undefined;
  /** When the answer was a redirect the rules follow: the next request. */
  redirect?: AdapterRequest | undefined;
}

/** What a decoder knows of the attempt whose answer it reads. */
export interface DecodeContext {
  operation: string;
  /** The request that was answered. */
  request: AdapterRequest;
  /** Retries spent before this attempt. */
  retries: number;
  redact: Redactor;
}

/** Reads a non-redirect answer: the call's result, or the error the attempt ends with. Never throws. */
export type Decode<T> = (response: AdapterResponse, context: DecodeContext) => T | VoicesError;

/** One logical request: which operation, what to send, and how to read the answer (default: the API's envelope). */
export interface Call<T> {
  operation: string;
  request: Pick<AdapterRequest, "method" | "url" | "headers" | "body" | "onDownloadProgress">;
  decode?: Decode<T>;
}

/** A successful exchange: the decoded value and the answer it came in. */
export interface Exchange<T = Envelope & { data: unknown }> {
  value: T;
  status: number;
  headers: Headers;
  body: Uint8Array;
  /** The URL that answered (after any redirect). */
  url: string;
}

/** Sends one logical request; resolves with the decoded success or throws a `VoicesError`. */
export type Pipeline = <T = Envelope & { data: unknown }>(
  call: Call<T>,
  options?: RequestOptions,
) => Promise<Exchange<T>>;

const utf8 = new TextDecoder();

/** A call without options: one object for all of them. */
const NO_OPTIONS: RequestOptions = Object.freeze({});

/** How messages name a request, "GET /voices/abc": only failures parse the URL. */
const whatOf = ({ method, url }: Pick<AdapterRequest, "method" | "url">) => `${method} ${new URL(url).pathname}`;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The API's decoder: a success is HTTP 2xx with the envelope, `code` 0 and an object as `data`
 * (every operation's data is one); anything else is the table's error, redacted. Text is redacted
 * whole, then cut (a cut could leave part of the key); parsed JSON after parsing (a JSON escape
 * such as `\u002d` hides the key from a search of the text).
 */
export const decodeEnvelope: Decode<Envelope & { data: unknown }> = ({ status, headers, body }, context) => {
  const text = utf8.decode(body);
  const parsed = parseJson(text);
  if (status < 300 && isEnvelope(parsed) && parsed.code === 0 && typeof parsed.data === "object" && parsed.data) {
    return parsed as Envelope & { data: unknown };
  }
  const { redact, request } = context;
  const shown = redact(text);
  return errorFromResponse({
    operation: context.operation,
    what: whatOf(request),
    status,
    headers: redact(headers),
    body: parsed === undefined ? (shown.length > 200 ? `${shown.slice(0, 200)}…` : shown) : redact(parsed),
    retries: context.retries,
    sentOnce: request.method === "POST" || request.method === "PATCH",
  });
};

/** The error of an attempt that got no answer: the SDK's own error as it is (redacted), or a connection failure. */
function failureOf(
  cause: unknown,
  { operation, request, retries, redact }: DecodeContext,
  timedOut: boolean,
  timeoutMs: number,
  addressSetting: Setting | undefined,
): VoicesError {
  // The SDK's own errors (a body over the cap, a file that changed while it was read, a middleware's)
  // keep their class; what came from a server in them is redacted like everything else.
  if (cause instanceof VoicesError && !timedOut) {
    for (const field of ["message", "stack", "headers", "body", "requestId"] as const) {
      Object.assign(cause, { [field]: redact(cause[field]) });
    }
    return withOperation(cause, operation);
  }
  const { method } = request;
  const what = whatOf(request);
  const safe = (method !== "POST" && method !== "PATCH") || (!timedOut && neverReachedServer(cause));
  const hint = timedOut
    ? "Raise timeoutMs."
    : addressSetting
      ? `Check ${addressSetting} and the network.`
      : "Check the network.";
  const ErrorClass = timedOut ? TimeoutError : ConnectionError;
  return new ErrorClass(
    timedOut
      ? `${what} timed out after ${timeoutMs} ms${triedTimes(retries)}.`
      : `${what} got no response${triedTimes(retries)}: ${redact(reasonOf(cause))}.`,
    {
      cause: timedOut ? undefined : redact(cause),
      operation,
      setting: timedOut ? "timeoutMs" : addressSetting,
      hint: safe ? hint : `${hint} ${OUTCOME_UNKNOWN}`,
      retryable: true,
      outcomeUnknown: !safe,
    },
  );
}

/** "fetch failed: connect ECONNREFUSED 127.0.0.1:1": the messages down the cause chain. */
function reasonOf(cause: unknown): string {
  const parts: string[] = [];
  for (let current = cause, depth = 0; current && depth < 3; depth++) {
    const { message } = current as { message?: unknown };
    if (typeof message === "string" && message) parts.push(message);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(": ") || "the connection failed";
}

/** The error of a call its caller aborted: `what` is "GET /voices/abc". */
export const abortedError = (what: string, operation: string, signal: AbortSignal | undefined) =>
  new AbortError(`${what} was aborted by its AbortSignal.`, { cause: signal?.reason, operation });

/** Builds the pipeline for one client (or one sample download). */
export function createPipeline(config: PipelineConfig): Pipeline {
  const { redact, middleware, log, tracing } = config;
  // Nothing is allocated per call beyond the attempt itself: the error helpers above run only on failure.
  const run = async <T>(call: Call<T>, callOptions: RequestOptions | undefined, trace: CallTrace | undefined) => {
    const options = callOptions ?? NO_OPTIONS;
    const { signal } = options;
    const { operation } = call;
    const decode = (call.decode ?? decodeEnvelope) as Decode<T>;
    const timeoutMs = options.timeoutMs ?? config.timeoutMs;
    const maxRetries = options.maxRetries ?? config.maxRetries;
    const adapter = options.fetch ? createFetchAdapter(options.fetch) : config.adapter;
    const first = call.request;
    // Literals of one shape, not spreads: this runs for every call.
    let request: AdapterRequest = {
      method: first.method,
      url: first.url,
      headers: first.headers,
      body: first.body,
      signal: signal as AbortSignal,
      maxResponseBytes: options.maxResponseBytes ?? config.maxResponseBytes,
      onUploadProgress: options.onUploadProgress,
      onDownloadProgress: first.onDownloadProgress,
    };
    const origin = trace && new URL(request.url).origin;

    for (let retries = 0, hops = 0; ; ) {
      if (signal?.aborted) throw abortedError(whatOf(request), operation, signal);
      const send = middleware.length ? withMiddleware(adapter, middleware, redact) : adapter;
      const attemptTrace = trace?.attempt(request, retries);
      // Trace context goes to the call's own origin only: a redirect elsewhere drops it with every other header.
      const sent =
        attemptTrace?.headers && new URL(request.url).origin === origin
          ? withHeaders(request, attemptTrace.headers)
          : request;
      const started = Date.now();
      const deadline = createDeadline(timeoutMs, signal);
      let response: AdapterResponse | undefined;
      let error: VoicesError | undefined;
      try {
        response = await deadline.run(
          send({
            method: sent.method,
            url: sent.url,
            headers: sent.headers,
            body: sent.body,
            signal: deadline.signal,
            maxResponseBytes: sent.maxResponseBytes,
            onUploadProgress: sent.onUploadProgress,
            onDownloadProgress: sent.onDownloadProgress,
          }),
        );
      } catch (cause) {
        if (signal?.aborted) {
          const aborted = abortedError(whatOf(request), operation, signal);
          attemptTrace?.end({ operation, request: sent, retries, started, error: aborted });
          throw aborted;
        }
        error = failureOf(
          cause,
          { operation, request, retries, redact },
          deadline.signal.reason === TIMED_OUT,
          timeoutMs,
          config.addressSetting,
        );
      } finally {
        deadline.clear();
      }
      const context: DecodeContext = { operation, request, retries, redact };
      if (response && response.status > 299 && response.status < 400) {
        const next = redirectTarget(request, response, hops, context, config.addressSetting);
        if (next instanceof VoicesError) error = next;
        else {
          observe(log, attemptTrace, { operation, request: sent, retries, started, response, redirect: next });
          request = next;
          hops++;
          continue;
        }
      } else if (response) {
        const value = decode(response, context);
        if (!(value instanceof VoicesError)) {
          if (log || attemptTrace) observe(log, attemptTrace, { operation, request: sent, retries, started, response });
          return { value, status: response.status, headers: response.headers, body: response.body, url: request.url };
        }
        error = value;
      }
      const failed = error as VoicesError;
      const retryIn = retryDelay(failed, { method: request.method, retries, maxRetries });
      observe(log, attemptTrace, { operation, request: sent, retries, started, response, error: failed, retryIn });
      if (retryIn === undefined) throw failed;
      retries++;
      await sleep(retryIn, signal).catch(() => Promise.reject(abortedError(whatOf(request), operation, signal)));
    }
  };

  if (!tracing) return (call, options) => run(call, options, undefined);
  return async (call, options) => {
    const trace = tracing.startCall(call.operation, redact);
    try {
      const exchange = await run(call, options, trace);
      trace.end();
      return exchange;
    } catch (error) {
      trace.end(error as VoicesError);
      throw error;
    }
  };
}

/** Tells the log and the attempt's trace how an attempt ended. */
function observe(log: AttemptLog | undefined, trace: AttemptTrace | undefined, attempt: Attempt): void {
  log?.(attempt);
  trace?.end(attempt);
}

/** The request with `extra` headers set on a copy of its own (which calls share, so it is never changed). */
function withHeaders(request: AdapterRequest, extra: Record<string, string>): AdapterRequest {
  const headers = new Headers(request.headers);
  for (const name in extra) headers.set(name, extra[name]!);
  return { ...request, headers };
}
