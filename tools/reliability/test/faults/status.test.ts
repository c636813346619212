// The real client against a server that answers with failures: which are retried, how many
// requests the server sees, how long the client waits (on a fake clock: see clock.ts), and which
// error class comes out.
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  ServerError,
  type VoicesClient,
} from "@noiz-voices/client";
import {
  type FaultServer,
  failure,
  reply,
  type Step,
  startFaultServer,
  success,
  times,
} from "@noiz-voices/fault-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clients } from "../clients.js";
import { arrivals, elapsed, expectBackoff, onFakeClock } from "../clock.js";
import { outcome, PAGE } from "../helpers.js";

describe.each(clients)("$name", ({ createVoicesClient }) => {
  let server: FaultServer;
  let client: VoicesClient;

  beforeAll(async () => {
    server = await startFaultServer({ hardTimeoutMs: 120_000 });
  });
  afterAll(() => server.close());
  const options = { apiKey: "fault-key", timeoutMs: 10_000, maxRetries: 2 };
  beforeEach(() => {
    client = createVoicesClient({ ...options, baseUrl: server.url });
  });
  /** A client on the fake clock, and the clock that follows its retries. */
  const clocked = () => onFakeClock(createVoicesClient, { ...options, baseUrl: server.url });

  const now = { "retry-after": "0" };
  const HTML_502 =
    "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>";

  describe("5xx then success", () => {
    it.each([500, 502, 503, 504])("retries %i at once (Retry-After: 0) and returns the page", async (status) => {
      const { client, clock } = clocked();
      server.script([failure(status, 50000, "try again", now), success(PAGE)]);
      expect(await clock.settle(client.voices.list())).toEqual({ value: PAGE });
      expect(server.count).toBe(2);
      // One retry, after a wait of 0 ms: the fake clock never moved.
      expect(clock.retries).toEqual([0]);
      expect(elapsed()).toBe(0);
    });

    it("500, 502, 503, 504 in a row, then success, within maxRetries 4", async () => {
      const client4 = createVoicesClient({ apiKey: "k", baseUrl: server.url, maxRetries: 4 });
      server.script([...[500, 502, 503, 504].map((s) => failure(s, s * 100, "down", now)), success(PAGE)]);
      const result = await outcome(() => client4.voices.list());
      expect(result.value).toEqual(PAGE);
      expect(server.count).toBe(5);
    });

    it("backs off when the service gives no Retry-After: the retry waits 375-500 ms", async () => {
      const { client, clock } = clocked();
      server.script([failure(503, 50300, "busy"), success(PAGE)]);
      expect(await clock.settle(client.voices.list())).toEqual({ value: PAGE });
      expect(clock.retries).toHaveLength(1);
      expectBackoff(clock.retries[0], 0);
      // The retry reached the server once that wait was over, not before.
      expect(arrivals(server)).toEqual([0, clock.retries[0]]);
    });

    it("gives up after maxRetries with a ServerError that says how often it tried", async () => {
      server.script(times(5, failure(503, 50300, "busy", now)));
      const { error } = await outcome(() => client.voices.list());
      expect(error).toBeInstanceOf(ServerError);
      expect((error as ServerError).constructor).toBe(ServerError);
      expect(error).toMatchObject({ status: 503, code: 50300 });
      expect((error as Error).message).toContain("tried 3 times");
      expect(server.count).toBe(3);
    });

    it("maxRetries 0 sends exactly one request", async () => {
      server.script(times(3, failure(500, 50000, "boom", now)));
      const { error } = await outcome(() => client.voices.list({}, { maxRetries: 0 }));
      expect(error).toBeInstanceOf(ServerError);
      expect(server.count).toBe(1);
    });

    it("an HTML 502 page is a ServerError that says so, retried like any 502 (with backoff)", async () => {
      const { client, clock } = clocked();
      server.script(times(3, reply(502, HTML_502, { "content-type": "text/html" })));
      const { error } = await clock.settle(client.voices.get("abc", { maxRetries: 1 }));
      expect((error as Error).constructor).toBe(ServerError);
      expect(error).toMatchObject({ status: 502, code: undefined });
      expect((error as Error).message).toContain("an HTML page");
      expect((error as Error).message).not.toContain("<html");
      expect(server.count).toBe(2);
      expect(clock.retries).toHaveLength(1);
      expectBackoff(clock.retries[0], 0);
    });

    it("an HTML 502 page then success returns the voice", async () => {
      server.script([reply(502, HTML_502, { "content-type": "text/html", ...now }), success(PAGE.voices[0])]);
      expect(await client.voices.get("abc123def456")).toEqual(PAGE.voices[0]);
      expect(server.count).toBe(2);
    });
  });

  describe("429", () => {
    it("honours Retry-After in seconds", async () => {
      const { client, clock } = clocked();
      server.script([failure(429, 42900, "slow down", { "retry-after": "1" }), success(PAGE)]);
      expect(await clock.settle(client.voices.list())).toEqual({ value: PAGE });
      expect(clock.retries).toEqual([1_000]);
      expect(arrivals(server)).toEqual([0, 1_000]);
    });

    it("honours Retry-After as an HTTP date", async () => {
      const { client, clock } = clocked();
      // The fake clock stands on a whole second, so a date two seconds ahead is a wait of exactly 2 s.
      const date = new Date(Date.now() + 2_000).toUTCString();
      server.script([failure(429, 42900, "slow down", { "retry-after": date }), success(PAGE)]);
      expect(await clock.settle(client.voices.list())).toEqual({ value: PAGE });
      expect(clock.retries).toEqual([2_000]);
      expect(arrivals(server)).toEqual([0, 2_000]);
    });

    it("hands a wait longer than 60 s to the caller at once, as RateLimitError.retryAfterMs", async () => {
      const { client, clock } = clocked();
      server.script([failure(429, 42900, "monthly quota exceeded", { "retry-after": "3600" })]);
      const { error } = await clock.settle(client.voices.list());
      expect((error as Error).constructor).toBe(RateLimitError);
      expect(error).toMatchObject({ status: 429, code: 42900, retryAfterMs: 3_600_000 });
      expect((error as Error).message).toContain("3600 s");
      expect(server.count).toBe(1);
      // No retry was scheduled and the clock never moved: the call did not wait at all.
      expect(clock.retries).toEqual([]);
      expect(elapsed()).toBe(0);
    });

    it("runs out of retries with a RateLimitError", async () => {
      server.script(times(3, failure(429, 42900, "slow down", now)));
      const { error } = await outcome(() => client.voices.list());
      expect((error as Error).constructor).toBe(RateLimitError);
      expect(error).toMatchObject({ status: 429, retryAfterMs: 0 });
      expect(server.count).toBe(3);
    });
  });

  describe("408 and 409", () => {
    it.each([408, 409])("retries %i, then succeeds", async (status) => {
      server.script([failure(status, status * 100, "again", now), success(PAGE)]);
      expect(await client.voices.list()).toEqual(PAGE);
      expect(server.count).toBe(2);
    });

    it.each([408, 409])("%i after the retries is an ApiError with the status", async (status) => {
      server.script(times(3, failure(status, status * 100, "again", now)));
      const { error } = await outcome(() => client.voices.delete("abc"));
      expect((error as Error).constructor).toBe(ApiError);
      expect(error).toMatchObject({ status, code: status * 100 });
      expect(server.count).toBe(3);
    });
  });

  describe("statuses that are not retried", () => {
    it.each([
      [400, BadRequestError],
      [401, AuthenticationError],
      [404, NotFoundError],
      [422, ApiError],
    ] as const)("%i is sent once and becomes its class", async (status, ErrorClass) => {
      server.script(times(3, failure(status, status * 100, "no")));
      const { error } = await outcome(() => client.voices.get("abc"));
      expect((error as Error).constructor).toBe(ErrorClass);
      expect(error).toMatchObject({ status, code: status * 100, body: { message: "no" } });
      expect(server.count).toBe(1);
    });
  });

  describe("a 200 that is not a success", () => {
    const cases: [string, Step, RegExp][] = [
      [
        "plain text",
        reply(200, "OK"),
        /failed with HTTP 200: a body that is not the \{code, message, data\} envelope: "OK"/,
      ],
      ["an HTML page", reply(200, "<html><body>Welcome</body></html>", { "content-type": "text/html" }), /HTML page/],
      ["an empty body", reply(200, ""), /not the \{code, message, data\} envelope: ""/],
      ["JSON that is not the envelope", reply(200, { voices: [] }), /not the \{code, message, data\} envelope/],
      ["a success envelope without data", reply(200, { code: 0, message: "success" }), /no data/],
      [
        "truncated JSON",
        reply(200, '{"code":0,"message":"success","data":{"total_'),
        /not the \{code, message, data\} envelope/,
      ],
    ];
    it.each(cases)("%s is an InvalidResponseError, not retried", async (_name, step, message) => {
      server.script(times(3, step));
      const { error } = await outcome(() => client.voices.list());
      expect((error as Error).constructor).toBe(InvalidResponseError);
      expect((error as Error).message).toMatch(message);
      expect(error).toMatchObject({ status: 200 });
      expect(server.count).toBe(1);
    });

    it("a non-zero envelope code is an ApiError with the code and message, not retried", async () => {
      server.script(times(3, reply(200, { code: 40011, message: "voice is being processed", data: null })));
      const { error } = await outcome(() => client.voices.get("abc"));
      expect((error as Error).constructor).toBe(ApiError);
      expect(error).toMatchObject({ status: 200, code: 40011, body: { message: "voice is being processed" } });
      expect((error as Error).message).toContain("voice is being processed (code 40011)");
      expect(server.count).toBe(1);
    });

    it("a valid envelope whose page breaks the schema makes listAll fail with InvalidResponseError", async () => {
      server.script([success({ total_count: "many", voices: {} })]);
      const { error } = await outcome(async () => {
        for await (const _ of client.voices.listAll()) {
          // drained
        }
      });
      expect((error as Error).constructor).toBe(InvalidResponseError);
      expect(server.count).toBe(1);
    });
  });
});
