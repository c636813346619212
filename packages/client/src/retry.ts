/** The retry policy: which failures are retried and how long to wait before each retry. */

/** Statuses worth retrying for idempotent requests. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

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
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
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
