/**
 * The error tree. Every error the SDK throws is a `VoicesError`; `errorFromResponse`
 * is the one place that maps an HTTP status and envelope to a class.
 */

/** What an error knows about the exchange that caused it. */
export interface VoicesErrorDetails {
  /** HTTP status, when a response arrived. */
  status?: number | undefined;
  /** The envelope's `code`, when the body carried one. */
  code?: number | undefined;
  /** Response headers, when a response arrived. */
  headers?: Headers | undefined;
  /** The parsed body (or its text when it was not JSON), when a response arrived. */
  body?: unknown;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** The root of every error this SDK throws. */
export class VoicesError extends Error {
  /** The class name, such as `"NotFoundError"`: survives minification and serialization. */
  override name = "VoicesError";
  /** HTTP status, or `undefined` when no response arrived. */
  declare readonly status: number | undefined;
  /** The envelope's `code`, or `undefined` when there was none. */
  declare readonly code: number | undefined;
  /** Response headers, or `undefined` when no response arrived. */
  declare readonly headers: Headers | undefined;
  /** The parsed response body (or its text), or `undefined` when no response arrived. */
  declare readonly body: unknown;

  /**
   * @param message What went wrong and what to do about it.
   * @param details What is known of the exchange: `status`, `code`, `headers`, `body` and `cause`
   *   (plus a subclass's own fields, such as `retryAfterMs`).
   */
  constructor(message: string, { cause, ...details }: VoicesErrorDetails & Record<string, unknown> = {}) {
    super(message, cause === undefined ? undefined : { cause });
    // Own properties on every error, so logs and toJSON show the same shape whatever the cause.
    // Subclasses' own fields (field, retryAfterMs, outcomeUnknown) arrive in `details` too.
    Object.assign(this, { status: undefined, code: undefined, headers: undefined, body: undefined }, details);
  }

  /** A plain object for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    const { headers, ...fields } = this;
    return { ...fields, message: this.message, headers: headers && Object.fromEntries(headers) };
  }
}

/** The service answered with an error status, or with HTTP 200 and a non-zero envelope `code`. */
export class ApiError extends VoicesError {
  override name = "ApiError";
  declare readonly status: number;
}

/** HTTP 400: the request's parameters or body were rejected. */
export class BadRequestError extends ApiError {
  override name = "BadRequestError";
}

/** HTTP 401: the API key is missing or invalid. */
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}

/** HTTP 404: no voice has that id. */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}

/** HTTP 429: the key's quota or rate limit is exhausted. */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
  /** How long the service asked to wait (from `Retry-After`), in milliseconds, if it said. */
  declare readonly retryAfterMs: number | undefined;
}

/** HTTP 5xx: the service failed. */
export class ServerError extends ApiError {
  override name = "ServerError";
  /** True when a clone failed this way: the service may still have created the voice. */
  declare readonly outcomeUnknown?: boolean;
}

/** No usable response arrived: the connection failed, was reset or was cut mid-body. */
export class ConnectionError extends VoicesError {
  override name = "ConnectionError";
  /**
   * True when a clone may have reached the service, so whether it took effect is
   * unknown: list the voices before trying again.
   */
  declare readonly outcomeUnknown: boolean;
}

/** The request took longer than `timeoutMs`. */
export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
}

/** The caller aborted the request through its `AbortSignal`. */
export class AbortError extends VoicesError {
  override name = "AbortError";
}

/** The response was not JSON, or not the `{ code, message, data }` envelope. */
export class InvalidResponseError extends VoicesError {
  override name = "InvalidResponseError";
}

/** Bad input, caught before any request was sent. `field` names the offending input. */
export class ValidationError extends VoicesError {
  override name = "ValidationError";
  /** The input that was rejected, such as `voice_id`, `limit` or `file`. */
  declare readonly field: string;

  constructor(field: string, message: string) {
    super(message, { field });
  }
}

/** What `errorFromResponse` needs to know about a failed exchange. */
export interface FailedExchange {
  /** `GET /voices/abc`: what was asked, for the message. */
  operation: string;
  status: number;
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

/** True for `{ code: integer, message: string, ... }`. */
export function isEnvelope(value: unknown): value is { code: number; message: string; data?: unknown } {
  return (
    Number.isInteger((value as { code?: unknown })?.code) &&
    typeof (value as { message?: unknown }).message === "string"
  );
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
