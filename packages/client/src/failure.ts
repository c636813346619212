/**
 * Everything after something went wrong, in its own chunk: loaded on a request's first failure (a
 * network error, an error status, a redirect), so a browser program whose calls succeed never
 * downloads it. It decides between a retry, a redirect hop and the final typed error.
 */
import type { AdapterResponse } from "./adapter.js";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  InvalidResponseError,
  isEnvelope,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  VoicesError,
} from "./errors.js";
import type { AttemptLog } from "./observe.js";
import type { Redactor } from "./redact.js";
import { backoffDelay, isRetryableStatus, MAX_RETRY_AFTER_MS, neverReachedServer, parseRetryAfter } from "./retry.js";
import type { OutgoingRequest } from "./transport.js";

/** What `errorFromResponse` needs to know about a failed exchange. */
export interface FailedExchange {
  /** `GET /voices/abc`: what was asked, for the message. */
  operation: string;
  /** The HTTP status. */
  status: number;
  /** The response headers, already redacted. */
  headers: Headers;
  /** The parsed JSON body, or the body's text when it was not JSON. */
  body: unknown;
  /** Retries already spent on this request. */
  retries: number;
  /** `Retry-After` in milliseconds, when the response carried one. */
  retryAfterMs: number | undefined;
  /** True for a failed clone that the service may still have carried out (a 5xx). */
  outcomeUnknown?: boolean | undefined;
}

/** The sentence every "did my clone happen?" error ends with. */
export const OUTCOME_UNKNOWN = "The outcome is unknown: list your voices before trying again.";

/** " (tried 3 times)" after retries, "" otherwise. */
export const triedTimes = (retries: number) => (retries ? ` (tried ${retries + 1} times)` : "");

/** Class and what to do, by status. */
const BY_STATUS: Record<number, [typeof VoicesError, string?]> = {
  400: [BadRequestError, "Check the parameters."],
  401: [AuthenticationError, "Check the API key (`apiKey` or NOIZ_API_KEY)."],
  404: [NotFoundError, "Check the voice_id."],
  429: [RateLimitError, "Wait, or raise the key's quota."],
};

/** The one factory from a failed HTTP exchange (status + envelope) to an error class. */
export function errorFromResponse({
  operation,
  status,
  headers,
  body,
  retries,
  retryAfterMs,
  outcomeUnknown,
}: FailedExchange): VoicesError {
  const envelope = isEnvelope(body) ? body : undefined;
  const [ErrorClass, hint = ""] =
    status < 300
      ? envelope?.code
        ? [ApiError]
        : [InvalidResponseError, "Check baseUrl."]
      : status > 499
        ? [ServerError, outcomeUnknown ? OUTCOME_UNKNOWN : "Try again later."]
        : (BY_STATUS[status] ?? [ApiError]);
  const said = envelope
    ? `${envelope.message} (code ${envelope.code})${envelope.code || status > 299 ? "" : " but no data"}`
    : /^\s*<(!doctype|html)/i.test(body as string)
      ? "an HTML page"
      : `a body that is not the {code, message, data} envelope: ${JSON.stringify(body).slice(0, 200)}`;
  const wait = retryAfterMs === undefined ? "" : ` The service asked to wait ${Math.ceil(retryAfterMs / 1000)} s.`;
  return new ErrorClass(
    `${operation} failed with HTTP ${status}${triedTimes(retries)}: ${said}.${wait} ${hint}`.trim(),
    {
      status,
      code: envelope?.code,
      headers,
      body,
      ...(status === 429 && { retryAfterMs }),
      ...(outcomeUnknown && { outcomeUnknown }),
    },
  );
}

/** What the transport knows about a failed attempt. */
export interface FailedAttempt {
  /** `Date.now()` when the attempt began, for the log. */
  started: number;
  /** The attempt log, when logging is on. */
  log?: AttemptLog | undefined;
  request: OutgoingRequest;
  /** `GET /v1/voices`: what was asked, for messages. */
  operation: string;
  redact: Redactor;
  /** Retries already spent, and the most allowed. */
  retries: number;
  maxRetries: number;
  timeoutMs: number;
  /** Redirects already followed. */
  hops: number;
  /** The answer, when one arrived, its body's text and parsed JSON (`undefined` when not JSON). */
  response?: AdapterResponse | undefined;
  text?: string | undefined;
  parsed?: unknown;
  /** What the adapter threw, when no answer arrived. */
  cause?: unknown;
  /** True when the attempt's deadline ran out. */
  timedOut: boolean;
}

/** The transport's next move: wait `delay` ms and retry, or send `request` (a redirect hop). */
export type NextStep = { delay: number; request?: undefined } | { request: OutgoingRequest; delay?: undefined };

/** Decides what follows a failed attempt, and logs it; throws the final `VoicesError` when nothing should. */
export function nextStep(attempt: FailedAttempt): NextStep {
  let step: NextStep;
  try {
    step = decide(attempt);
  } catch (error) {
    attempt.log?.({ ...attempt, error });
    throw error;
  }
  attempt.log?.({ ...attempt, step });
  return step;
}

function decide(attempt: FailedAttempt): NextStep {
  const { request, operation, redact, retries, response, timedOut } = attempt;
  const idempotent = request.method !== "POST" && request.method !== "PATCH";
  const retryLeft = retries < attempt.maxRetries;
  if (!response) {
    const { cause } = attempt;
    // The SDK's own errors (a body over the cap, a file that changed while it was read, a middleware's)
    // keep their class; what came from a server in them is redacted like everything else.
    if (cause instanceof VoicesError && !timedOut) {
      for (const field of ["message", "stack", "headers", "body", "requestId"] as const) {
        Object.assign(cause, { [field]: redact(cause[field]) });
      }
      throw cause;
    }
    const safe = idempotent || (!timedOut && neverReachedServer(cause));
    if (retryLeft && safe) return { delay: backoffDelay(retries) };
    const ErrorClass = timedOut ? TimeoutError : ConnectionError;
    const what = timedOut
      ? `timed out after ${attempt.timeoutMs} ms${triedTimes(retries)}. Raise timeoutMs.`
      : `got no response${triedTimes(retries)}: ${redact(reasonOf(cause))}. Check baseUrl and the network.`;
    throw new ErrorClass(`${operation} ${what}${safe ? "" : ` ${OUTCOME_UNKNOWN}`}`, {
      cause: timedOut ? undefined : redact(cause),
      outcomeUnknown: !safe,
    });
  }
  const { status, headers } = response;
  if (status > 299 && status < 400) return { request: followRedirect(attempt) };
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"));
  const delay = retryAfterMs ?? backoffDelay(retries);
  if (retryLeft && idempotent && isRetryableStatus(status) && delay <= MAX_RETRY_AFTER_MS) return { delay };
  // Text is redacted whole, then cut (a cut could leave part of the key); parsed JSON after
  // parsing (a JSON escape such as `\u002d` hides the key from a search of the text).
  const text = redact(attempt.text ?? "");
  throw errorFromResponse({
    operation,
    status,
    headers: redact(headers),
    body: attempt.parsed === undefined ? (text.length > 200 ? `${text.slice(0, 200)}…` : text) : redact(attempt.parsed),
    retries,
    retryAfterMs,
    outcomeUnknown: !idempotent && status > 499,
  });
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

/** Redirect hops a GET or DELETE follows before it gives up. */
export const MAX_REDIRECTS = 5;

/**
 * The request to send after a redirect, or the `InvalidResponseError` that ends the call. Only GET
 * and DELETE follow (at most `MAX_REDIRECTS` hops); a request with a body (a clone) never does, so
 * it is never re-sent and never resolved with another resource. A hop to another origin keeps only
 * `Accept`: the API key and every client or call header stay behind. `https:` to `http:`, a
 * non-http(s) target or one with credentials is refused.
 */
function followRedirect({ request, response, hops, operation, redact }: FailedAttempt): OutgoingRequest {
  const { status, headers } = response!;
  const location = headers.get("location");
  let target: URL | undefined;
  try {
    target = new URL(location ?? "", request.url);
  } catch {}
  const from = new URL(request.url);
  const where = target ? ` to ${redact(target.origin)}` : "";
  const fail = (why: string) =>
    new InvalidResponseError(
      `${operation} was redirected (HTTP ${status}${where}): ${why} Set baseUrl to the service's current address.`,
      { status, headers: redact(headers) },
    );
  if (request.body || !/^(GET|HEAD|DELETE)$/.test(request.method)) {
    throw fail(
      `a request with a body is never sent again after a redirect, and the answer is not the result.${status === 303 ? ` ${OUTCOME_UNKNOWN}` : ""}`,
    );
  }
  if (!location || !target) throw fail("the redirect names no valid Location.");
  if (!/^https?:$/.test(target.protocol) || target.username || target.password) {
    throw fail("the target is not a plain http(s) URL.");
  }
  if (from.protocol === "https:" && target.protocol === "http:") throw fail("https to http would expose the request.");
  if (hops >= MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} redirects in a row.`);
  return {
    method: status === 303 && request.method !== "HEAD" ? "GET" : request.method,
    url: target.href,
    headers:
      target.origin === from.origin ? request.headers : new Headers({ accept: request.headers.get("accept") ?? "*/*" }),
    body: null,
  };
}
