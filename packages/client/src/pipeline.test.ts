// The pipeline through the real client on a scripted fetch: which attempts are sent again and how
// often, the waits it takes from the retry policy, timeouts, abort, and answers that are not a success.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  clientWith,
  cutBody,
  delayed,
  fail,
  hang,
  hangUntilAborted,
  networkError,
  ok,
  type Reply,
  rejectionOf,
  settle,
  stallBody,
  text,
  times,
  track,
  useFakeClock,
  voice,
  wavFile,
} from "../test/fake-fetch.js";
import type { Adapter, AdapterRequest } from "./adapter.js";
import { createVoicesClient } from "./client.js";
import {
  AbortError,
  ApiError,
  ConnectionError,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
} from "./errors.js";
import type { LogRecord } from "./log.js";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const page = { total_count: 1, voices: [voice("v1")] };
const deleted = { voice_id: "v1", display_name: "Voice v1", delete_time: 1738664823 };
// Retry-After: 0 keeps status retries instant under real timers.
const now = { "retry-after": "0" };

type Operation = "list" | "get" | "delete";
const run = (client: ReturnType<typeof clientWith>["client"], operation: Operation, options = {}): Promise<unknown> => {
  if (operation === "list") return client.voices.list({}, options);
  if (operation === "get") return client.voices.get("v1", options);
  return client.voices.delete("v1", options);
};
const success: Record<Operation, Reply> = { list: ok(page), get: ok(voice("v1")), delete: ok(deleted) };

describe("retries of GET and DELETE", () => {
  const cases = [
    [408, ApiError],
    [409, ApiError],
    [429, RateLimitError],
    [500, ServerError],
    [502, ServerError],
    [503, ServerError],
    [504, ServerError],
  ] as const;

  describe.each(["list", "get", "delete"] as const)("%s", (operation) => {
    it.each(cases)("retries HTTP %i twice by default, then throws", async (status, ErrorClass) => {
      const { client, fetch } = clientWith(times(3, fail(status, 50000, "busy", now)));
      const error = await rejectionOf(run(client, operation));
      expect(fetch.calls).toBe(3);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ status, code: 50000 });
      expect((error as Error).message).toContain("tried 3 times");
    });

    it.each(cases)("recovers when HTTP %i is followed by a success", async (status) => {
      const { client, fetch } = clientWith([fail(status, 1, "busy", now), success[operation]]);
      await expect(run(client, operation)).resolves.toBeDefined();
      expect(fetch.calls).toBe(2);
    });

    it.each([400, 401, 403, 404, 422])("does not retry HTTP %i", async (status) => {
      const { client, fetch } = clientWith(times(3, fail(status, status * 100, "no", now)));
      const error = await rejectionOf(run(client, operation));
      expect(fetch.calls).toBe(1);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status });
      expect((error as Error).message).not.toContain("tried");
    });

    it("retries network errors: reset, refused and a body cut mid-read", async () => {
      useFakeClock();
      const { client, fetch } = clientWith([
        networkError("ECONNRESET"),
        networkError("ECONNREFUSED"),
        cutBody(200, '{"code":0,"mess'),
        success[operation],
      ]);
      const outcome = await settle(run(client, operation, { maxRetries: 3 }));
      expect(outcome.rejected).toBe(false);
      expect(fetch.calls).toBe(4);
    });

    it("throws a ConnectionError once the retries are spent", async () => {
      useFakeClock();
      const { client, fetch } = clientWith(times(3, networkError("ECONNRESET")));
      const outcome = await settle(run(client, operation));
      expect(fetch.calls).toBe(3);
      expect(outcome.error).toBeInstanceOf(ConnectionError);
      const error = outcome.error as ConnectionError;
      expect(error).not.toBeInstanceOf(TimeoutError);
      expect(error.message).toContain("tried 3 times");
      expect(error.message).toContain("ECONNRESET");
      // GET and DELETE are idempotent: trying again is always safe, so nothing is "unknown".
      expect(error.outcomeUnknown).toBe(false);
    });
  });

  it("does not retry an HTTP 200 whose envelope code is not 0", async () => {
    const { client, fetch } = clientWith(times(3, fail(200, 50001, "try later")));
    const error = await rejectionOf(client.voices.list());
    expect(fetch.calls).toBe(1);
    expect(error).toBeInstanceOf(ApiError);
  });

  it("re-sends the same method, URL and headers", async () => {
    const { client, fetch } = clientWith([fail(503, 1, "busy", now), ok(voice("a b"))]);
    await client.voices.get("a b", { headers: { "x-trace": "t1" } });
    const [first, second] = fetch.requests;
    expect(second?.method).toBe("GET");
    expect(second?.url).toBe(first?.url);
    expect(second?.headers.get("authorization")).toBe("test-key");
    expect(second?.headers.get("x-trace")).toBe("t1");
  });
});

describe("maxRetries", () => {
  it("0 on the client disables retries", async () => {
    const { client, fetch } = clientWith(times(5, fail(503, 1, "busy", now)), { maxRetries: 0 });
    await expect(client.voices.list()).rejects.toBeInstanceOf(ServerError);
    expect(fetch.calls).toBe(1);
  });

  it("a higher value on the client allows more attempts", async () => {
    const { client, fetch } = clientWith(times(6, fail(503, 1, "busy", now)), { maxRetries: 5 });
    const error = await rejectionOf(client.voices.list());
    expect(fetch.calls).toBe(6);
    expect((error as Error).message).toContain("tried 6 times");
  });

  it("per call overrides the client: 0 disables", async () => {
    const { client, fetch } = clientWith(times(5, fail(503, 1, "busy", now)), { maxRetries: 4 });
    await expect(client.voices.get("v1", { maxRetries: 0 })).rejects.toBeInstanceOf(ServerError);
    expect(fetch.calls).toBe(1);
  });

  it("per call overrides the client: more than the client's", async () => {
    const { client, fetch } = clientWith(times(5, fail(429, 1, "slow down", now)), { maxRetries: 0 });
    await expect(client.voices.delete("v1", { maxRetries: 3 })).rejects.toBeInstanceOf(RateLimitError);
    expect(fetch.calls).toBe(4);
  });

  it("per call 0 disables network retries too", async () => {
    const { client, fetch } = clientWith(times(3, networkError("ECONNRESET")));
    await expect(client.voices.list({}, { maxRetries: 0 })).rejects.toBeInstanceOf(ConnectionError);
    expect(fetch.calls).toBe(1);
  });
});

describe("waiting between attempts (fake clock)", () => {
  // How long each wait is (the backoff, Retry-After, the 60 s ceiling) is the retry policy's, tested
  // in retry.test.ts. The pipeline owes: it waits exactly the delay the policy gave, sends nothing
  // before, reports that delay in the log record, and ends the call at once when there is none.
  const gaps = (at: number[]) => at.slice(1).map((time, i) => time - (at[i] as number));
  const retryRecords = () => {
    const delays: number[] = [];
    const read = (_line: string, record?: unknown) => {
      const delay = (record as LogRecord | undefined)?.retryInMs;
      if (delay !== undefined) delays.push(delay);
    };
    return { delays, logger: { debug: () => {}, info: read, warn: read, error: read }, logLevel: "warn" as const };
  };

  it("waits exactly the delay the policy gave before each retry, and logs it as retryInMs", async () => {
    useFakeClock();
    const log = retryRecords();
    const { client, fetch } = clientWith(times(4, networkError("ECONNRESET")), { maxRetries: 3, ...log });
    await settle(client.voices.list());
    expect(fetch.calls).toBe(4);
    expect(log.delays).toHaveLength(3);
    expect(gaps(fetch.at)).toEqual(log.delays);
    // The policy's backoff (its numbers are retry.test.ts's): each wait longer than the one before.
    expect(log.delays[0]).toBeGreaterThan(0);
    expect(log.delays[1]).toBeGreaterThan(log.delays[0] as number);
  });

  it("reads Retry-After from the answer, an HTTP date against the clock", async () => {
    useFakeClock();
    const until = new Date(Date.now() + 7000).toUTCString();
    const log = retryRecords();
    const { client, fetch } = clientWith([fail(503, 1, "busy", { "retry-after": until }), ok(page)], log);
    const outcome = await settle(client.voices.list());
    expect(outcome.value).toEqual(page);
    expect(gaps(fetch.at)).toEqual([7000]);
    expect(log.delays).toEqual([7000]);
  });

  it("does not send the retry before Retry-After has passed", async () => {
    useFakeClock();
    const { client, fetch } = clientWith([fail(429, 1, "quota", { "retry-after": "10" }), ok(page)]);
    const state = track(client.voices.list());
    await vi.advanceTimersByTimeAsync(9_999);
    expect(fetch.calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(fetch.calls).toBe(2);
    expect(state.value).toEqual(page);
  });

  it("hands back a wait the policy will not take (Retry-After over 60 s) as a RateLimitError at once", async () => {
    useFakeClock();
    const { client, fetch } = clientWith(times(3, fail(429, 42900, "quota", { "retry-after": "61" })));
    const state = track(client.voices.list());
    await vi.advanceTimersByTimeAsync(0);
    expect(state.settled).toBe(true);
    expect(fetch.calls).toBe(1);
    expect(state.error).toBeInstanceOf(RateLimitError);
    expect(state.error).toMatchObject({ status: 429, code: 42900, retryAfterMs: 61_000 });
    expect((state.error as Error).message).toContain("wait 61 s");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("reports retryAfterMs on the final RateLimitError", async () => {
    const { client } = clientWith([fail(429, 42900, "quota", { "retry-after": "0" })], { maxRetries: 0 });
    const error = await rejectionOf(client.voices.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(0);
  });

  it("leaves retryAfterMs undefined when the service did not say", async () => {
    const { client } = clientWith([fail(429, 42900, "quota")], { maxRetries: 0 });
    const error = (await rejectionOf(client.voices.list())) as RateLimitError;
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.message).toContain("raise the key's quota");
  });
});

describe("clone is never re-sent once it may have arrived", () => {
  const cloned = { voice_id: "new1" };
  const body = () => ({ file: wavFile("me.wav", 256), display_name: "Me", denoise: true, language: "en" });

  it.each(["ECONNREFUSED", "ENOTFOUND"])(
    "is retried after %s (the request never left) with the full multipart body",
    async (code) => {
      useFakeClock();
      const { client, fetch } = clientWith([networkError(code), ok(cloned)]);
      const input = body();
      const outcome = await settle(client.voices.clone(input));
      expect(outcome.value).toEqual(cloned);
      expect(fetch.calls).toBe(2);
      const retry = fetch.requests[1] as Request;
      expect(retry.method).toBe("POST");
      expect(retry.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
      const form = await retry.formData();
      const file = form.get("file") as File;
      expect(file).toBeInstanceOf(Blob);
      expect(file.name).toBe("me.wav");
      expect(file.type).toBe("audio/wav");
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array(await input.file.arrayBuffer()));
      expect(form.get("display_name")).toBe("Me");
      expect(form.get("denoise")).toBe("true");
      expect(form.get("language")).toBe("en");
    },
  );

  it("gives up after maxRetries refused connections, saying it never arrived", async () => {
    useFakeClock();
    const { client, fetch } = clientWith(times(3, networkError("ECONNREFUSED")));
    const outcome = await settle(client.voices.clone(body()));
    expect(fetch.calls).toBe(3);
    const error = outcome.error as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.outcomeUnknown).toBe(false);
    expect(error.message).not.toMatch(/unknown/);
  });

  const mayHaveArrived: [string, Reply][] = [
    ["a connection reset after sending", networkError("ECONNRESET", "read ECONNRESET")],
    ["a fetch failure that does not say why (browsers)", () => Promise.reject(new TypeError("Failed to fetch"))],
    ["a body cut mid-read", cutBody(200, '{"code":0,"message":"success","data":{"voi')],
  ];

  it.each(mayHaveArrived)("is not re-sent after %s, and says the outcome is unknown", async (_, reply) => {
    useFakeClock();
    const { client, fetch } = clientWith([reply, ok(cloned), ok(cloned)], { maxRetries: 2 });
    const outcome = await settle(client.voices.clone(body()));
    expect(fetch.calls).toBe(1);
    const error = outcome.error as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.outcomeUnknown).toBe(true);
    expect(error.message).toMatch(/The outcome is unknown: list your voices before trying again\.$/);
    expect(error.toJSON()).toMatchObject({ outcomeUnknown: true });
  });

  it("is not re-sent after a timeout, and says the outcome is unknown", async () => {
    useFakeClock();
    const { client, fetch } = clientWith([hangUntilAborted(), ok(cloned)], { timeoutMs: 1000 });
    const outcome = await settle(client.voices.clone(body()));
    expect(fetch.calls).toBe(1);
    const error = outcome.error as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.outcomeUnknown).toBe(true);
    expect(error.message).toMatch(/The outcome is unknown/);
  });

  it.each([
    [503, ServerError],
    [429, RateLimitError],
  ] as const)("is not re-sent after HTTP %i, which a GET would retry", async (status, ErrorClass) => {
    const { client, fetch } = clientWith(times(3, fail(status, 1, "busy", now)), { maxRetries: 2 });
    const error = await rejectionOf(client.voices.clone(body()));
    expect(fetch.calls).toBe(1);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status });
  });

  it("says a clone that met a 5xx may still have been carried out, and a GET does not", async () => {
    const { client } = clientWith([fail(502, 1, "bad gateway"), fail(502, 1, "bad gateway")], { maxRetries: 0 });
    const cloneError = (await rejectionOf(client.voices.clone(body()))) as ServerError;
    expect(cloneError.outcomeUnknown).toBe(true);
    expect(cloneError.message).toMatch(/The outcome is unknown/);
    const getError = (await rejectionOf(client.voices.get("v1"))) as ServerError;
    expect(getError.outcomeUnknown).toBeUndefined();
    expect(getError.message).toMatch(/Try again later/);
  });

  it.each([
    ["null", null],
    ["a string", "v1"],
  ])("rejects a success envelope whose data is %s", async (_, data) => {
    const { client } = clientWith([ok(data)], { maxRetries: 0 });
    expect(await rejectionOf(client.voices.get("v1"))).toBeInstanceOf(InvalidResponseError);
  });

  it("is not retried after a refused connection when maxRetries is 0", async () => {
    const { client, fetch } = clientWith([networkError("ECONNREFUSED"), ok(cloned)]);
    const error = await rejectionOf(client.voices.clone(body(), { maxRetries: 0 }));
    expect(fetch.calls).toBe(1);
    expect(error).toMatchObject({ outcomeUnknown: false });
  });

  it("is retried from a voice_url too, re-sending the URL", async () => {
    useFakeClock();
    const { client, fetch } = clientWith([networkError("ECONNREFUSED"), ok(cloned)]);
    await settle(client.voices.clone({ voice_url: "https://example.com/a.mp3" }));
    expect(fetch.calls).toBe(2);
    expect((await (fetch.requests[1] as Request).formData()).get("voice_url")).toBe("https://example.com/a.mp3");
  });
});

describe("timeouts", () => {
  it("the client default is 60 s", async () => {
    useFakeClock();
    const { client, fetch } = clientWith([hang()], { maxRetries: 0 });
    const state = track(client.voices.list());
    await vi.advanceTimersByTimeAsync(59_999);
    expect(state.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.error).toBeInstanceOf(TimeoutError);
    expect((state.error as Error).message).toContain("timed out after 60000 ms");
    expect(fetch.signals[0]?.aborted).toBe(true);
  });

  it("takes timeoutMs from the client", async () => {
    useFakeClock();
    const { client } = clientWith([hangUntilAborted()], { maxRetries: 0, timeoutMs: 250 });
    const state = track(client.voices.get("v1"));
    await vi.advanceTimersByTimeAsync(249);
    expect(state.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.error).toBeInstanceOf(TimeoutError);
    expect(state.error).not.toBeInstanceOf(AbortError);
  });

  it("takes timeoutMs per call over the client's", async () => {
    useFakeClock();
    const { client } = clientWith([hang()], { maxRetries: 0, timeoutMs: 60_000 });
    const state = track(client.voices.delete("v1", { timeoutMs: 100 }));
    await vi.advanceTimersByTimeAsync(100);
    expect(state.error).toBeInstanceOf(TimeoutError);
    expect((state.error as Error).message).toContain("100 ms");
  });

  it("ends a fetch that never resolves and ignores its signal", async () => {
    const { client } = clientWith([hang()], { maxRetries: 0, timeoutMs: 20 });
    const error = await rejectionOf(client.voices.list());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
  });

  it("covers the body too: a body that stalls after the headers times out", async () => {
    const { client } = clientWith([stallBody()], { maxRetries: 0, timeoutMs: 20 });
    await expect(client.voices.list()).rejects.toBeInstanceOf(TimeoutError);
  });

  it("applies to each attempt, and a timed-out GET is retried", async () => {
    useFakeClock();
    const { client, fetch } = clientWith([hang(), hang(), hang()], { timeoutMs: 1000 });
    const outcome = await settle(client.voices.list());
    expect(fetch.calls).toBe(3);
    expect(outcome.error).toBeInstanceOf(TimeoutError);
    expect((outcome.error as Error).message).toContain("tried 3 times");
    expect((outcome.error as TimeoutError).outcomeUnknown).toBe(false);
  });

  it("a slow but timely response is not a timeout", async () => {
    useFakeClock();
    const { client } = clientWith([delayed(900, ok(page))], { timeoutMs: 1000 });
    const outcome = await settle(client.voices.list());
    expect(outcome.value).toEqual(page);
  });
});

describe("abort", () => {
  it("before send: AbortError and no request", async () => {
    const { client, fetch } = clientWith([ok(page)]);
    const controller = new AbortController();
    const reason = new Error("user left");
    controller.abort(reason);
    const error = await rejectionOf(client.voices.list({}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toBe(reason);
    expect(fetch.calls).toBe(0);
  });

  it("before send of a clone: no request", async () => {
    const { client, fetch } = clientWith([ok({ voice_id: "x" })]);
    const error = await rejectionOf(client.voices.clone({ file: wavFile() }, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(AbortError);
    expect(fetch.calls).toBe(0);
  });

  it.each([
    ["honours its signal", hangUntilAborted()],
    ["ignores its signal", hang()],
  ])("during a request whose fetch %s: ends at once, no retry", async (_, reply) => {
    useFakeClock();
    const { client, fetch } = clientWith([reply, ok(page)]);
    const controller = new AbortController();
    const state = track(client.voices.get("v1", { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    expect(fetch.calls).toBe(1);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.error).toBeInstanceOf(AbortError);
    expect(fetch.signals[0]?.aborted).toBe(true);
    expect(fetch.calls).toBe(1);
  });

  it("while the body is being read", async () => {
    useFakeClock();
    const { client } = clientWith([stallBody()]);
    const controller = new AbortController();
    const state = track(client.voices.list({}, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.error).toBeInstanceOf(AbortError);
  });

  it("during a backoff wait: ends at once without another request", async () => {
    useFakeClock();
    const { client, fetch } = clientWith([fail(503, 1, "busy"), ok(page)]);
    const controller = new AbortController();
    const state = track(client.voices.list({}, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(100);
    expect(fetch.calls).toBe(1);
    expect(state.settled).toBe(false);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.error).toBeInstanceOf(AbortError);
    expect((state.error as Error).message).toContain("GET /v1/voices was aborted");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fetch.calls).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("during a Retry-After wait", async () => {
    useFakeClock();
    const { client, fetch } = clientWith([fail(429, 1, "quota", { "retry-after": "30" }), ok(page)]);
    const controller = new AbortController();
    const state = track(client.voices.delete("v1", { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(5_000);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.error).toBeInstanceOf(AbortError);
    expect(fetch.calls).toBe(1);
  });

  it("is not mistaken for a timeout or a network error", async () => {
    let sent: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => {
      sent = resolve;
    });
    const { client, fetch } = clientWith(
      [
        (request, signal) => {
          sent();
          return hangUntilAborted()(request, signal);
        },
      ],
      { timeoutMs: 60_000 },
    );
    const controller = new AbortController();
    const pending = rejectionOf(client.voices.list({}, { signal: controller.signal }));
    // Aborted while the request is in flight.
    await inFlight;
    controller.abort();
    const error = await pending;
    expect(fetch.calls).toBe(1);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).not.toBeInstanceOf(ConnectionError);
  });
});

describe("responses that are not a success envelope", () => {
  it("HTTP 200 with a non-zero code is an ApiError with the envelope's code and message", async () => {
    const { client } = clientWith([fail(200, 40003, "voice is still processing")]);
    const error = (await rejectionOf(client.voices.get("v1"))) as ApiError;
    expect(error.constructor).toBe(ApiError);
    expect(error).toMatchObject({ status: 200, code: 40003 });
    expect(error.message).toContain("voice is still processing (code 40003)");
    expect(error.body).toEqual({ code: 40003, message: "voice is still processing", data: null });
    expect(error.headers?.get("content-type")).toBe("application/json");
  });

  it("an HTML 502 page is a ServerError, never a crash", async () => {
    const html = "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>";
    const { client, fetch } = clientWith(times(3, text(502, html, { "content-type": "text/html" })), {
      maxRetries: 2,
    });
    useFakeClock();
    const outcome = await settle(client.voices.list());
    expect(fetch.calls).toBe(3);
    const error = outcome.error as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 502, code: undefined, body: html });
    expect(error.message).toMatch(/HTTP 502 .*: an HTML page/);
  });

  it.each([
    ["not JSON", "hello"],
    ["truncated JSON", '{"code":0,"message":"success","data":{"voi'],
    ["JSON without the envelope", '{"voices":[]}'],
    ["a JSON array", "[1,2,3]"],
    ["JSON null", "null"],
    ["an envelope with a non-integer code", '{"code":"0","message":"success","data":{}}'],
    ["a success envelope without data", '{"code":0,"message":"success"}'],
    ["an empty body", ""],
  ])("HTTP 200 with %s is an InvalidResponseError", async (_, body) => {
    const { client, fetch } = clientWith(times(3, text(200, body, { "content-type": "application/json" })));
    const error = await rejectionOf(client.voices.list());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200 });
    expect(fetch.calls).toBe(1);
  });

  it("an error status with an empty body keeps its class, without a code", async () => {
    const { client } = clientWith([text(404, "")]);
    const error = await rejectionOf(client.voices.get("v1"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: undefined, body: "" });
  });

  it("keeps only a short snippet of a huge non-JSON body", async () => {
    const { client } = clientWith([text(500, "x".repeat(100_000))], { maxRetries: 0 });
    const error = (await rejectionOf(client.voices.list())) as ServerError;
    expect(typeof error.body).toBe("string");
    expect((error.body as string).length).toBeLessThanOrEqual(201);
    expect(error.message.length).toBeLessThan(500);
  });

  it("a fetch that resolves with something other than a Response is a ConnectionError", async () => {
    const { client } = clientWith([() => undefined as unknown as Response], { maxRetries: 0 });
    await expect(client.voices.list()).rejects.toBeInstanceOf(ConnectionError);
  });
});

describe("the adapter seam", () => {
  const answer = (data: unknown) => ({
    status: 200,
    headers: new Headers({ "content-type": "application/json" }),
    body: new TextEncoder().encode(JSON.stringify({ code: 0, message: "success", data })),
  });

  it("sends every attempt through the `adapter` option, described once", async () => {
    const seen: AdapterRequest[] = [];
    const adapter: Adapter = async (request) => {
      seen.push(request);
      return answer({ total_count: 0, voices: [] });
    };
    const client = createVoicesClient({ apiKey: "k", baseUrl: "https://api.test/v1", adapter, maxResponseBytes: 4096 });
    await client.voices.list({ voice_type: "custom", keyword: "a b&c", skip: 0, limit: 5 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: "GET",
      url: "https://api.test/v1/voices?voice_type=custom&keyword=a%20b%26c&skip=0&limit=5",
      body: null,
      maxResponseBytes: 4096,
    });
    expect(seen[0]?.headers.get("authorization")).toBe("k");
    expect(seen[0]?.signal).toBeInstanceOf(AbortSignal);
  });

  it("hands a clone over as one multipart description, not a FormData", async () => {
    const seen: AdapterRequest[] = [];
    const client = createVoicesClient({
      apiKey: "k",
      adapter: async (request) => {
        seen.push(request);
        return answer({ voice_id: "v" });
      },
    });
    const file = wavFile("dir\\me.wav");
    await client.voices.clone({ file, display_name: "Me" });
    expect(seen[0]?.body).toEqual({
      parts: [
        { name: "display_name", value: "Me" },
        { name: "file", filename: "me.wav", type: "audio/wav", data: file },
      ],
    });
  });

  it("a ValidationError raised while a body is sent reaches the caller as it is, not re-sent", async () => {
    const thrown = new ValidationError("path", "the file changed while it was read");
    let calls = 0;
    const client = createVoicesClient({
      apiKey: "k",
      adapter: async () => {
        calls++;
        throw thrown;
      },
    });
    expect(await rejectionOf(client.voices.clone({ file: wavFile() }))).toBe(thrown);
    expect(await rejectionOf(client.voices.get("v1"))).toBe(thrown);
    expect(calls).toBe(2);
  });

  it("ends an attempt on time when the adapter ignores its signal", async () => {
    useFakeClock();
    const client = createVoicesClient({
      apiKey: "k",
      maxRetries: 0,
      timeoutMs: 500,
      adapter: () => new Promise(() => {}),
    });
    const outcome = await settle(client.voices.get("v1"));
    expect(outcome.error).toBeInstanceOf(TimeoutError);
  });

  it("passes maxResponseBytes per call over the client's", async () => {
    const limits: number[] = [];
    const client = createVoicesClient({
      apiKey: "k",
      adapter: async (request) => {
        limits.push(request.maxResponseBytes);
        return answer({ voice_id: "v" });
      },
    });
    await client.voices.get("v1");
    await client.voices.get("v1", { maxResponseBytes: 10 });
    expect(limits).toEqual([8 * 1024 * 1024, 10]);
  });

  it("a body over the cap is an InvalidResponseError, not retried", async () => {
    const { client, fetch } = clientWith(times(3, text(200, "x".repeat(2000))), { maxResponseBytes: 1000 });
    const error = await rejectionOf(client.voices.list());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/maxResponseBytes \(1000 bytes\)/);
    expect(fetch.calls).toBe(1);
  });
});
