import { afterEach, describe, expect, it, vi } from "vitest";
import { nodeFetchError } from "../test/fake-fetch.js";
import { backoffDelay, isRetryableStatus, MAX_RETRY_AFTER_MS, neverReachedServer, parseRetryAfter } from "./retry.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("isRetryableStatus", () => {
  it.each([408, 409, 429, 500, 501, 502, 503, 504, 599])("retries %i", (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });

  it.each([200, 201, 301, 400, 401, 402, 403, 404, 405, 410, 418, 422])("does not retry %i", (status) => {
    expect(isRetryableStatus(status)).toBe(false);
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
