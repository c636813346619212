/**
 * The one path every request takes: an attempt with its own timeout, its body read in full
 * inside the attempt (so a cut or stalled body meets the same timeout and retry), retried by
 * the policy in retry.ts, and decoded into the envelope or a typed error.
 */
import {
  AbortError,
  ConnectionError,
  errorFromResponse,
  isEnvelope,
  OUTCOME_UNKNOWN,
  TimeoutError,
  triedTimes,
} from "./errors.js";
import type { Redactor } from "./redact.js";
import {
  backoffDelay,
  isRetryableStatus,
  MAX_RETRY_AFTER_MS,
  neverReachedServer,
  parseRetryAfter,
  sleep,
} from "./retry.js";

/** A fetch implementation: the global one, or one passed in. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Settings shared by every request of a client. */
export interface TransportConfig {
  /** Cuts the API key out of everything an error carries. */
  scrub: Redactor;
  fetch: FetchLike;
  timeoutMs: number;
  maxRetries: number;
}

/** Per-call settings. */
export interface CallOptions {
  /** The caller's signal; without one, the request's own signal (which `client.raw` sets) is used. */
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** A fetch for this call only, instead of the client's. */
  fetch?: FetchLike | undefined;
}

/** A successful exchange: the parsed `{ code: 0, message, data }` envelope and the response it came in. */
export interface Decoded {
  envelope: { code: number; message: string; data: unknown };
  response: Response;
  bytes: ArrayBuffer;
}

/**
 * Sends one logical request; resolves with the decoded success or throws a `VoicesError`. Given a
 * function, it builds each attempt's request with it; a `Request` with a body is never sent twice,
 * since its body can be read only once.
 */
export type Transport = (request: Request | (() => Request), call?: CallOptions) => Promise<Decoded>;

const TIMED_OUT = new Error("timed out");
const utf8 = new TextDecoder();

/** Builds the transport for one client. */
export function createTransport(config: TransportConfig): Transport {
  const { scrub } = config;

  return async (input, call = {}) => {
    const build = typeof input === "function" ? input : () => input;
    const request = build();
    // client.raw passes a Request and no signal: openapi-fetch put the caller's on the request. The
    // client's own requests carry none worth a listener (measured: ~4 µs a call).
    const signal = call.signal ?? (typeof input === "function" ? undefined : request.signal);
    const timeoutMs = call.timeoutMs ?? config.timeoutMs;
    const maxRetries = call.maxRetries ?? config.maxRetries;
    const { method, url } = request;
    // Only errors need it: not parsed on the success path.
    const operation = () => `${method} ${new URL(url).pathname}`;
    const idempotent = method !== "POST" && method !== "PATCH";
    const canResend = typeof input === "function" || !request.body;
    const aborted = () => new AbortError(`${operation()} was aborted by its AbortSignal.`, { cause: signal?.reason });
    const pause = (ms: number) => sleep(ms, signal).catch(() => Promise.reject(aborted()));

    for (let retries = 0; ; retries++) {
      if (signal?.aborted) throw aborted();
      const retryLeft = retries < maxRetries && canResend;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(TIMED_OUT), timeoutMs);
      const onAbort = () => controller.abort(signal?.reason);
      signal?.addEventListener("abort", onAbort);
      // A passed-in fetch may ignore the signal; racing it keeps the timeout and abort honest.
      const abortion = new Promise<never>((_, reject) => {
        controller.signal.addEventListener("abort", () => reject(controller.signal.reason));
      });
      let response: Response;
      let bytes: ArrayBuffer;
      try {
        const attempt = retries ? build() : request;
        response = await Promise.race([(call.fetch ?? config.fetch)(attempt, { signal: controller.signal }), abortion]);
        bytes = await Promise.race([response.arrayBuffer(), abortion]);
      } catch (cause) {
        if (signal?.aborted) throw aborted();
        const timedOut = controller.signal.reason === TIMED_OUT;
        const safe = idempotent || (!timedOut && neverReachedServer(cause));
        if (retryLeft && safe) {
          await pause(backoffDelay(retries));
          continue;
        }
        const ErrorClass = timedOut ? TimeoutError : ConnectionError;
        const what = timedOut
          ? `timed out after ${timeoutMs} ms${triedTimes(retries)}. Raise timeoutMs.`
          : `got no response${triedTimes(retries)}: ${scrub(reasonOf(cause))}. Check baseUrl and the network.`;
        throw new ErrorClass(`${operation()} ${what}${safe ? "" : ` ${OUTCOME_UNKNOWN}`}`, {
          cause: timedOut ? undefined : scrub(cause),
          outcomeUnknown: !safe,
        });
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }

      const { status, headers } = response;
      const text = utf8.decode(bytes);
      const body = parseJson(text);
      // Every operation's data is an object; `null` or a missing one breaks the contract.
      if (status < 300 && isEnvelope(body) && body.code === 0 && typeof body.data === "object" && body.data) {
        return { envelope: body as Decoded["envelope"], response, bytes };
      }
      const retryAfterMs = parseRetryAfter(headers.get("retry-after"));
      const delay = retryAfterMs ?? backoffDelay(retries);
      if (retryLeft && idempotent && isRetryableStatus(status) && delay <= MAX_RETRY_AFTER_MS) {
        await pause(delay);
        continue;
      }
      // Text is redacted whole, then cut (a cut could leave part of the key); parsed JSON after
      // parsing (a JSON escape such as `\u002d` hides the key from a search of the text).
      const safeText = scrub(text);
      throw errorFromResponse({
        operation: operation(),
        status,
        headers: scrub(headers),
        body: body === undefined ? (safeText.length > 200 ? `${safeText.slice(0, 200)}…` : safeText) : scrub(body),
        retries,
        retryAfterMs,
        outcomeUnknown: !idempotent && status > 499,
      });
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
