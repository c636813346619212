/**
 * The fetch that openapi-fetch calls: one attempt per loop turn, each with its own
 * timeout, retried by the policy in retry.ts, its body read in full inside the attempt
 * (so a cut or stalled body is caught by the same timeout and retry), and turned into
 * either the decoded envelope or a typed error.
 */
import {
  AbortError,
  ConnectionError,
  errorFromResponse,
  isEnvelope,
  TimeoutError,
  type VoicesError,
} from "./errors.js";
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
  /**
   * The body to send again if a retry is allowed. A request with a body and no
   * `replayBody` is never sent twice.
   */
  replayBody?: BodyInit | undefined;
  /** A fetch for this call only, instead of the client's. */
  fetch?: FetchLike | undefined;
}

/** Sends one logical request; resolves with a decoded success or throws a `VoicesError`. */
export type Transport = (request: Request, call?: CallOptions) => Promise<Response>;

/**
 * A successful response whose JSON is already parsed, so that openapi-fetch's
 * `response.json()` does not parse the body a second time.
 */
class DecodedResponse extends Response {
  readonly #parsed: unknown;

  constructor(bytes: ArrayBuffer, parsed: unknown, source: Response) {
    const headers = new Headers(source.headers);
    // openapi-fetch calls json() only when it sees a length; otherwise it parses text().
    headers.set("content-length", String(bytes.byteLength));
    super(bytes, { status: source.status, statusText: source.statusText, headers });
    this.#parsed = parsed;
  }

  override json(): Promise<unknown> {
    return Promise.resolve(this.#parsed);
  }
}

type Failure =
  | { kind: "aborted"; reason: unknown }
  | { kind: "timeout" }
  | { kind: "network"; cause: unknown; neverReached: boolean };

class AttemptFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.kind);
  }
}

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const utf8 = new TextDecoder();

/** Builds the transport for one client. */
export function createTransport(config: TransportConfig): Transport {
  const redact = secretRedactor(config.apiKey);

  /** One attempt: fetch and read the whole body, bounded by the timeout and the caller's signal. */
  async function attempt(
    request: Request,
    userSignal: AbortSignal | undefined,
    timeoutMs: number,
    fetch: FetchLike,
  ): Promise<{ response: Response; bytes: ArrayBuffer }> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onUserAbort = () => controller.abort(userSignal?.reason);
    userSignal?.addEventListener("abort", onUserAbort, { once: true });
    // A passed-in fetch may ignore the signal; racing it keeps the timeout honest.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
    });
    aborted.catch(() => {});
    try {
      const pending = fetch(request, { signal: controller.signal });
      pending.catch(() => {});
      const response = await Promise.race([pending, aborted]);
      const reading = response.arrayBuffer();
      reading.catch(() => {});
      const bytes = await Promise.race([reading, aborted]);
      return { response, bytes };
    } catch (cause) {
      if (userSignal?.aborted) throw new AttemptFailure({ kind: "aborted", reason: userSignal.reason });
      if (timedOut) throw new AttemptFailure({ kind: "timeout" });
      throw new AttemptFailure({ kind: "network", cause, neverReached: neverReachedServer(cause) });
    } finally {
      clearTimeout(timer);
      userSignal?.removeEventListener("abort", onUserAbort);
    }
  }

  return async function send(request, call = {}) {
    const userSignal = call.signal ?? request.signal;
    const timeoutMs = call.timeoutMs ?? config.timeoutMs;
    const maxRetries = call.maxRetries ?? config.maxRetries;
    const method = request.method.toUpperCase();
    const idempotent = IDEMPOTENT_METHODS.has(method);
    const hasBody = request.body !== null;
    const canResend = !hasBody || call.replayBody !== undefined;

    for (let retries = 0; ; retries++) {
      if (userSignal?.aborted) throw abortError(request, userSignal.reason);
      const current = retries === 0 ? request : freshCopy(request, call.replayBody);
      const retryLeft = retries < maxRetries;
      let outcome: { response: Response; bytes: ArrayBuffer };
      try {
        outcome = await attempt(current, userSignal, timeoutMs, call.fetch ?? config.fetch);
      } catch (error) {
        const failure = (error as AttemptFailure).failure;
        if (failure.kind === "aborted") throw abortError(request, failure.reason);
        const safeToResend = canResend && (idempotent || (failure.kind === "network" && failure.neverReached));
        if (retryLeft && safeToResend) {
          await pause(backoffDelay(retries), userSignal, request);
          continue;
        }
        throw connectionFailure(redact, request, failure, retries, timeoutMs, !idempotent);
      }

      const { response, bytes } = outcome;
      const { status } = response;
      if (status >= 200 && status < 300) {
        const parsed = parseSuccess(bytes);
        if (parsed !== undefined) return new DecodedResponse(bytes, parsed, response);
      }
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      if (retryLeft && idempotent && canResend && isRetryableStatus(status)) {
        const delay = retryAfterMs ?? backoffDelay(retries);
        if (delay <= MAX_RETRY_AFTER_MS) {
          await pause(delay, userSignal, request);
          continue;
        }
      }
      throw errorFromResponse({
        operation: describe(request),
        status,
        headers: redactHeaders(response.headers, redact),
        text: redact(utf8.decode(bytes)),
        retries,
        retryAfterMs,
      });
    }
  };
}

/** The parsed envelope of a success (`code` 0 with `data`), or `undefined` for anything else. */
function parseSuccess(bytes: ArrayBuffer): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch {
    return undefined;
  }
  if (isEnvelope(parsed) && parsed.code === 0 && "data" in parsed) return parsed;
  return undefined;
}

function freshCopy(request: Request, replayBody: BodyInit | undefined): Request {
  if (replayBody === undefined) return request;
  const headers = new Headers(request.headers);
  // A new multipart body gets a new boundary; the old content-type would contradict it.
  headers.delete("content-type");
  return new Request(request.url, { method: request.method, headers, body: replayBody });
}

async function pause(ms: number, signal: AbortSignal | undefined, request: Request): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch (reason) {
    throw abortError(request, reason);
  }
}

function describe(request: Request): string {
  return `${request.method.toUpperCase()} ${new URL(request.url).pathname}`;
}

function abortError(request: Request, reason: unknown): AbortError {
  return new AbortError(`${describe(request)} was aborted by the caller's AbortSignal.`, { cause: reason });
}

function connectionFailure(
  redact: (text: string) => string,
  request: Request,
  failure: Exclude<Failure, { kind: "aborted" }>,
  retries: number,
  timeoutMs: number,
  mayHaveTakenEffect: boolean,
): VoicesError {
  const tries = retries > 0 ? ` (tried ${retries + 1} times)` : "";
  const outcomeUnknown = mayHaveTakenEffect && !(failure.kind === "network" && failure.neverReached);
  const unknown = outcomeUnknown
    ? " The request may have reached the service, so whether it took effect is unknown: list your voices before trying again."
    : "";
  if (failure.kind === "timeout") {
    return new TimeoutError(
      `${describe(request)} timed out after ${timeoutMs} ms${tries}. Raise timeoutMs or check the network.${unknown}`,
      { outcomeUnknown },
    );
  }
  const host = new URL(request.url).host;
  return new ConnectionError(
    `${describe(request)} could not get a response from ${host}${tries}: ${redact(reasonOf(failure.cause))}. ` +
      `Check baseUrl and the network.${unknown}`,
    { cause: failure.cause, outcomeUnknown },
  );
}

function reasonOf(cause: unknown): string {
  const parts: string[] = [];
  let current: unknown = cause;
  for (let depth = 0; depth < 3 && current; depth++) {
    const { message, code } = current as { message?: unknown; code?: unknown };
    if (typeof message === "string" && message) parts.push(message);
    if (typeof code === "string" && !parts.some((part) => part.includes(code))) parts.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(": ") || "the connection failed";
}

/** Replaces every occurrence of the secret; the key must never reach an error or a log. */
function secretRedactor(secret: string): (text: string) => string {
  if (secret.length === 0) return (text) => text;
  return (text) => (text.includes(secret) ? text.split(secret).join("[redacted]") : text);
}

function redactHeaders(headers: Headers, redact: (text: string) => string): Headers {
  const copy = new Headers();
  headers.forEach((value, name) => {
    copy.append(name, redact(value));
  });
  return copy;
}
