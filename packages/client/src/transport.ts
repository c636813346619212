/**
 * The one path every request takes: an attempt with its own timeout, its body read in full
 * inside the attempt (so a cut or stalled body meets the same timeout and retry), retried by
 * the policy in retry.ts, and decoded into the envelope or a typed error.
 */
import { AbortError, ConnectionError, errorFromResponse, isEnvelope, TimeoutError } from "./errors.js";
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
  apiKey: string;
  fetch: FetchLike;
  timeoutMs: number;
  maxRetries: number;
}

/** Per-call settings. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** The body to send again on a retry. A request with a body and no `replayBody` is never sent twice. */
  replayBody?: BodyInit | undefined;
  /** A fetch for this call only, instead of the client's. */
  fetch?: FetchLike | undefined;
}

/** A successful exchange: the parsed `{ code: 0, message, data }` envelope and the response it came in. */
export interface Decoded {
  envelope: { code: number; message: string; data: unknown };
  response: Response;
  bytes: ArrayBuffer;
}

/** Sends one logical request; resolves with the decoded success or throws a `VoicesError`. */
export type Transport = (request: Request, call?: CallOptions) => Promise<Decoded>;

const TIMED_OUT = new Error("timed out");
const utf8 = new TextDecoder();

/** Builds the transport for one client. */
export function createTransport(config: TransportConfig): Transport {
  const redact = secretRedactor(config.apiKey);

  return async (request, call = {}) => {
    const signal = call.signal ?? request.signal;
    const timeoutMs = call.timeoutMs ?? config.timeoutMs;
    const maxRetries = call.maxRetries ?? config.maxRetries;
    const { method, url } = request;
    const operation = `${method} ${new URL(url).pathname}`;
    const idempotent = method !== "POST" && method !== "PATCH";
    const canResend = !request.body || call.replayBody !== undefined;
    const aborted = (cause: unknown) => new AbortError(`${operation} was aborted by its AbortSignal.`, { cause });
    const pause = (ms: number) => sleep(ms, signal).catch((reason) => Promise.reject(aborted(reason)));

    for (let retries = 0; ; retries++) {
      if (signal?.aborted) throw aborted(signal.reason);
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
        const attempt = retries && call.replayBody !== undefined ? copyWithBody(request, call.replayBody) : request;
        const fetch = call.fetch ?? config.fetch;
        response = await Promise.race([fetch(attempt, { signal: controller.signal }), abortion]);
        bytes = await Promise.race([response.arrayBuffer(), abortion]);
      } catch (cause) {
        if (signal?.aborted) throw aborted(signal.reason);
        const timedOut = controller.signal.reason === TIMED_OUT;
        const neverReached = !timedOut && neverReachedServer(cause);
        if (retryLeft && (idempotent || neverReached)) {
          await pause(backoffDelay(retries));
          continue;
        }
        const outcomeUnknown = !(idempotent || neverReached);
        const tried = retries ? ` (tried ${retries + 1} times)` : "";
        const unknown = outcomeUnknown
          ? " It may have reached the service: the outcome is unknown, so list your voices before trying again."
          : "";
        if (timedOut) {
          throw new TimeoutError(`${operation} timed out after ${timeoutMs} ms${tried}. Raise timeoutMs.${unknown}`, {
            outcomeUnknown,
          });
        }
        throw new ConnectionError(
          `${operation} got no response${tried}: ${redact(reasonOf(cause))}. Check baseUrl and the network.${unknown}`,
          { cause: redactedCause(cause, redact), outcomeUnknown },
        );
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      }

      const { status, headers } = response;
      const text = utf8.decode(bytes);
      if (status < 300) {
        const envelope = parseJson(text);
        // Every operation's data is an object; `null` or a missing one breaks the contract.
        if (isEnvelope(envelope) && envelope.code === 0 && typeof envelope.data === "object" && envelope.data) {
          return { envelope: envelope as Decoded["envelope"], response, bytes };
        }
      }
      const retryAfterMs = parseRetryAfter(headers.get("retry-after"));
      const delay = retryAfterMs ?? backoffDelay(retries);
      if (retryLeft && idempotent && isRetryableStatus(status) && delay <= MAX_RETRY_AFTER_MS) {
        await pause(delay);
        continue;
      }
      const safeHeaders = new Headers();
      headers.forEach((value, name) => {
        safeHeaders.append(name, redact(value));
      });
      throw errorFromResponse({
        operation,
        status,
        headers: safeHeaders,
        text: redact(text),
        retries,
        retryAfterMs,
        outcomeUnknown: !idempotent && status >= 500,
      });
    }
  };
}

/** Cuts the key out of text; servers and fetch errors may echo it, and it must never reach an error. */
export function secretRedactor(secret: string): (text: string) => string {
  return (text) => text.split(secret).join("[redacted]");
}

/**
 * A copy of a fetch failure with the key cut out: the original may quote the request in its
 * message, stack or nested causes, and `util.inspect` prints them all. The copy keeps what
 * helps debugging: name, message, stack, `code` and nested causes.
 */
function redactedCause(cause: unknown, redact: (text: string) => string, depth = 0): unknown {
  if (typeof cause === "string") return redact(cause);
  if (!cause || typeof cause !== "object" || depth > 3) return typeof cause === "object" ? undefined : cause;
  const { name, message, stack, code, cause: inner, errors } = cause as Record<string, unknown>;
  const copy: Error & { code?: string; errors?: unknown[] } = new Error(redact(String(message ?? "")));
  copy.name = redact(String(name ?? "Error"));
  copy.stack = redact(String(stack ?? `${copy.name}: ${copy.message}`));
  if (typeof code === "string") copy.code = redact(code);
  if (inner !== undefined) copy.cause = redactedCause(inner, redact, depth + 1);
  if (Array.isArray(errors)) copy.errors = errors.map((error) => redactedCause(error, redact, depth + 1));
  return copy;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The request again with a fresh body; a new multipart body brings a new boundary, so the old content-type goes. */
function copyWithBody(request: Request, body: BodyInit): Request {
  const headers = new Headers(request.headers);
  headers.delete("content-type");
  return new Request(request.url, { method: request.method, headers, body });
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
