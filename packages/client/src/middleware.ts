/**
 * The middleware of `client.use`, shaped like openapi-fetch's. It wraps the adapter inside the
 * pipeline, above the seam: every attempt of `voices.*` and `client.raw` alike goes through it.
 */
import type { Adapter, AdapterRequest, AdapterResponse, MultipartBody } from "./adapter.js";
import { readBody } from "./body.js";
import { VoicesError } from "./errors.js";
import { toFormData } from "./fetch-adapter.js";
import type { Redactor } from "./redact.js";
import { toResponse } from "./response.js";
import { TIMED_OUT } from "./signals.js";

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
  body: await readBody(response.body, { maxBytes, status: response.status, headers: response.headers }),
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
      // Always the final request's method, URL and headers: openapi-fetch's own idiom changes the
      // headers of the Request it was given in place and returns it (or nothing).
      const headers = new Headers(request.headers);
      // The adapter encodes the multipart body itself, with a boundary of its own.
      if (multipart) headers.delete("content-type");
      try {
        answer = await adapter({ ...attempt, method: request.method, url: request.url, headers });
      } catch (error) {
        if (error instanceof VoicesError) throw error;
        // A timed-out attempt rejects with the deadline's private reason: hooks get the web's own
        // timeout error instead (what `AbortSignal.timeout` aborts with).
        let outcome: unknown = error === TIMED_OUT ? new DOMException("timed out", "TimeoutError") : error;
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
