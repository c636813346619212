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
  override name = "VoicesError";
  /** HTTP status, or `undefined` when no response arrived. */
  readonly status: number | undefined;
  /** The envelope's `code`, or `undefined` when there was none. */
  readonly code: number | undefined;
  /** Response headers, or `undefined` when no response arrived. */
  readonly headers: Headers | undefined;
  /** The parsed response body (or its text), or `undefined` when no response arrived. */
  readonly body: unknown;

  constructor(message: string, details: VoicesErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.code = details.code;
    this.headers = details.headers;
    this.body = details.body;
  }

  /** A plain object for logs and `JSON.stringify`. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      body: this.body,
    };
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
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: VoicesErrorDetails & { retryAfterMs?: number | undefined }) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** HTTP 5xx: the service failed. */
export class ServerError extends ApiError {
  override name = "ServerError";
}

/** No usable response arrived: the connection failed, was reset or was cut mid-body. */
export class ConnectionError extends VoicesError {
  override name = "ConnectionError";
  /**
   * True when a non-idempotent request (a clone) may have reached the service, so
   * whether it took effect is unknown: list the voices before trying again.
   */
  readonly outcomeUnknown: boolean;

  constructor(message: string, details: VoicesErrorDetails & { outcomeUnknown?: boolean } = {}) {
    super(message, details);
    this.outcomeUnknown = details.outcomeUnknown ?? false;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), outcomeUnknown: this.outcomeUnknown };
  }
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
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}

/** What `errorFromResponse` needs to know about a failed exchange. */
export interface FailedExchange {
  /** `GET /voices/abc`: what was asked, for the message. */
  operation: string;
  status: number;
  headers: Headers;
  /** The raw body text. */
  text: string;
  /** Retries already spent on this request. */
  retries: number;
  /** `Retry-After` in milliseconds, when the response carried one. */
  retryAfterMs: number | undefined;
}

interface ParsedBody {
  body: unknown;
  envelope: { code: number; message: string } | undefined;
}

/** Parses a body as JSON and recognises the envelope; never throws. */
export function parseBody(text: string): ParsedBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { body: snippet(text), envelope: undefined };
  }
  return { body, envelope: isEnvelope(body) ? body : undefined };
}

/** True for `{ code: integer, message: string, ... }`. */
export function isEnvelope(value: unknown): value is { code: number; message: string; data?: unknown } {
  if (typeof value !== "object" || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return Number.isInteger(code) && typeof message === "string";
}

const HINTS: Record<number, string> = {
  400: "Check the request's parameters against the API reference.",
  401: "Check the API key: pass `apiKey` to createVoicesClient() or set NOIZ_API_KEY.",
  404: "Check the voice_id; client.voices.list() shows the voices that exist.",
};

/** The one factory from a failed HTTP exchange (status + envelope) to an error class. */
export function errorFromResponse(exchange: FailedExchange): VoicesError {
  const { status, headers, text, operation, retries, retryAfterMs } = exchange;
  const { body, envelope } = parseBody(text);
  const details = { status, code: envelope?.code, headers, body };
  const said = envelope ? `${envelope.message} (code ${envelope.code})` : describeNonEnvelope(text);

  if (status >= 200 && status < 300) {
    if (!envelope) {
      return new InvalidResponseError(
        `${operation} returned HTTP ${status} with ${said}, not the {code, message, data} envelope. ` +
          "Check that baseUrl points at the Voices API.",
        details,
      );
    }
    if (envelope.code === 0) {
      return new InvalidResponseError(
        `${operation} returned a success envelope with no data. The service broke its contract; report it.`,
        details,
      );
    }
    return new ApiError(`${operation} failed: the service reported ${said}.`, details);
  }

  const head = `${operation} failed with HTTP ${status}: ${said}.`;
  const retried = retries > 0 ? ` It was tried ${retries + 1} times.` : "";
  if (status === 429) {
    const wait =
      retryAfterMs === undefined
        ? "Wait before trying again, or raise the key's monthly quota."
        : `The service asked to wait ${Math.ceil(retryAfterMs / 1000)} s before trying again.`;
    return new RateLimitError(`${head}${retried} ${wait}`, { ...details, retryAfterMs });
  }
  if (status >= 500) {
    return new ServerError(`${head}${retried} The service failed; try again later.`, details);
  }
  const hint = HINTS[status] ?? "";
  const message = hint ? `${head}${retried} ${hint}` : `${head}${retried}`;
  switch (status) {
    case 400:
      return new BadRequestError(message, details);
    case 401:
      return new AuthenticationError(message, details);
    case 404:
      return new NotFoundError(message, details);
    default:
      return new ApiError(message, details);
  }
}

function describeNonEnvelope(text: string): string {
  if (text.trim() === "") return "an empty body";
  const start = text.trimStart().slice(0, 15).toLowerCase();
  if (start.startsWith("<!doctype") || start.startsWith("<html")) return "an HTML page";
  return `a body that is not the JSON envelope: ${JSON.stringify(snippet(text))}`;
}

const SNIPPET_LENGTH = 200;

function snippet(text: string): string {
  return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text;
}
