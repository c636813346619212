// Fault injection through the real client, on a fake clock: the client's typed errors and its retry
// counts, read from fake.requests. No test sleeps; time moves only when a test moves it.
import {
  ApiError,
  ConnectionError,
  createVoicesClient,
  RateLimitError,
  ServerError,
  TimeoutError,
} from "@noiz-voices/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFakeVoices, type FakeVoices, makeWav } from "../src/index.js";
import { judge, type Verdicts } from "./helpers/spec-judge.js";

let fake: FakeVoices;
let verdicts: Verdicts;
let client: ReturnType<typeof createVoicesClient>;

beforeEach(() => {
  vi.useFakeTimers();
  fake = createFakeVoices();
  const judged = judge(fake.fetch, fake.baseUrl);
  verdicts = judged.verdicts;
  // The defaults: 2 retries, 60 s per attempt.
  client = createVoicesClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, fetch: judged.fetch });
});
afterEach(() => {
  vi.useRealTimers();
  expect(verdicts.violations).toEqual([]);
});

/** Starts `call`, runs the fake clock until nothing is left to run, and settles it. */
async function settle<T>(call: Promise<T>): Promise<T | unknown> {
  const outcome = call.catch((error: unknown) => error);
  await vi.runAllTimersAsync();
  return outcome;
}
const statuses = (operation: string) =>
  fake.requests.filter((request) => request.operation === operation).map((request) => request.status);

describe("injected HTTP errors", () => {
  it("a 503 is retried with backoff; the retry gets the voice", async () => {
    fake.failNext("getVoice", { status: 503 });
    const voice = await settle(client.voices.get("builtin-aria"));
    expect(voice).toMatchObject({ voice_id: "builtin-aria" });
    expect(statuses("getVoice")).toEqual([503, 200]);
    expect(verdicts.undocumented).toEqual(["getVoice 503"]);
  });

  it("503 every time: a ServerError after 1 + maxRetries attempts, with the envelope's message", async () => {
    fake.failNext("listVoices", { status: 503, times: Number.POSITIVE_INFINITY });
    const error = await settle(client.voices.list());
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, code: 50300 });
    expect((error as Error).message).toMatch(/service unavailable/);
    expect(statuses("listVoices")).toEqual([503, 503, 503]);
  });

  it("takes the code and message it is given", async () => {
    fake.failNext("getVoice", { status: 500, code: 12345, message: "database on fire", times: 3 });
    const error = await settle(client.voices.get("builtin-aria"));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 500, code: 12345 });
    expect((error as Error).message).toMatch(/database on fire/);
  });

  it("a 429 without retryAfter sends Retry-After: 0, so the retries do not wait at all", async () => {
    fake.failNext("getVoice", { status: 429, times: 3 });
    const start = Date.now();
    const error = await settle(client.voices.get("builtin-aria"));
    // No time passed on the fake clock: Retry-After 0 replaced the backoff (500 ms, then 1 s).
    expect(Date.now()).toBe(start);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 42900, retryAfterMs: 0 });
    expect(statuses("getVoice")).toEqual([429, 429, 429]);
  });

  it("a 429 with retryAfter makes the client wait exactly that long", async () => {
    fake.failNext("getVoice", { status: 429, retryAfter: 2 });
    const outcome = client.voices.get("builtin-aria");
    await vi.advanceTimersByTimeAsync(1999);
    expect(statuses("getVoice")).toEqual([429]);
    await vi.advanceTimersByTimeAsync(1);
    expect((await outcome).voice_id).toBe("builtin-aria");
    expect(statuses("getVoice")).toEqual([429, 200]);
  });

  it("a clone that gets a 5xx is not retried (POST is not idempotent)", async () => {
    fake.failNext("cloneVoice", { status: 502 });
    const error = await settle(client.voices.clone({ file: new Blob([makeWav()]) }));
    expect(error).toBeInstanceOf(ServerError);
    expect(statuses("cloneVoice")).toEqual([502]);
    expect(fake.voices.filter((voice) => voice.voice_type === "custom")).toEqual([]);
  });
});

describe("an envelope error: HTTP 200 with a non-zero code", () => {
  it("is an ApiError with the code and message, and is not retried", async () => {
    fake.failNext("listVoices", { envelopeCode: 50001, message: "try again later" });
    const error = await settle(client.voices.list());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 200, code: 50001 });
    expect((error as Error).message).toMatch(/try again later/);
    expect(statuses("listVoices")).toEqual([200]);
    expect(verdicts.undocumented).toEqual(["listVoices 200"]);
  });
});

describe("network faults", () => {
  it("a reset is retried for a GET", async () => {
    fake.failNext("getVoice", { network: "reset" });
    const voice = await settle(client.voices.get("builtin-aria"));
    expect(voice).toMatchObject({ voice_id: "builtin-aria" });
    expect(statuses("getVoice")).toEqual([null, 200]);
  });

  it("a reset during a clone is a ConnectionError whose outcome is unknown, not retried", async () => {
    fake.failNext("cloneVoice", { network: "reset" });
    const error = await settle(client.voices.clone({ file: new Blob([makeWav()]) }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ outcomeUnknown: true });
    expect((error as Error).message).toMatch(/ECONNRESET/);
    expect(statuses("cloneVoice")).toEqual([null]);
  });

  it("a hang ends in the client's timeout, each attempt; a TimeoutError after the retries", async () => {
    const patient = createVoicesClient({
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      timeoutMs: 5_000,
      maxRetries: 1,
    });
    fake.failNext("getVoice", { hang: true, times: 2 });
    const outcome = patient.voices.get("builtin-aria").catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(statuses("getVoice")).toEqual([null]);
    await vi.runAllTimersAsync();
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/timed out after 5000 ms/);
    expect(statuses("getVoice")).toEqual([null, null]);
  });

  it("a hang is released by the caller's AbortSignal", async () => {
    fake.failNext("*", { hang: true });
    const controller = new AbortController();
    const pending = fake.fetch(`${fake.baseUrl}/voices`, {
      headers: { Authorization: fake.apiKey },
      signal: controller.signal,
    });
    controller.abort(new Error("gave up"));
    await expect(pending).rejects.toThrow("gave up");
  });

  it("a delay holds the answer back for delayMs on the test's clock", async () => {
    fake.failNext("getVoice", { delayMs: 3_000 });
    let answered = false;
    const outcome = client.voices.get("builtin-aria").then((voice) => {
      answered = true;
      return voice;
    });
    await vi.advanceTimersByTimeAsync(2_999);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await outcome).voice_id).toBe("builtin-aria");
    expect(statuses("getVoice")).toEqual([200]);
  });
});

describe("failNext", () => {
  it("queues faults in order; '*' matches any operation; each lasts its times", async () => {
    fake.failNext("getVoice", { status: 404, times: 2 });
    fake.failNext("*", { status: 400 });
    const noRetries = createVoicesClient({
      apiKey: fake.apiKey,
      baseUrl: fake.baseUrl,
      fetch: fake.fetch,
      maxRetries: 0,
    });
    await expect(noRetries.voices.list()).rejects.toMatchObject({ status: 400 });
    await expect(noRetries.voices.get("builtin-aria")).rejects.toMatchObject({ status: 404 });
    await expect(noRetries.voices.get("builtin-aria")).rejects.toMatchObject({ status: 404 });
    await expect(noRetries.voices.get("builtin-aria")).resolves.toMatchObject({ voice_id: "builtin-aria" });
  });

  it("reset() forgets queued faults", async () => {
    fake.failNext("*", { status: 500, times: Number.POSITIVE_INFINITY });
    fake.reset();
    expect((await client.voices.list({ voice_type: "built-in" })).total_count).toBe(12);
  });

  it.each([
    ["getVoices", { status: 503 }, /operation must be "\*" or one of listVoices, cloneVoice, getVoice, deleteVoice/],
    ["getVoice", {}, /exactly one of .* got none/],
    ["getVoice", { status: 503, hang: true }, /got status and hang/],
    [
      "getVoice",
      { status: 200 },
      /status must be an integer from 400 to 599 \(for an error inside HTTP 200, use \{ envelopeCode \}\)/,
    ],
    ["getVoice", { envelopeCode: 0 }, /envelopeCode must be a non-zero integer/],
    ["getVoice", { network: "timeout" }, /network must be "reset"/],
    ["getVoice", { delayMs: -1 }, /delayMs must be a number of milliseconds >= 0/],
    ["getVoice", { status: 503, times: 0 }, /times must be an integer >= 1 or Infinity/],
    ["getVoice", { status: 429, retryAfter: -1 }, /retryAfter must be seconds/],
  ])("refuses failNext(%j, %j) with a TypeError that says what is allowed", (operation, fault, message) => {
    expect(() => fake.failNext(operation as "getVoice", fault as { status: number })).toThrow(TypeError);
    expect(() => fake.failNext(operation as "getVoice", fault as { status: number })).toThrow(message);
  });
});
