/**
 * The retry policy: whether a failed attempt is sent again, and after how long. It reads only the
 * error the attempt ended with (the error table decided what is retryable) and takes time and
 * randomness as arguments, so it is a pure function a test can pin down.
 */
import { ConnectionError, type VoicesError } from "./errors.js";

/** Network error codes that mean the request never reached the server. */
const NEVER_REACHED_CODES =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|E(NET|HOST)UNREACH|EADDRNOTAVAIL|UND_ERR_CONNECT_TIMEOUT)$/;

/**
 * True when a fetch failure shows the request never reached the server (connection
 * refused, DNS failure), so even a non-idempotent request can safely be sent again.
 * Runtimes that do not say why a fetch failed (browsers) get `false`: unknown is unsafe.
 */
export function neverReachedServer(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NEVER_REACHED_CODES.test(code)) return true;
    const nested = (current as { errors?: unknown }).errors;
    if (Array.isArray(nested) && nested.length > 0 && nested.every(neverReachedServer)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Longest `Retry-After` the client waits out by itself; longer waits are the caller's call. */
export const MAX_RETRY_AFTER_MS = 60_000;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Every HTTP-date form starts with a day name; Date.parse alone would read "-1" as a year.
  if (!/^[A-Za-z]/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Delay before retry number `retry` (0 for the first retry): exponential from 500 ms,
 * capped at 8 s, with up to 25% jitter taken off so that clients spread out.
 */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry);
  return Math.round(exponential * (1 - 0.25 * random()));
}

/** What the policy knows besides the error: the request's method and the retries spent and allowed. */
export interface RetryState {
  method: string;
  retries: number;
  maxRetries: number;
}

/**
 * Milliseconds to wait before sending the request again, or `undefined` when `error` ends the call.
 * Only a retryable error is retried, while retries are left. A request that may change something
 * (POST, PATCH: a clone) is sent again only when it never reached the server, since there is no
 * idempotency key and a second clone would be a second voice. The service's `Retry-After` wins over
 * the backoff, up to `MAX_RETRY_AFTER_MS`: a longer wait is the caller's to decide.
 */
export function retryDelay(
  error: VoicesError,
  { method, retries, maxRetries }: RetryState,
  now = Date.now(),
  random: () => number = Math.random,
): number | undefined {
  if (!error.retryable || retries >= maxRetries) return undefined;
  const changesState = method === "POST" || method === "PATCH";
  if (changesState && !(error instanceof ConnectionError && !error.outcomeUnknown)) return undefined;
  const delay = parseRetryAfter(error.headers?.get("retry-after"), now) ?? backoffDelay(retries, random);
  return delay <= MAX_RETRY_AFTER_MS ? delay : undefined;
}
