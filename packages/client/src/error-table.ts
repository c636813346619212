/**
 * The one table from a failed answer to an error: by status and envelope, the class, the hint, the
 * setting that fixes it and whether the same request may succeed later. The retry policy, the
 * redirect rules, the log and the CLI read the error this builds; none of them looks at a status again.
 */
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  InvalidResponseError,
  isEnvelope,
  NotFoundError,
  RateLimitError,
  ServerError,
  type Setting,
  type VoicesError,
  type VoicesErrorDetails,
} from "./errors.js";
import { parseRetryAfter } from "./retry.js";

/** An error class of the tree, as the table names it. */
export type ErrorClass = new (message: string, details?: VoicesErrorDetails & Record<string, unknown>) => VoicesError;

/** One row of the table. */
export interface ErrorRule {
  /** The class the answer becomes. */
  error: ErrorClass;
  /** True when the same request may succeed if sent again later. */
  retryable: boolean;
  /** What to do about it, for the message. */
  hint?: string;
  /** The setting that fixes it. */
  setting?: Setting;
}

/** The sentence every "did my clone happen?" error ends with. */
export const OUTCOME_UNKNOWN = "The outcome is unknown: list your voices before trying again.";

const BY_STATUS: Record<number, ErrorRule> = {
  400: { error: BadRequestError, retryable: false, hint: "Check the parameters." },
  401: {
    error: AuthenticationError,
    retryable: false,
    hint: "Check the API key (`apiKey` or NOIZ_API_KEY).",
    setting: "apiKey",
  },
  404: { error: NotFoundError, retryable: false, hint: "Check the voice_id." },
  408: { error: ApiError, retryable: true },
  409: { error: ApiError, retryable: true },
  429: { error: RateLimitError, retryable: true, hint: "Wait, or raise the key's quota." },
};
const SERVER: ErrorRule = { error: ServerError, retryable: true, hint: "Try again later." };
const OTHER: ErrorRule = { error: ApiError, retryable: false };
/** A success status whose body is not the envelope: the URL is not the service's. */
const NOT_THE_SERVICE: ErrorRule = {
  error: InvalidResponseError,
  retryable: false,
  hint: "Check baseUrl.",
  setting: "baseUrl",
};

/** The row for an answer: its status, and whether its body is the envelope. */
export function ruleFor(status: number, body?: unknown): ErrorRule {
  // A success status: an envelope with a non-zero code is the API's own error; anything else
  // (not JSON, not the envelope, code 0 without data) is not the service talking.
  if (status < 300) return isEnvelope(body) && body.code ? OTHER : NOT_THE_SERVICE;
  return status > 499 ? SERVER : (BY_STATUS[status] ?? OTHER);
}

/** " (tried 3 times)" after retries, "" otherwise. */
export const triedTimes = (retries: number) => (retries ? ` (tried ${retries + 1} times)` : "");

/** What `errorFromResponse` needs to know about a failed answer of the API. */
export interface FailedAnswer {
  /** The spec's operationId, such as `getVoice`. */
  operation: string;
  /** `GET /voices/abc`: what was asked, for the message. */
  what: string;
  status: number;
  /** The response headers, already redacted. */
  headers: Headers;
  /** The parsed JSON body (redacted), or the body's text when it was not JSON. */
  body: unknown;
  /** Retries already spent on this request. */
  retries: number;
  /** True for a request that is never sent twice (a clone): a 5xx leaves its outcome unknown. */
  sentOnce: boolean;
}

/**
 * A server's own sentence as a message quotes it: one line of at most 200 characters. The whole of it
 * stays in `body`; a line break in it could forge a log line, and a long one buries the message.
 */
const oneLine = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it replaces.
  text.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]+/g, " ").replace(/^(.{200}).+$/s, "$1…");

/** The `VoicesError` of an API answer that is not a success, from the table. */
export function errorFromResponse({
  operation,
  what,
  status,
  headers,
  body,
  retries,
  sentOnce,
}: FailedAnswer): VoicesError {
  const envelope = isEnvelope(body) ? body : undefined;
  const rule = ruleFor(status, body);
  const outcomeUnknown = sentOnce && status > 499;
  const said = envelope
    ? `${oneLine(envelope.message)} (code ${envelope.code})${envelope.code || status > 299 ? "" : " but no data"}`
    : /^\s*<(!doctype|html)/i.test(body as string)
      ? "an HTML page"
      : `a body that is not the {code, message, data} envelope: ${JSON.stringify(body).slice(0, 200)}`;
  const retryAfterMs = parseRetryAfter(headers.get("retry-after"));
  const wait = retryAfterMs === undefined ? "" : ` The service asked to wait ${Math.ceil(retryAfterMs / 1000)} s.`;
  return new rule.error(`${what} failed with HTTP ${status}${triedTimes(retries)}: ${said}.${wait}`, {
    status,
    code: envelope?.code,
    headers,
    body,
    operation,
    setting: rule.setting,
    hint: outcomeUnknown ? OUTCOME_UNKNOWN : rule.hint,
    retryable: rule.retryable,
    ...(status === 429 && { retryAfterMs }),
    ...(outcomeUnknown && { outcomeUnknown }),
  });
}
