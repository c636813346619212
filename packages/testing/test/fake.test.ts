// The fake as a user's test file would use it: the real client on fake.fetch, no server, no network.
// Every answer goes through the spec judge, and each test ends by checking that nothing broke the spec.
import {
  AuthenticationError,
  BadRequestError,
  createVoicesClient,
  NotFoundError,
  ValidationError,
} from "@noiz-voices/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFakeVoices, type FakeVoices, makeWav } from "../src/index.js";
import { judge, type Verdicts } from "./helpers/spec-judge.js";

let fake: FakeVoices;
let verdicts: Verdicts;
let client: ReturnType<typeof createVoicesClient>;

function setUp(options?: Parameters<typeof createFakeVoices>[0]) {
  fake = createFakeVoices(options);
  const judged = judge(fake.fetch, fake.baseUrl);
  verdicts = judged.verdicts;
  client = createVoicesClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, fetch: judged.fetch, maxRetries: 0 });
}

const wavFile = (seconds = 2) => new File([makeWav({ seconds })], "me.wav", { type: "audio/wav" });

beforeEach(() => setUp());
afterEach(() => {
  expect(verdicts.violations).toEqual([]);
  expect(verdicts.undocumented).toEqual([]);
});

describe("a user's test: clone, list, get, delete", () => {
  it("clones a voice, finds it in the list, gets it, deletes it, and then gets a 404", async () => {
    const cloned = await client.voices.clone({ file: wavFile(2.5), display_name: "My voice", language: "de" });
    expect(cloned).toMatchObject({ voice_display_name: "My voice", language: "de", duration: 2.5 });

    const page = await client.voices.list();
    expect(page.total_count).toBe(1);
    expect(page.voices.map((voice) => voice.voice_id)).toEqual([cloned.voice_id]);

    const voice = await client.voices.get(cloned.voice_id);
    expect(voice).toMatchObject({ voice_id: cloned.voice_id, display_name: "My voice", voice_type: "custom" });

    const deleted = await client.voices.delete(cloned.voice_id);
    expect(deleted).toMatchObject({ voice_id: cloned.voice_id, display_name: "My voice" });
    expect(deleted.delete_time).toBeGreaterThan(0);

    const error = await client.voices.get(cloned.voice_id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 40400 });
    expect((await client.voices.list()).total_count).toBe(0);
    // Soft delete: the fake still holds the voice, with its delete_time.
    expect(fake.voices.find((v) => v.voice_id === cloned.voice_id)?.delete_time).toBe(deleted.delete_time);
  });

  it("gives each clone a new voice_id, and a clone from voice_url has no duration to read", async () => {
    const first = await client.voices.clone({ file: wavFile() });
    const second = await client.voices.clone({ voice_url: "https://example.com/me.mp3", display_name: "From URL" });
    expect(first.voice_id).not.toBe(second.voice_id);
    expect(second).toMatchObject({ voice_display_name: "From URL", language: "en" });
    expect(second).not.toHaveProperty("duration");
    expect((await client.voices.list()).total_count).toBe(2);
  });

  it("answers 404 for an unknown voice and for deleting one twice, and keeps built-in voices", async () => {
    await expect(client.voices.get("no-such-voice")).rejects.toBeInstanceOf(NotFoundError);
    const cloned = await client.voices.clone({ file: wavFile() });
    await client.voices.delete(cloned.voice_id);
    await expect(client.voices.delete(cloned.voice_id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.voices.delete("builtin-aria")).rejects.toThrow(/only custom voices can be deleted/);
    expect((await client.voices.get("builtin-aria")).display_name).toBe("Aria");
  });

  it("stamps create_time and delete_time from the clock the test controls", async () => {
    const now = Date.UTC(2030, 0, 1);
    vi.useFakeTimers({ toFake: ["Date"], now });
    try {
      const cloned = await client.voices.clone({ file: wavFile() });
      expect((await client.voices.get(cloned.voice_id)).create_time).toBe(now / 1000);
      vi.setSystemTime(now + 60_000);
      expect((await client.voices.delete(cloned.voice_id)).delete_time).toBe(now / 1000 + 60);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("lists", () => {
  it("pages through the built-in voices: skip is a page number, limit applies, total_count is true", async () => {
    const first = await client.voices.list({ voice_type: "built-in" });
    expect(first.total_count).toBe(12);
    expect(first.voices).toHaveLength(10);
    const second = await client.voices.list({ voice_type: "built-in", skip: 1 });
    expect(second.voices.map((v) => v.display_name)).toEqual(["Kira", "Leo"]);
    const third = await client.voices.list({ voice_type: "built-in", skip: 2, limit: 5 });
    expect(third.voices.map((v) => v.display_name)).toEqual(["Kira", "Leo"]);
    expect((await client.voices.list({ voice_type: "built-in", skip: 9 })).voices).toEqual([]);

    const before = fake.requests.length;
    const all: string[] = [];
    for await (const voice of client.voices.listAll({ voice_type: "built-in", limit: 5 })) all.push(voice.voice_id);
    expect(new Set(all).size).toBe(12);
    // listAll stops at total_count: three pages of five, no empty fourth request.
    expect(fake.requests.slice(before).map((r) => r.query.skip)).toEqual(["0", "1", "2"]);
  });

  it("filters by voice_type (custom by default) and by keyword in the name or the labels", async () => {
    setUp({ voices: [{ display_name: "Warm narrator", labels: "deep" }, { display_name: "Other" }] });
    expect((await client.voices.list()).voices.map((v) => v.display_name)).toEqual(["Warm narrator", "Other"]);
    expect((await client.voices.list({ keyword: "NARR" })).voices.map((v) => v.display_name)).toEqual([
      "Warm narrator",
    ]);
    expect((await client.voices.list({ keyword: "deep" })).total_count).toBe(1);
    const builtIn = await client.voices.list({ voice_type: "built-in", keyword: "narration" });
    expect(builtIn.voices.map((v) => v.display_name)).toEqual(["Daniel", "Grace", "Leo"]);
    expect(builtIn.voices.every((v) => v.voice_type === "built-in")).toBe(true);
  });

  it("pages through many seeded voices", async () => {
    setUp({ voices: Array.from({ length: 23 }, (_, i) => ({ display_name: `Voice ${i}` })) });
    const names: string[] = [];
    for await (const voice of client.voices.listAll({ limit: 10 })) names.push(voice.display_name);
    expect(names).toEqual(Array.from({ length: 23 }, (_, i) => `Voice ${i}`));
  });
});

describe("seeding, keys and state", () => {
  it("seeds custom voices (a deleted one included) and brings them back on reset()", async () => {
    setUp({
      voices: [
        { voice_id: "mine-1", display_name: "Mine", labels: "calm" },
        { voice_id: "gone-1", display_name: "Gone", delete_time: 1_700_000_000 },
      ],
    });
    expect(await client.voices.get("mine-1")).toMatchObject({ display_name: "Mine", voice_type: "custom" });
    await expect(client.voices.get("gone-1")).rejects.toBeInstanceOf(NotFoundError);
    await client.voices.delete("mine-1");
    await client.voices.clone({ file: wavFile() });
    fake.reset();
    expect(fake.requests).toEqual([]);
    expect((await client.voices.list()).voices.map((v) => v.voice_id)).toEqual(["mine-1"]);
  });

  it("refuses a seeded voice the spec would not allow, naming the field", () => {
    expect(() => createFakeVoices({ voices: [{ display_name: "x", voice_type: "robot" as "custom" }] })).toThrow(
      /voices\[0\] is not a Voice of the spec: .*voice_type/,
    );
    expect(() =>
      createFakeVoices({
        voices: [
          { display_name: "a", voice_id: "same" },
          { display_name: "b", voice_id: "same" },
        ],
      }),
    ).toThrow('voices[1] repeats voice_id "same"');
  });

  it("seeded labels as an array (not the comma-separated string) is a ValidationError naming voices[i].labels", () => {
    const error = (() => {
      try {
        createFakeVoices({
          voices: [{ display_name: "ok" }, { display_name: "x", labels: ["warm", "en"] as unknown as string }],
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: "voices[1].labels" });
    expect((error as Error).message).toMatch(/voices\[1\] is not a Voice of the spec: Voice "labels" must be string/);
    expect((error as Error).message).toContain('labels is one comma-separated string, such as "warm, narration, en"');
  });

  it("answers 401 without the key or with another one, unless acceptAnyKey", async () => {
    const other = createVoicesClient({ apiKey: "wrong", baseUrl: fake.baseUrl, fetch: fake.fetch, maxRetries: 0 });
    await expect(other.voices.list()).rejects.toMatchObject({ status: 401, code: 40100 });
    // The client refuses a key with a space inside; the fake explains the prefix to any other caller.
    const bearer = await fake.fetch(`${fake.baseUrl}/voices`, { headers: { authorization: `Bearer ${fake.apiKey}` } });
    expect(bearer.status).toBe(401);
    expect((await bearer.json()).message).toMatch(/no 'Bearer ' prefix/);
    const missing = await fake.fetch(`${fake.baseUrl}/voices`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      code: 40101,
      message: expect.stringMatching(/missing api key/),
      data: null,
    });

    setUp({ acceptAnyKey: true });
    const any = createVoicesClient({ apiKey: "anything", baseUrl: fake.baseUrl, fetch: fake.fetch, maxRetries: 0 });
    expect((await any.voices.list({ voice_type: "built-in" })).total_count).toBe(12);
    const none = await fake.fetch(`${fake.baseUrl}/voices`);
    expect(none.status).toBe(401);
  });

  it("accepts its key as a header carries it: a key given with a newline (read from a file) or spaces around it", async () => {
    for (const apiKey of ["from-a-file\n", "  padded-key  "]) {
      const fake = createFakeVoices({ apiKey });
      const keyed = createVoicesClient({
        apiKey: fake.apiKey,
        baseUrl: fake.baseUrl,
        fetch: fake.fetch,
        maxRetries: 0,
      });
      expect((await keyed.voices.list({ voice_type: "built-in" })).total_count).toBe(12);
    }
    expect(() => createFakeVoices({ apiKey: " \n" })).toThrow(TypeError);
  });

  it("throws AuthenticationError through the client for a wrong key", async () => {
    const other = createVoicesClient({ apiKey: "wrong", baseUrl: fake.baseUrl, fetch: fake.fetch, maxRetries: 0 });
    await expect(other.voices.get("builtin-aria")).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("records what arrived: method, path, query, form fields and headers, never the key", async () => {
    await client.voices.list({ voice_type: "built-in", keyword: "calm", skip: 0, limit: 3 });
    await client.voices.clone({ file: wavFile(1), display_name: "Rec", language: "en", denoise: true });
    const [list, clone] = fake.requests;
    expect(list).toMatchObject({
      operation: "listVoices",
      method: "GET",
      path: "/voices",
      query: { voice_type: "built-in", keyword: "calm", skip: "0", limit: "3" },
      form: null,
      status: 200,
    });
    expect(clone).toMatchObject({
      operation: "cloneVoice",
      method: "POST",
      path: "/voices",
      form: {
        display_name: "Rec",
        language: "en",
        denoise: "true",
        file: { filename: "me.wav", type: "audio/wav", size: 44 + 16_000 * 2 },
      },
      status: 200,
    });
    expect(clone?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(JSON.stringify(fake.requests)).not.toContain(fake.apiKey);
    expect(Object.keys(list?.headers ?? {})).not.toContain("authorization");
  });

  it("hands out frozen snapshots: changing them changes nothing in the fake", async () => {
    const voices = fake.voices;
    expect(Object.isFrozen(voices)).toBe(true);
    expect(() => {
      (voices[0] as { display_name: string }).display_name = "Changed";
    }).toThrow(TypeError);
    expect((await client.voices.get("builtin-aria")).display_name).toBe("Aria");
  });

  it("serves sample audio under its own base URL", async () => {
    const cloned = await client.voices.clone({ file: wavFile(1.5) });
    const voice = await client.voices.get(cloned.voice_id);
    expect(voice.sample).toBe(`${fake.baseUrl}/__fake/samples/${cloned.voice_id}.wav`);
    const sample = await fake.fetch(voice.sample ?? "");
    expect(sample.headers.get("content-type")).toBe("audio/wav");
    // The upload itself comes back.
    expect(Buffer.from(await sample.arrayBuffer()).equals(makeWav({ seconds: 1.5 }))).toBe(true);
    const builtIn = await fake.fetch((await client.voices.get("builtin-aria")).sample ?? "");
    expect(new Uint8Array(await builtIn.arrayBuffer()).subarray(0, 4)).toEqual(new TextEncoder().encode("RIFF"));
    expect((await fake.fetch(`${fake.baseUrl}/__fake/samples/nope.wav`)).status).toBe(404);
  });

  it("fails like an unknown host for a URL outside its base URL", async () => {
    const error = await fake.fetch("https://cdn.noiz.ai/samples/x.wav").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toMatch(/the fake serves only https:\/\/noiz\.ai\/v1\//);
    expect((error as { cause: { code: string } }).cause.code).toBe("ENOTFOUND");
  });

  it("serves another base URL when asked", async () => {
    setUp({ baseUrl: "http://voices.test/api/" });
    expect(fake.baseUrl).toBe("http://voices.test/api");
    expect((await client.voices.list({ voice_type: "built-in", limit: 1 })).voices[0]?.sample).toBe(
      "http://voices.test/api/__fake/samples/builtin-aria.wav",
    );
    expect(() => createFakeVoices({ baseUrl: "not a url" })).toThrow(/baseUrl must be an absolute http\(s\) URL/);
  });
});

describe("the spec is the judge of requests", () => {
  const send = (path: string, init: RequestInit = {}) =>
    fake.fetch(`${fake.baseUrl}${path}`, { ...init, headers: { Authorization: fake.apiKey, ...init.headers } });
  const messageOf = async (response: Response) => ((await response.json()) as { message: string }).message;

  it.each([
    ["skip=-1", /query parameter "skip" must be >= 0/],
    ["skip=1.5", /query parameter "skip" must be integer/],
    ["limit=0", /query parameter "limit" must be >= 1/],
    [
      "voice_type=robot",
      /query parameter "voice_type" must be equal to one of the allowed values \(custom, built-in\)/,
    ],
    ["skip=1&skip=2", /query parameter "skip" must be integer/],
  ])("answers 400 naming the violation for %s", async (query, message) => {
    const response = await send(`/voices?${query}`);
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(message);
  });

  it("answers 400 for a clone with neither file nor voice_url, or a bad voice_url, or JSON", async () => {
    const form = new FormData();
    form.set("display_name", "x");
    let response = await send("/voices", { method: "POST", body: form });
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(/none of the spec's alternatives: .*'file'.*or .*'voice_url'/);

    form.set("voice_url", "not a url");
    response = await send("/voices", { method: "POST", body: form });
    expect(await messageOf(response)).toMatch(/form field "voice_url" must match format "uri"/);

    response = await send("/voices", { method: "POST", body: JSON.stringify({ voice_url: "https://x.test/a.wav" }) });
    expect(response.status).toBe(400);
    expect(await messageOf(response)).toMatch(/the body must be multipart\/form-data, not text\/plain/);

    response = await send("/voices", { method: "POST" });
    expect(await messageOf(response)).toMatch(/a request body is required/);
  });

  it("answers 400 for a file part of a type the spec does not list, and for audio that is not audio", async () => {
    const form = new FormData();
    form.set("file", new Blob([makeWav()], { type: "text/plain" }), "me.wav");
    let response = await send("/voices", { method: "POST", body: form });
    expect(await messageOf(response)).toMatch(/form field "file" has type text\/plain; the spec allows audio\/wav/);

    form.set("file", new Blob(["not audio at all"], { type: "audio/wav" }), "me.wav");
    response = await send("/voices", { method: "POST", body: form });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 40002, message: expect.stringMatching(/unsupported audio/) });
  });

  it("answers 400 through the client as a BadRequestError with the violation in its message", async () => {
    const error = await client.raw
      .GET("/voices", { params: { query: { voice_type: "everything" as "custom" } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as Error).message).toMatch(/voice_type/);
  });

  it("answers 404 for a path the spec does not have and 405 for a method it does not list", async () => {
    const unknown = await send("/speakers");
    expect(unknown.status).toBe(404);
    expect(await messageOf(unknown)).toBe("No operation at GET /speakers in the spec.");
    const patch = await send("/voices/builtin-aria", { method: "PATCH" });
    expect(patch.status).toBe(405);
    expect(patch.headers.get("allow")).toBe("GET, DELETE");
  });
});
