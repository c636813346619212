/**
 * The error tree. Every error the SDK throws is a `VoicesError`; the error table (error-table.ts)
 * is the one place that maps an HTTP status and envelope to a class, a hint and whether it is retryable.
 */
import type { VoicesClientOptions } from "./client.js";
import type { Envelope } from "./types.js";

/**
 * A setting that can fix an error, as `createVoicesClient` names it: `apiKey` for a rejected key,
 * `baseUrl` for an answer that is not the service's, `timeoutMs`, `maxResponseBytes`.
 */
export type Setting = keyof Pick<VoicesClientOptions, "apiKey" | "baseUrl" | "timeoutMs" | "maxResponseBytes">;

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
  /** The server's id for the request; found in `headers` when not given. */
  requestId?: string | undefined;
  /** The operation that failed: the spec's operationId (`getVoice`), or `downloadVoiceSample`. */
  operation?: string | undefined;
  /** The setting that can fix the error, when one can. */
  setting?: Setting | undefined;
  /** What to do about it, for people: appended to the message. */
  hint?: string | undefined;
  /** True when the same request may succeed if it is sent again later. */
  retryable?: boolean | undefined;
}

/**
 * Response headers that may carry the server's id for a request, first match wins. The Voices API
 * documents none; these are the ones common gateways and CDNs add.
 */
export const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "cf-ray"] as const;

/** The first request id among `REQUEST_ID_HEADERS`, or `undefined`. */
export const requestIdOf = (headers: Headers | undefined): string | undefined =>
  headers && REQUEST_ID_HEADERS.map((name) => headers.get(name)).find(Boolean)!;

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
  /** The server's id for the request (from `REQUEST_ID_HEADERS`), to quote to support; also in the message. */
  declare readonly requestId: string | undefined;
  /** The operation that failed: the spec's operationId (`listVoices`, `getVoice`, `cloneVoice`, `deleteVoice`), or `downloadVoiceSample`. */
  declare readonly operation: string | undefined;
  /** The setting that can fix this error (`apiKey`, `baseUrl`, `timeoutMs`, `maxResponseBytes`), when one can. */
  declare readonly setting: Setting | undefined;
  /** The message's last sentence, what to do about it, when it has one: for people, like the message. */
  declare readonly hint: string | undefined;
  /** True when the same request may succeed if sent again later (a 5xx, 408, 409, 429, a network failure, a timeout). */
  declare readonly retryable: boolean;

  /**
   * @param message What went wrong.
   * @param details What is known of the exchange: `status`, `code`, `headers`, `body`, `cause`,
   *   `operation`, `setting`, `hint` (appended to the message) and `retryable` (plus a subclass's
   *   own fields, such as `retryAfterMs`).
   */
  constructor(message: string, { cause, ...details }: VoicesErrorDetails & Record<string, unknown> = {}) {
    const requestId = details.requestId ?? requestIdOf(details.headers);
    const text = details.hint ? `${message} ${details.hint}` : message;
    // Quoted short: it comes from a server, and a message stays one readable line.
    super(
      requestId ? `${text} (request id ${requestId.slice(0, 100)})` : text,
      cause === undefined ? undefined : { cause },
    );
    // Own properties on every error, so logs and toJSON show the same shape whatever the cause.
    // Subclasses' own fields (field, retryAfterMs, outcomeUnknown) arrive in `details` too.
    Object.assign(
      this,
      {
        status: undefined,
        code: undefined,
        headers: undefined,
        body: undefined,
        operation: undefined,
        setting: undefined,
        hint: undefined,
        retryable: false,
      },
      details,
      { requestId },
    );
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

/**
 * Names the operation on an error thrown before its call knew it (a check's `ValidationError`), so
 * that every error of a call carries one; an error that already names one keeps it.
 */
export function withOperation<E>(error: E, operation: string): E {
  if (error instanceof VoicesError && error.operation === undefined) Object.assign(error, { operation });
  return error;
}

/** True for the spec's envelope, `{ code: integer, message: string, data? }`. */
export function isEnvelope(value: unknown): value is Envelope & { data?: unknown } {
  return (
    Number.isInteger((value as { code?: unknown })?.code) &&
    typeof (value as { message?: unknown }).message === "string"
  );
}
