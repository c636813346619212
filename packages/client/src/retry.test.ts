import { afterEach, describe, expect, it, vi } from "vitest";
import { nodeFetchError } from "../test/fake-fetch.js";
import { ConnectionError, RateLimitError, ServerError, TimeoutError, ValidationError } from "./errors.js";
import { backoffDelay, MAX_RETRY_AFTER_MS, neverReachedServer, parseRetryAfter, retryDelay } from "./retry.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("retryDelay: decided from the error alone", () => {
  const none = () => 0;
  const at = (method: string, retries = 0, maxRetries = 2) => ({ method, retries, maxRetries });
  const server = new ServerError("s", { status: 503, retryable: true });
  const refused = new ConnectionError("c", { retryable: true, outcomeUnknown: false });
  const cut = new ConnectionError("c", { retryable: true, outcomeUnknown: true });
  const timedOut = new TimeoutError("t", { retryable: true, outcomeUnknown: true });

  it("retries a retryable error of a GET or DELETE with the backoff, while retries are left", () => {
    expect(retryDelay(server, at("GET"), 0, none)).toBe(500);
    expect(retryDelay(server, at("DELETE", 1), 0, none)).toBe(1000);
    expect(retryDelay(timedOut, at("GET"), 0, none)).toBe(500);
    expect(retryDelay(server, at("GET", 2), 0, none)).toBeUndefined();
    expect(retryDelay(server, at("GET", 0, 0), 0, none)).toBeUndefined();
  });

  it("never retries an error that is not retryable", () => {
    expect(retryDelay(new ValidationError("limit", "v"), at("GET"))).toBeUndefined();
    expect(retryDelay(new ServerError("s", { retryable: false }), at("GET"))).toBeUndefined();
  });

  it("re-sends a clone only when it never reached the server", () => {
    expect(retryDelay(refused, at("POST"), 0, none)).toBe(500);
    expect(retryDelay(cut, at("POST"))).toBeUndefined();
    expect(retryDelay(timedOut, at("POST"))).toBeUndefined();
    expect(retryDelay(server, at("POST"))).toBeUndefined();
    const limited = new RateLimitError("r", {
      status: 429,
      retryable: true,
      headers: new Headers({ "retry-after": "0" }),
    });
    expect(retryDelay(limited, at("POST"))).toBeUndefined();
  });

  it("waits Retry-After instead of the backoff, up to MAX_RETRY_AFTER_MS", () => {
    const limited = (value: string) =>
      new RateLimitError("r", { status: 429, retryable: true, headers: new Headers({ "retry-after": value }) });
    expect(retryDelay(limited("3"), at("GET"), 0, none)).toBe(3000);
    expect(retryDelay(limited("60"), at("GET"), 0, none)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelay(limited("61"), at("GET"), 0, none)).toBeUndefined();
    const maintenance = new ServerError("s", {
      status: 503,
      retryable: true,
      headers: new Headers({ "retry-after": "3600" }),
    });
    expect(retryDelay(maintenance, at("GET"), 0, none)).toBeUndefined();
    expect(retryDelay(limited("soon"), at("GET"), 0, none)).toBe(500);
    const now = Date.parse("2026-12-07T10:00:00Z");
    expect(retryDelay(limited("Mon, 07 Dec 2026 10:00:05 GMT"), at("GET"), now, none)).toBe(5000);
  });
});

describe("backoffDelay", () => {
  it("grows exponentially from 500 ms without jitter", () => {
    const none = () => 0;
    expect([0, 1, 2, 3, 4].map((retry) => backoffDelay(retry, none))).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it("is capped at 8 s however many retries were spent", () => {
    for (const retry of [4, 5, 10, 50, 1000]) {
      expect(backoffDelay(retry, () => 0)).toBe(8000);
      expect(backoffDelay(retry, () => 0.999_999)).toBeGreaterThanOrEqual(6000);
    }
  });

  it("takes at most 25% off with jitter, never adds", () => {
    for (let retry = 0; retry < 6; retry++) {
      const full = backoffDelay(retry, () => 0);
      expect(backoffDelay(retry, () => 0.999_999)).toBe(Math.round(full * 0.75));
      expect(backoffDelay(retry, () => 0.5)).toBe(Math.round(full * 0.875));
    }
  });

  it("stays within its bounds with the real Math.random, and actually varies", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(1);
      expect(delay).toBeGreaterThanOrEqual(750);
      expect(delay).toBeLessThanOrEqual(1000);
      seen.add(delay);
    }
    expect(seen.size).toBeGreaterThan(10);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);

  it("reads delta seconds", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
  });

  it("reads an HTTP date as the time left until it", () => {
    expect(parseRetryAfter(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 12:02:00 GMT", now)).toBe(120_000);
  });

  it("treats a date in the past as no wait", () => {
    expect(parseRetryAfter("Wed, 01 Jan 2025 11:00:00 GMT", now)).toBe(0);
  });

  it("is undefined without a header", () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it.each(["", "soon", "-1", "-5", "1 2", "0x10", "1e3", "NaN", "Infinity"])(
    "ignores the invalid value %j (falls back to backoff)",
    (value) => {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    },
  );

  it("uses the current time by default", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(now);
    expect(parseRetryAfter("Wed, 01 Jan 2025 12:00:10 GMT")).toBe(10_000);
  });

  it("caps automatic waits at 60 s", () => {
    expect(MAX_RETRY_AFTER_MS).toBe(60_000);
  });
});

describe("neverReachedServer", () => {
  it.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"])(
    "is true for %s nested as Node's fetch nests it",
    (code) => {
      expect(neverReachedServer(nodeFetchError(code))).toBe(true);
    },
  );

  it("is true for the code on the error itself", () => {
    expect(neverReachedServer(Object.assign(new Error("refused"), { code: "ECONNREFUSED" }))).toBe(true);
  });

  it("is true when every address of a happy-eyeballs AggregateError was refused", () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: "ECONNREFUSED" });
    const aggregate = new AggregateError([refused("::1:443"), refused("127.0.0.1:443")]);
    expect(neverReachedServer(new TypeError("fetch failed", { cause: aggregate }))).toBe(true);
  });

  it("is false when one address of an AggregateError may have been reached", () => {
    const aggregate = new AggregateError([
      Object.assign(new Error("refused"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("reset"), { code: "ECONNRESET" }),
    ]);
    expect(neverReachedServer(new TypeError("fetch failed", { cause: aggregate }))).toBe(false);
  });

  it.each(["ECONNRESET", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "UND_ERR_HEADERS_TIMEOUT"])(
    "is false for %s: the request may have arrived",
    (code) => {
      expect(neverReachedServer(nodeFetchError(code))).toBe(false);
    },
  );

  it("is false when the runtime does not say why (browsers): unknown is unsafe", () => {
    expect(neverReachedServer(new TypeError("Failed to fetch"))).toBe(false);
    expect(neverReachedServer(undefined)).toBe(false);
    expect(neverReachedServer("ECONNREFUSED")).toBe(false);
  });
});
