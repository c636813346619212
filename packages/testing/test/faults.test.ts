// The fake's fault injection, tested on the fake itself: what `failNext` makes `fake.fetch` answer
// (status, envelope, headers, a reset, a hang, a delay), for how many requests, in what order, what
// `fake.requests` records, and that every answer still keeps the spec. No client is involved: how
// the client retries, waits and sorts these answers is the client's own test (packages/client/src/
// pipeline.test.ts on a scripted fetch, retry.test.ts for the policy). Time is a fake clock.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFakeVoices, type FakeVoices } from "../src/index.js";
import { judge, type Verdicts } from "./helpers/spec-judge.js";

let fake: FakeVoices;
let verdicts: Verdicts;
let fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

beforeEach(() => {
  vi.useFakeTimers();
  fake = createFakeVoices();
  ({ fetch, verdicts } = judge(fake.fetch, fake.baseUrl));
});
afterEach(() => {
  vi.useRealTimers();
  // Every answer a fault gave is still the spec's envelope.
  expect(verdicts.violations).toEqual([]);
});

const get = (id = "builtin-aria", init: RequestInit = {}) =>
  fetch(`${fake.baseUrl}/voices/${id}`, { ...init, headers: { Authorization: fake.apiKey } });
const list = () => fetch(`${fake.baseUrl}/voices?voice_type=built-in`, { headers: { Authorization: fake.apiKey } });
const statuses = (operation: string) =>
  fake.requests.filter((request) => request.operation === operation).map((request) => request.status);
/** Whether `promise` has settled after the microtasks and timers due now have run. */
async function settledYet(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  await vi.advanceTimersByTimeAsync(0);
  return settled;
}

describe("{ status }", () => {
  it("answers the status with the error envelope: code status × 100 and the status's reason by default", async () => {
    fake.failNext("getVoice", { status: 503 });
    const response = await get();
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ code: 50300, message: "service unavailable", data: null });
    expect(verdicts.undocumented).toEqual(["getVoice 503"]);
  });

  it("takes the code and message it is given", async () => {
    fake.failNext("getVoice", { status: 500, code: 12345, message: "database on fire" });
    const response = await get();
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ code: 12345, message: "database on fire", data: null });
  });

  it("answers before the key is checked: a fault needs no valid key", async () => {
    fake.failNext("getVoice", { status: 502 });
    const response = await fetch(`${fake.baseUrl}/voices/builtin-aria`);
    expect(response.status).toBe(502);
  });

  it("lasts `times` requests, then the fake answers as usual", async () => {
    fake.failNext("getVoice", { status: 503, times: 2 });
    for (let i = 0; i < 3; i++) await get();
    expect(statuses("getVoice")).toEqual([503, 503, 200]);
  });

  it("lasts until reset() with times: Infinity", async () => {
    fake.failNext("listVoices", { status: 500, times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 5; i++) await list();
    expect(statuses("listVoices")).toEqual([500, 500, 500, 500, 500]);
    fake.reset();
    const response = await list();
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { total_count: number } }).data.total_count).toBe(12);
  });

  it("sends Retry-After only with a 429 (0 unless given) or when asked", async () => {
    fake.failNext("getVoice", { status: 429 });
    fake.failNext("getVoice", { status: 429, retryAfter: "Wed, 21 Oct 2099 07:28:00 GMT" });
    fake.failNext("getVoice", { status: 503 });
    fake.failNext("getVoice", { status: 503, retryAfter: 7 });
    const headers = [];
    for (let i = 0; i < 4; i++) headers.push((await get()).headers.get("retry-after"));
    expect(headers).toEqual(["0", "Wed, 21 Oct 2099 07:28:00 GMT", null, "7"]);
    expect(statuses("getVoice")).toEqual([429, 429, 503, 503]);
  });

  it("changes nothing: a failed clone adds no voice", async () => {
    fake.failNext("cloneVoice", { status: 502 });
    const form = new FormData();
    form.set("voice_url", "https://example.com/me.mp3");
    const response = await fetch(`${fake.baseUrl}/voices`, {
      method: "POST",
      headers: { Authorization: fake.apiKey },
      body: form,
    });
    expect(response.status).toBe(502);
    expect(fake.voices.filter((voice) => voice.voice_type === "custom")).toEqual([]);
  });
});

describe("{ envelopeCode }", () => {
  it("answers HTTP 200 with a failing envelope, checked as the error envelope", async () => {
    fake.failNext("listVoices", { envelopeCode: 50001, message: "try again later" });
    const response = await list();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ code: 50001, message: "try again later", data: null });
    expect(statuses("listVoices")).toEqual([200]);
    expect(verdicts.undocumented).toEqual(["listVoices 200"]);
  });

  it('says "injected error" without a message', async () => {
    fake.failNext("getVoice", { envelopeCode: 7 });
    expect(await (await get()).json()).toEqual({ code: 7, message: "injected error", data: null });
  });
});

describe('{ network: "reset" }', () => {
  it("rejects as Node's fetch does for a reset: TypeError with an ECONNRESET cause; no status recorded", async () => {
    fake.failNext("getVoice", { network: "reset" });
    const error = await get().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("fetch failed");
    expect((error as Error).cause).toMatchObject({ code: "ECONNRESET" });
    expect(statuses("getVoice")).toEqual([null]);
    // The next request is answered.
    expect((await get()).status).toBe(200);
  });
});

describe("{ hang: true }", () => {
  it("never answers, however long the clock runs", async () => {
    fake.failNext("getVoice", { hang: true });
    const pending = get();
    pending.catch(() => {});
    await vi.advanceTimersByTimeAsync(24 * 60 * 60 * 1000);
    expect(await settledYet(pending)).toBe(false);
    expect(statuses("getVoice")).toEqual([null]);
  });

  it("is released by the caller's AbortSignal, rejecting with its reason", async () => {
    fake.failNext("*", { hang: true });
    const controller = new AbortController();
    const pending = fetch(`${fake.baseUrl}/voices`, {
      headers: { Authorization: fake.apiKey },
      signal: controller.signal,
    });
    controller.abort(new Error("gave up"));
    await expect(pending).rejects.toThrow("gave up");
  });
});

describe("{ delayMs }", () => {
  it("holds the usual answer back for delayMs on the test's clock", async () => {
    fake.failNext("getVoice", { delayMs: 3_000 });
    const pending = get();
    await vi.advanceTimersByTimeAsync(2_999);
    expect(await settledYet(pending)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { voice_id: string } }).data.voice_id).toBe("builtin-aria");
    expect(statuses("getVoice")).toEqual([200]);
  });

  it("is cut short by the caller's AbortSignal", async () => {
    fake.failNext("getVoice", { delayMs: 60_000 });
    const controller = new AbortController();
    const pending = get("builtin-aria", { signal: controller.signal });
    controller.abort(new Error("no time"));
    await expect(pending).rejects.toThrow("no time");
  });
});

describe("failNext", () => {
  it("queues faults in order; '*' matches any operation; each lasts its times", async () => {
    fake.failNext("getVoice", { status: 404, times: 2 });
    fake.failNext("*", { status: 400 });
    expect((await list()).status).toBe(400);
    expect((await get()).status).toBe(404);
    expect((await get()).status).toBe(404);
    expect((await get()).status).toBe(200);
    expect((await list()).status).toBe(200);
  });

  it("applies to its operation only: others are answered as usual", async () => {
    fake.failNext("deleteVoice", { status: 503 });
    expect((await get()).status).toBe(200);
    expect((await list()).status).toBe(200);
    expect(statuses("getVoice")).toEqual([200]);
  });

  it("reset() forgets queued faults", async () => {
    fake.failNext("*", { status: 500, times: Number.POSITIVE_INFINITY });
    fake.reset();
    expect((await list()).status).toBe(200);
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
    ["getVoice", { delayMs: -1 }, /delayMs must be a number of milliseconds from 0 to 2147483647/],
    // Past what a timer can wait: the message says where the range ends, and what never answers.
    ["getVoice", { delayMs: 3_000_000_000 }, /from 0 to 2147483647 .*\{ hang: true \}/],
    ["getVoice", { status: 503, times: 0 }, /times must be an integer >= 1 or Infinity/],
    ["getVoice", { status: 429, retryAfter: -1 }, /retryAfter must be seconds/],
  ])("refuses failNext(%j, %j) with a TypeError that says what is allowed", (operation, fault, message) => {
    expect(() => fake.failNext(operation as "getVoice", fault as { status: number })).toThrow(TypeError);
    expect(() => fake.failNext(operation as "getVoice", fault as { status: number })).toThrow(message);
  });
});
