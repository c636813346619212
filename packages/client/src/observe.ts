/**
 * Observability, in its own chunk: the attempt log (`logger`, `logLevel`, `NOIZ_LOG`) and the
 * middleware of `client.use`. It loads only when logging is on or a middleware is registered, so a
 * browser program that uses neither never downloads it. Both sit in the transport, above the seam:
 * every attempt of `voices.*` and `client.raw` alike goes through them.
 */
import type { Adapter, AdapterRequest, AdapterResponse, MultipartBody } from "./adapter.js";
import { readBody } from "./body.js";
import { requestIdOf, VoicesError } from "./errors.js";
import type { NextStep } from "./failure.js";
import { toFormData } from "./fetch-adapter.js";
import type { Redactor } from "./redact.js";
import type { Exchange, OutgoingRequest } from "./transport.js";

/** How much the client logs: `"off"` (the default), or the least severe level to print. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

/** A console-shaped logger: `console` itself, or pino, winston and the like. */
export interface Logger {
  /** Each attempt's URL, headers and bodies (redacted), at `logLevel: "debug"`. */
  debug(message: string, ...details: unknown[]): void;
  /** One line per successful attempt or redirect. */
  info(message: string, ...details: unknown[]): void;
  /** One line per attempt that is retried, with the delay. */
  warn(message: string, ...details: unknown[]): void;
  /** One line per call that fails, with its error. */
  error(message: string, ...details: unknown[]): void;
}

/**
 * A middleware of `client.use`, shaped like openapi-fetch's: each hook may return nothing, or a
 * replacement. It runs on every attempt (a retry or a redirect hop is an attempt) of every call.
 */
export interface Middleware {
  /**
   * Before an attempt is sent. Return a `Request` to change its method, URL or headers (the body
   * stays the SDK's), or a `Response` to answer it without sending anything.
   */
  onRequest?(options: { request: Request; id: string }): MiddlewareResult<Request | Response>;
  /** Once an answer arrived, in reverse order. Return a `Response` to replace it. */
  onResponse?(options: { request: Request; response: Response; id: string }): MiddlewareResult<Response>;
  /** When no answer arrived (a network error), in reverse order. Return a `Response` to recover, or an `Error` to replace it. */
  onError?(options: { request: Request; error: unknown; id: string }): MiddlewareResult<Response | Error>;
}

// `void` too: a hook written as `() => {}` returns nothing.
// biome-ignore lint/suspicious/noConfusingVoidType: a hook that returns nothing is typed `void`.
type MiddlewareResult<T> = T | undefined | void | Promise<T | undefined | void>;

/** A `Response` of an answer, for `.withResponse()` and middleware: the same status, headers and bytes. */
function toResponse({ status, headers, body }: Omit<AdapterResponse, "url">, url: string): Response {
  const response = new Response(
    status === 204 || status === 205 || status === 304 ? null : (body as Uint8Array<ArrayBuffer>),
    {
      status,
      headers,
    },
  );
  // A constructed Response has no URL; the answer's is worth keeping.
  Object.defineProperty(response, "url", { value: url });
  return response;
}

/** `response` and `requestId` of a successful exchange, for `.withResponse()`. */
export const responseOf = (exchange: Exchange) => ({
  response: toResponse(exchange, exchange.url),
  requestId: requestIdOf(exchange.headers),
});

/** What the transport tells the log about one attempt. */
export interface AttemptEntry {
  request: OutgoingRequest;
  /** `Date.now()` when the attempt began. */
  started: number;
  /** Retries spent before this attempt. */
  retries: number;
  response?: AdapterResponse | undefined;
  /** The answer's body as text. */
  text?: string | undefined;
  /** What the adapter threw, when no answer arrived. */
  cause?: unknown;
  /** True when the attempt ran out of time. */
  timedOut?: boolean | undefined;
  /** What follows: a retry after a delay, or a redirect hop. */
  step?: NextStep | undefined;
  /** The error the call ends with. */
  error?: unknown;
}

/** Writes one attempt to the log. */
export type AttemptLog = (entry: AttemptEntry) => void;

const RANK = { error: 0, warn: 1, info: 2, debug: 3 } as const;
/** Bodies are logged up to this many characters. */
const BODY_CHARS = 2000;
const cut = (text: string) => (text.length > BODY_CHARS ? `${text.slice(0, BODY_CHARS)}…` : text);

/** The shape of a multipart body, for a debug line: fields with their values, files by name and size. */
const describe = (body: OutgoingRequest["body"]) =>
  body && "parts" in body
    ? body.parts.map((part) =>
        "data" in part
          ? { name: part.name, filename: part.filename, type: part.type, size: part.data.size }
          : { name: part.name, value: cut(part.value) },
      )
    : body && cut(new TextDecoder().decode(body));

/**
 * The attempt log: one line per attempt (method, path, status or network failure, milliseconds,
 * request id, then the retry with its delay, the redirect, or the error the call ends with).
 * Successes log at `info`, retries at `warn`, the final error at `error`; `debug` adds each
 * attempt's URL, headers and bodies. Everything goes through the redactor: the key never appears.
 */
export function createLog(logger: Logger, level: Exclude<LogLevel, "off">, redact: Redactor): AttemptLog {
  const write = ({ request, started, retries, response, text, cause, timedOut, step, error }: AttemptEntry) => {
    const url = new URL(request.url);
    const what = `[noiz-voices] ${request.method} ${url.pathname}`;
    const id = requestIdOf(response?.headers);
    const failure = timedOut ? "timed out" : String((cause as Error)?.message ?? cause);
    let line = `${what} → ${response ? `HTTP ${response.status}` : `no response (${failure})`} in ${Date.now() - started} ms${id ? ` (request id ${id})` : ""}`;
    let severity: Exclude<LogLevel, "off"> = "info";
    if (step?.request) line += `; redirected to ${new URL(step.request.url).origin}`;
    else if (step) {
      severity = "warn";
      line += `; retry ${retries + 1} in ${step.delay} ms`;
    } else if (error) {
      severity = "error";
      line += `; failed: ${(error as Error).name}: ${(error as Error).message}`;
    }
    if (RANK[severity] <= RANK[level]) logger[severity](redact(line));
    if (level === "debug") {
      logger.debug(
        redact(`${what} details`),
        redact({
          url: request.url,
          requestHeaders: Object.fromEntries(request.headers),
          requestBody: describe(request.body),
          responseHeaders: response && Object.fromEntries(response.headers),
          responseBody: text === undefined ? undefined : cut(text),
        }),
      );
    }
  };
  // A logger that throws must not break the call it reports on.
  return (entry) => {
    try {
      write(entry);
    } catch {}
  };
}

/** A middleware's own error, as the call's: a `VoicesError` passes, anything else is wrapped in one. */
const failed = (hook: string, error: unknown, redact: Redactor) =>
  error instanceof VoicesError
    ? error
    : new VoicesError(
        `A middleware's ${hook} threw: ${redact(String((error as Error)?.message ?? error))}. Fix the middleware passed to client.use().`,
        { cause: redact(error) },
      );

/** An answer from a middleware's `Response`, read through the same cap as any other. */
const answerOf = async (response: Response, maxBytes: number): Promise<AdapterResponse> => ({
  status: response.status,
  headers: response.headers,
  body: await readBody(response.body, maxBytes, response.status, undefined, response.headers),
});

/**
 * The adapter behind the registered middleware: `onRequest` in order, then the adapter (unless a
 * middleware answered), then `onError` or `onResponse` in reverse order, as openapi-fetch runs them.
 * A middleware that throws ends the call with a `VoicesError` (not retried, never unhandled).
 */
export function withMiddleware(adapter: Adapter, middleware: readonly Middleware[], redact: Redactor): Adapter {
  return async (attempt: AdapterRequest) => {
    const list = [...middleware];
    const reversed = [...list].reverse();
    const id = Math.random().toString(36).slice(2, 11);
    const hook = async <T>(name: keyof Middleware, run: () => MiddlewareResult<T>): Promise<T | undefined> => {
      try {
        return (await run()) ?? undefined;
      } catch (error) {
        throw failed(name, error, redact);
      }
    };
    const multipart = attempt.body && "parts" in attempt.body ? (attempt.body as MultipartBody) : undefined;
    const original = new Request(attempt.url, {
      method: attempt.method,
      headers: attempt.headers,
      body: multipart ? toFormData(multipart) : (attempt.body as Uint8Array<ArrayBuffer> | null),
      signal: attempt.signal,
    });
    let request = original;
    let response: Response | undefined;
    for (const m of list) {
      const result = await hook("onRequest", () => m.onRequest?.({ request, id }));
      if (result instanceof Response) {
        response = result;
        break;
      }
      if (result instanceof Request) request = result;
      else if (result !== undefined)
        throw failed("onRequest", new TypeError("it returned neither a Request nor a Response"), redact);
    }
    let answer: AdapterResponse | undefined;
    if (!response) {
      const headers = new Headers(request.headers);
      // The adapter encodes the multipart body itself, with a boundary of its own.
      if (multipart) headers.delete("content-type");
      try {
        answer = await adapter(
          request === original ? attempt : { ...attempt, method: request.method, url: request.url, headers },
        );
      } catch (error) {
        if (error instanceof VoicesError) throw error;
        let outcome: unknown = error;
        for (const m of reversed) {
          const result = await hook("onError", () => m.onError?.({ request, error: outcome, id }));
          if (result instanceof Response) {
            response = result;
            break;
          }
          if (result instanceof Error) outcome = result;
        }
        if (!response) throw outcome;
      }
    }
    // A Response a middleware gave is read through the cap; the adapter's own answer is kept as it is.
    let replaced = !!response;
    let current = response ?? toResponse(answer!, request.url);
    for (const m of reversed) {
      const result = await hook("onResponse", () => m.onResponse?.({ request, response: current, id }));
      if (result instanceof Response) {
        current = result;
        replaced = true;
      }
    }
    return replaced ? answerOf(current, attempt.maxResponseBytes) : answer!;
  };
}
