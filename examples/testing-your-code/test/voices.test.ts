// A user's test file: code on the Voices SDK tested against @noiz-voices/testing's fake, through the
// packages' public names only. No server, no network, no Prism; time is a fake clock.
import {
  ApiError,
  ConnectionError,
  createVoicesClient,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type VoicesClient,
} from "@noiz-voices/client";
import { createFakeVoices, makeWav } from "@noiz-voices/testing";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const fake = createFakeVoices({
  voices: Array.from({ length: 23 }, (_, i) => ({ display_name: `Seeded ${String(i).padStart(2, "0")}` })),
});
const client: VoicesClient = createVoicesClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, fetch: fake.fetch });
const wav = (seconds: number) => new File([makeWav({ seconds })], "me.wav", { type: "audio/wav" });
/** `operation status` of every request the fake received, in order. */
const seen = () => fake.requests.map((request) => `${request.operation} ${request.status}`);

beforeEach(() => fake.reset());

describe("the voice's life: clone, list, get, delete, 404", () => {
  it("clones a voice, finds it in the list, gets it, deletes it, and then gets a 404", async () => {
    const cloned = await client.voices.clone({ file: wav(2.5), display_name: "My voice", language: "de" });
    expect(cloned).toMatchObject({ voice_display_name: "My voice", language: "de", duration: 2.5 });

    const found = await client.voices.list({ keyword: "my voice" });
    expect(found.total_count).toBe(1);
    expect(found.voices.map((voice) => voice.voice_id)).toEqual([cloned.voice_id]);

    const voice = await client.voices.get(cloned.voice_id);
    expect(voice).toMatchObject({ voice_id: cloned.voice_id, display_name: "My voice", voice_type: "custom" });

    const deleted = await client.voices.delete(cloned.voice_id);
    expect(deleted).toMatchObject({ voice_id: cloned.voice_id, display_name: "My voice" });
    expect(deleted.delete_time).toBeGreaterThan(0);

    const gone = await client.voices.get(cloned.voice_id).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone).toMatchObject({ status: 404, code: 40400 });
    expect((await client.voices.list({ keyword: "my voice" })).total_count).toBe(0);
    expect(seen()).toEqual([
      "cloneVoice 200",
      "listVoices 200",
      "getVoice 200",
      "deleteVoice 200",
      "getVoice 404",
      "listVoices 200",
    ]);
  });
});

describe("paging through seeded voices", () => {
  it("pages by page number with a true total_count, and listAll walks every page once", async () => {
    const pages = [];
    for (let skip = 0; skip < 3; skip++) pages.push(await client.voices.list({ skip, limit: 10 }));
    expect(pages.map((page) => page.total_count)).toEqual([23, 23, 23]);
    expect(pages.map((page) => page.voices.length)).toEqual([10, 10, 3]);
    expect(pages[2]?.voices.map((voice) => voice.display_name)).toEqual(["Seeded 20", "Seeded 21", "Seeded 22"]);

    fake.reset();
    const names: string[] = [];
    for await (const voice of client.voices.listAll({ limit: 10 })) names.push(voice.display_name);
    expect(names).toHaveLength(23);
    expect(new Set(names).size).toBe(23);
    expect(fake.requests.map((request) => request.query.skip)).toEqual(["0", "1", "2"]);
  });
});

describe("faults: the client's typed errors and retries, on a fake clock", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Starts `call`, runs the fake clock until nothing is left to run, and settles it. */
  async function settle<T>(call: Promise<T>): Promise<T | unknown> {
    const outcome = call.catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    return outcome;
  }

  it("a 503 is retried and the retry succeeds; 503 three times is a ServerError", async () => {
    fake.failNext("getVoice", { status: 503 });
    expect(await settle(client.voices.get("builtin-aria"))).toMatchObject({ voice_id: "builtin-aria" });
    fake.failNext("getVoice", { status: 503, times: 3 });
    const error = await settle(client.voices.get("builtin-aria"));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503 });
    expect(seen()).toEqual(["getVoice 503", "getVoice 200", "getVoice 503", "getVoice 503", "getVoice 503"]);
  });

  it("a 429 is retried at once (Retry-After: 0), then a RateLimitError", async () => {
    fake.failNext("listVoices", { status: 429, times: 3 });
    const error = await settle(client.voices.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 0 });
    expect(seen()).toEqual(["listVoices 429", "listVoices 429", "listVoices 429"]);
  });

  it("an envelope error (HTTP 200, code not 0) is an ApiError, not retried", async () => {
    fake.failNext("listVoices", { envelopeCode: 1001, message: "quota check failed" });
    const error = await settle(client.voices.list());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, code: 1001 });
    expect((error as ApiError).message).toContain("quota check failed");
    expect(seen()).toEqual(["listVoices 200"]);
  });

  it("a hang ends in the client's timeout on each attempt: a TimeoutError after the retries", async () => {
    fake.failNext("getVoice", { hang: true, times: 3 });
    expect(await settle(client.voices.get("builtin-aria"))).toBeInstanceOf(TimeoutError);
    expect(seen()).toEqual(["getVoice null", "getVoice null", "getVoice null"]);
  });

  it("a reset connection is retried for a GET; a clone is not retried, and its outcome is unknown", async () => {
    fake.failNext("getVoice", { network: "reset" });
    expect(await settle(client.voices.get("builtin-aria"))).toMatchObject({ voice_id: "builtin-aria" });
    fake.failNext("cloneVoice", { network: "reset" });
    const error = await settle(client.voices.clone({ file: wav(1) }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ outcomeUnknown: true });
    expect(seen()).toEqual(["getVoice null", "getVoice 200", "cloneVoice null"]);
  });

  it("fake.reset() forgets queued faults", async () => {
    fake.failNext("*", { status: 500, times: Number.POSITIVE_INFINITY });
    fake.reset();
    expect(await settle(client.voices.list({ voice_type: "built-in" }))).toMatchObject({ total_count: 12 });
  });
});
