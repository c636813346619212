// Every input rule: a ValidationError naming the field, and not one request sent.
import { afterEach, describe, expect, it, vi } from "vitest";
import { clientWith, type FakeFetch, fakeFetch, ok, rejectionOf, TEST_BASE_URL, wavFile } from "../test/fake-fetch.js";
import { createVoicesClient } from "./client.js";
import { ValidationError, VoicesError } from "./errors.js";
import type { CloneVoiceBody, ListAllVoicesParams, ListVoicesParams } from "./types.js";
import { sniffAudioType } from "./validate.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

const bytes = (...values: number[]): Uint8Array<ArrayBuffer> => {
  const head = new Uint8Array(64);
  head.set(values);
  return head;
};
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const WAV = bytes(...ascii("RIFF"), 0x24, 0, 0, 0, ...ascii("WAVE"));
const MP3_ID3 = bytes(...ascii("ID3"), 4, 0, 0);
const MP3_FRAME = bytes(0xff, 0xfb, 0x90, 0x64); // MPEG-1 Layer III
const MP3_FRAME_V2 = bytes(0xff, 0xf3, 0x40, 0xc0); // MPEG-2 Layer III
const M4A = bytes(0, 0, 0, 0x20, ...ascii("ftypM4A "));

function expectValidation(error: unknown, field: string, fetch: FakeFetch, mentions?: RegExp): void {
  expect(error).toBeInstanceOf(ValidationError);
  expect(error).toBeInstanceOf(VoicesError);
  expect((error as ValidationError).field).toBe(field);
  expect((error as Error).message).toContain(field);
  if (mentions) expect((error as Error).message).toMatch(mentions);
  expect(fetch.calls).toBe(0);
}

describe("sniffAudioType", () => {
  it.each([
    ["WAV", WAV, "audio/wav"],
    ["MP3 with an ID3 tag", MP3_ID3, "audio/mpeg"],
    ["MP3 starting with a frame sync", MP3_FRAME, "audio/mpeg"],
    ["MPEG-2 Layer III", MP3_FRAME_V2, "audio/mpeg"],
    ["M4A", M4A, "audio/mp4"],
  ] as const)("detects %s", (_, head, type) => {
    expect(sniffAudioType(head)).toBe(type);
  });

  it.each([
    ["nothing", new Uint8Array(0)],
    ["zeros", new Uint8Array(64)],
    ["text", new TextEncoder().encode("hello, this is not audio at all")],
    ["a PNG", bytes(0x89, ...ascii("PNG"), 0x0d, 0x0a, 0x1a, 0x0a)],
    ["an Ogg stream", bytes(...ascii("OggS"), 0, 2)],
    ["FLAC", bytes(...ascii("fLaC"), 0, 0, 0, 0x22)],
    ["RIFF that is not WAVE (AVI)", bytes(...ascii("RIFF"), 0, 0, 0, 0, ...ascii("AVI "))],
    ["AAC in ADTS (layer bits 00)", bytes(0xff, 0xf1, 0x50, 0x80)],
    ["a reserved MPEG version", bytes(0xff, 0xeb, 0x90, 0x64)],
    ["a truncated WAV header", new Uint8Array(ascii("RIFF\0\0\0\0WA"))],
  ])("rejects %s", (_, head) => {
    expect(sniffAudioType(head)).toBeUndefined();
  });
});

describe("bad input rejects the returned promise", () => {
  it("never throws synchronously, so .catch() sees every ValidationError", async () => {
    const { client, fetch } = clientWith([]);
    const calls: (() => Promise<unknown>)[] = [
      () => client.voices.get(""),
      () => client.voices.delete(".."),
      () => client.voices.list({ limit: 0 }),
      () => client.voices.list({}, { timeoutMs: -1 }),
      () => client.voices.clone({} as CloneVoiceBody),
      () => client.voices.listAll({ skip: -1 }).next(),
    ];
    for (const call of calls) {
      let pending: Promise<unknown> | undefined;
      expect(() => {
        pending = call();
      }).not.toThrow();
      await expect(pending).rejects.toBeInstanceOf(ValidationError);
    }
    expect(fetch.calls).toBe(0);
  });
});

describe("voice_id (get and delete)", () => {
  const invalid: [string, unknown][] = [
    ["empty", ""],
    [".", "."],
    ["..", ".."],
    ["a number", 42],
    ["undefined", undefined],
    ["null", null],
    ["an object", { voice_id: "x" }],
  ];

  it.each(invalid)("rejects %s in get", async (_, value) => {
    const { client, fetch } = clientWith([ok({})]);
    expectValidation(await rejectionOf(client.voices.get(value as string)), "voice_id", fetch, /non-empty string/);
  });

  it.each(invalid)("rejects %s in delete", async (_, value) => {
    const { client, fetch } = clientWith([ok({})]);
    expectValidation(await rejectionOf(client.voices.delete(value as string)), "voice_id", fetch);
  });

  it.each([
    ["a/b", "a%2Fb"],
    ["../admin", "..%2Fadmin"],
    ["...", "..."],
    ["a?b#c", "a%3Fb%23c"],
    ["%2e%2e", "%252e%252e"],
    ["名前 1", "%E5%90%8D%E5%89%8D%201"],
  ])("path-encodes %j so it stays one segment under /voices/", async (id, encoded) => {
    const { client, fetch } = clientWith([
      ok({ voice_id: id, display_name: "x", voice_type: "custom" }),
      ok({ voice_id: id, display_name: "x", delete_time: 1 }),
    ]);
    await client.voices.get(id);
    await client.voices.delete(id);
    for (const request of fetch.requests) {
      expect(request.url).toBe(`${TEST_BASE_URL}/voices/${encoded}`);
      expect(new URL(request.url).pathname).toBe(`/v1/voices/${encoded}`);
    }
  });
});

describe("list parameters (list and listAll)", () => {
  const invalid: [string, Record<string, unknown>, string][] = [
    ["limit 0", { limit: 0 }, "limit"],
    ["limit -1", { limit: -1 }, "limit"],
    ["limit 1.5", { limit: 1.5 }, "limit"],
    ['limit "10"', { limit: "10" }, "limit"],
    ["limit NaN", { limit: Number.NaN }, "limit"],
    ["limit Infinity", { limit: Number.POSITIVE_INFINITY }, "limit"],
    ["limit null", { limit: null }, "limit"],
    ["skip -1", { skip: -1 }, "skip"],
    ["skip 0.5", { skip: 0.5 }, "skip"],
    ['skip "0"', { skip: "0" }, "skip"],
    ["skip 2**53", { skip: 2 ** 53 }, "skip"],
    ['voice_type "premium"', { voice_type: "premium" }, "voice_type"],
    ['voice_type "Custom"', { voice_type: "Custom" }, "voice_type"],
    ["voice_type null", { voice_type: null }, "voice_type"],
    ["keyword 5", { keyword: 5 }, "keyword"],
    ["keyword an array", { keyword: ["a"] }, "keyword"],
  ];

  it.each(invalid)("list rejects %s", async (_, params, field) => {
    const { client, fetch } = clientWith([ok({ total_count: 0, voices: [] })]);
    expectValidation(await rejectionOf(client.voices.list(params as ListVoicesParams)), field, fetch);
  });

  it.each(invalid)("listAll rejects %s before any request", async (_, params, field) => {
    const { client, fetch } = clientWith([ok({ total_count: 0, voices: [] })]);
    const iterate = async () => {
      for await (const _voice of client.voices.listAll(params as ListAllVoicesParams)) {
        // never reached
      }
    };
    expectValidation(await rejectionOf(iterate()), field, fetch);
  });

  it("says what skip and voice_type allow", async () => {
    const { client } = clientWith([]);
    expect(((await rejectionOf(client.voices.list({ skip: -1 }))) as Error).message).toMatch(
      /page number.*not an offset/,
    );
    expect(((await rejectionOf(client.voices.list({ voice_type: "x" as never }))) as Error).message).toContain(
      "one of custom, built-in",
    );
  });

  it.each([
    ["concurrency 0", { concurrency: 0 }],
    ["concurrency 1.5", { concurrency: 1.5 }],
    ['concurrency "4"', { concurrency: "4" }],
  ])("listAll rejects %s", async (_, params) => {
    const { client, fetch } = clientWith([]);
    const iterator = client.voices.listAll(params as ListAllVoicesParams);
    expectValidation(await rejectionOf(iterator.next()), "concurrency", fetch);
  });

  it.each([
    ["a string", "custom"],
    ["an array", []],
    ["a number", 3],
  ])("rejects params that are %s", async (_, params) => {
    const { client, fetch } = clientWith([]);
    expectValidation(await rejectionOf(client.voices.list(params as ListVoicesParams)), "params", fetch);
  });

  it("accepts the boundaries and sends them as the query", async () => {
    const { client, fetch } = clientWith([ok({ total_count: 0, voices: [] })]);
    await client.voices.list({ skip: 0, limit: 1, voice_type: "built-in", keyword: "warm voice" });
    const url = new URL((fetch.requests[0] as Request).url);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      skip: "0",
      limit: "1",
      voice_type: "built-in",
      keyword: "warm voice",
    });
  });

  it("accepts empty strings where a string is asked for, and rejects a lone surrogate", async () => {
    const { client, fetch } = clientWith([ok({ total_count: 0, voices: [] })]);
    await client.voices.list({ keyword: "" });
    expect(new URL((fetch.requests[0] as Request).url).search).toBe("?keyword=");
    const unsent = clientWith([]);
    const error = await rejectionOf(unsent.client.voices.list({ keyword: "a\uD800" }));
    expectValidation(error, "keyword", unsent.fetch, /valid Unicode/);
  });

  it("drops fields the spec does not know instead of sending them", async () => {
    const { client, fetch } = clientWith([ok({ total_count: 0, voices: [] })]);
    await client.voices.list({ limit: 5, offset: 20, api_key: "x" } as ListVoicesParams);
    expect(new URL((fetch.requests[0] as Request).url).search).toBe("?limit=5");
  });
});

describe("clone body", () => {
  const file = (head: Uint8Array<ArrayBuffer>, name?: string) => (name ? new File([head], name) : new Blob([head]));

  it("rejects neither file nor voice_url, naming both", async () => {
    const { client, fetch } = clientWith([ok({ voice_id: "x" })]);
    const error = await rejectionOf(client.voices.clone({ display_name: "x" } as unknown as CloneVoiceBody));
    expectValidation(error, "file", fetch, /file .*or voice_url/);
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a string", "file.wav"],
    ["an array", [wavFile()]],
  ])("rejects a body that is %s", async (_, body) => {
    const { client, fetch } = clientWith([]);
    expectValidation(await rejectionOf(client.voices.clone(body as unknown as CloneVoiceBody)), "body", fetch);
  });

  it.each([
    ["text named .wav", file(new TextEncoder().encode("definitely not audio, just text"), "voice.wav")],
    ["a PNG named .mp3", file(bytes(0x89, ...ascii("PNG"), 0x0d, 0x0a, 0x1a, 0x0a), "voice.mp3")],
    ["zeros typed audio/wav", new File([new Uint8Array(64)], "voice.wav", { type: "audio/wav" })],
    ["an Ogg stream named .m4a", file(bytes(...ascii("OggS")), "voice.m4a")],
  ])("rejects a file that is not audio by its bytes: %s", async (_, blob) => {
    const { client, fetch } = clientWith([ok({ voice_id: "x" })]);
    const error = await rejectionOf(client.voices.clone({ file: blob }));
    expectValidation(error, "file", fetch, /not WAV, MP3 or M4A audio/);
  });

  it("rejects a file that cannot be read (moved or deleted since it was opened), naming it", async () => {
    const { client, fetch } = clientWith([ok({ voice_id: "x" })]);
    const gone = wavFile("gone.wav");
    // What a file-backed Blob (fileFromPath, a browser's File) does once its file is gone.
    const unreadable = new Blob();
    Object.defineProperty(unreadable, "arrayBuffer", {
      value: () => Promise.reject(new DOMException("The blob could not be read", "NotReadableError")),
    });
    Object.defineProperty(gone, "slice", { value: () => unreadable });
    const error = await rejectionOf(client.voices.clone({ file: gone }));
    expectValidation(error, "file", fetch, /"gone.wav" could not be read \(NotReadableError\)/);
    expect((error as ValidationError).operation).toBe("cloneVoice");
  });

  it("rejects an empty file", async () => {
    const { client, fetch } = clientWith([]);
    const error = await rejectionOf(client.voices.clone({ file: new File([], "empty.wav") }));
    expectValidation(error, "file", fetch, /empty/);
  });

  it.each([
    ["a string", "/tmp/me.wav"],
    ["bytes", new Uint8Array(64)],
    ["null", null],
  ])("rejects a file that is %s, not a Blob", async (_, value) => {
    const { client, fetch } = clientWith([]);
    const error = await rejectionOf(client.voices.clone({ file: value as unknown as Blob }));
    expectValidation(error, "file", fetch, /Blob or File/);
  });

  it.each([
    ["WAV", WAV, "audio/wav", "a.wav"],
    ["MP3 (ID3)", MP3_ID3, "audio/mpeg", "a.mp3"],
    ["MP3 (frame sync)", MP3_FRAME, "audio/mpeg", "a.mp3"],
    ["M4A", M4A, "audio/mp4", "a.m4a"],
  ])("accepts %s and uploads it with its detected type", async (_, head, type, name) => {
    const { client, fetch } = clientWith([ok({ voice_id: "x" })]);
    await client.voices.clone({ file: new File([head], name, { type: "application/octet-stream" }) });
    const sent = (await (fetch.requests[0] as Request).formData()).get("file") as File;
    expect(sent.type).toBe(type);
    expect(sent.name).toBe(name);
    expect(sent.size).toBe(64);
  });

  it("trusts the bytes, not the name: MP3 bytes named .wav go out as audio/mpeg", async () => {
    const { client, fetch } = clientWith([ok({ voice_id: "x" })]);
    await client.voices.clone({ file: new File([MP3_ID3], "really-an-mp3.wav") });
    const sent = (await (fetch.requests[0] as Request).formData()).get("file") as File;
    expect(sent.type).toBe("audio/mpeg");
  });

  it("names a nameless Blob after its type", async () => {
    const { client, fetch } = clientWith([ok({ voice_id: "x" })]);
    await client.voices.clone({ file: new Blob([M4A]) });
    const sent = (await (fetch.requests[0] as Request).formData()).get("file") as File;
    expect(sent.name).toBe("audio.m4a");
  });

  it.each([
    ["not a URL", "not a url"],
    ["ftp", "ftp://example.com/a.wav"],
    ["file", "file:///tmp/a.wav"],
    ["javascript", "javascript:alert(1)"],
    ["a relative path", "/a.wav"],
    ["empty", ""],
    ["a number", 5],
  ])("rejects a voice_url that is %s", async (_, voice_url) => {
    const { client, fetch } = clientWith([]);
    const error = await rejectionOf(client.voices.clone({ voice_url } as unknown as CloneVoiceBody));
    expectValidation(error, "voice_url", fetch, /http\(s\) URL/);
  });

  it.each([
    ["denoise", { denoise: "true" }],
    ["denoise", { denoise: 1 }],
    ["display_name", { display_name: 7 }],
    ["language", { language: ["en"] }],
  ])("rejects a %s of the wrong type", async (field, extra) => {
    const { client, fetch } = clientWith([]);
    const body = { voice_url: "https://example.com/a.wav", ...extra } as unknown as CloneVoiceBody;
    expectValidation(await rejectionOf(client.voices.clone(body)), field, fetch);
  });

  it("sends empty display_name and language as given", async () => {
    const { client, fetch } = clientWith([ok({ voice_id: "v1" })]);
    await client.voices.clone({ voice_url: "https://example.com/a.wav", display_name: "", language: "" });
    const form = await (fetch.requests[0] as Request).formData();
    expect([...form.entries()]).toEqual([
      ["voice_url", "https://example.com/a.wav"],
      ["display_name", ""],
      ["language", ""],
    ]);
  });

  it("checks the file even when voice_url is valid", async () => {
    const { client, fetch } = clientWith([]);
    const body = { voice_url: "https://example.com/a.wav", file: new File(["text"], "a.wav") };
    expectValidation(await rejectionOf(client.voices.clone(body)), "file", fetch);
  });
});

describe("client and call settings", () => {
  const make = (options: Record<string, unknown>) => {
    const fetch = fakeFetch([]);
    const create = () => createVoicesClient({ apiKey: "k", fetch, ...options });
    return { fetch, create };
  };

  it("rejects a missing key with a message saying what to do", () => {
    vi.stubEnv("NOIZ_API_KEY", undefined);
    const { fetch, create } = make({ apiKey: undefined });
    const error = (() => {
      try {
        create();
      } catch (e) {
        return e;
      }
    })();
    expectValidation(error, "apiKey", fetch, /pass `apiKey`.*NOIZ_API_KEY/);
  });

  it.each(["", "   "])("rejects the blank key %j, and a blank NOIZ_API_KEY", (key) => {
    vi.stubEnv("NOIZ_API_KEY", key);
    expect(() => make({ apiKey: undefined }).create()).toThrow(ValidationError);
    expect(() => make({ apiKey: key }).create()).toThrow(/apiKey/);
  });

  it("rejects a key that is not a string", () => {
    vi.stubEnv("NOIZ_API_KEY", undefined);
    expect(() => make({ apiKey: 12345 }).create()).toThrow(ValidationError);
  });

  it("falls back to NOIZ_API_KEY, and an explicit apiKey wins over it", async () => {
    vi.stubEnv("NOIZ_API_KEY", "env-key");
    const fromEnv = fakeFetch([ok({ total_count: 0, voices: [] })]);
    await createVoicesClient({ fetch: fromEnv, baseUrl: TEST_BASE_URL }).voices.list();
    expect(fromEnv.requests[0]?.headers.get("authorization")).toBe("env-key");

    const explicit = fakeFetch([ok({ total_count: 0, voices: [] })]);
    await createVoicesClient({ apiKey: "given", fetch: explicit }).voices.list();
    expect(explicit.requests[0]?.headers.get("authorization")).toBe("given");
  });

  it.each([
    ["timeoutMs", 0],
    ["timeoutMs", -1],
    ["timeoutMs", Number.NaN],
    ["timeoutMs", "1000"],
    ["timeoutMs", 2 ** 31],
    ["maxRetries", -1],
    ["maxRetries", 1.5],
    ["maxRetries", "2"],
    ["maxRetries", Number.POSITIVE_INFINITY],
    ["baseUrl", "noiz.ai/v1"],
    ["baseUrl", "ftp://noiz.ai/v1"],
    ["baseUrl", ""],
    ["baseUrl", 42],
  ])("createVoicesClient rejects %s %j", (field, value) => {
    const { fetch, create } = make({ [field]: value });
    let error: unknown;
    try {
      create();
    } catch (e) {
      error = e;
    }
    expectValidation(error, field, fetch);
  });

  it("says how long a timeoutMs may be when it is too long for a timer", () => {
    const { create } = make({ timeoutMs: 3e9 });
    expect(create).toThrow(/timeoutMs must be milliseconds > 0, at most 2147483647/);
  });

  it("rejects a fetch that is not a function", () => {
    expect(() => createVoicesClient({ apiKey: "k", fetch: "fetch" as never })).toThrow(ValidationError);
  });

  it.each([
    ["timeoutMs", 0],
    ["timeoutMs", "5"],
    ["maxRetries", -1],
    ["maxRetries", 0.5],
    // A look-alike the pipeline cannot unsubscribe from: it failed with a TypeError after sending.
    ["signal", { addEventListener() {} }],
    // No own entries: the headers were dropped silently.
    ["headers", new Headers({ "x-trace": "1" })],
    ["headers", new Map([["x-trace", "1"]])],
  ])("every method rejects the call option %s %o before any request", async (field, value) => {
    const { client, fetch } = clientWith([]);
    const options = { [field]: value } as never;
    const calls = [
      () => client.voices.list({}, options),
      () => client.voices.get("v1", options),
      () => client.voices.delete("v1", options),
      () => client.voices.clone({ voice_url: "https://example.com/a.wav" }, options),
      () => client.voices.listAll({}, options).next(),
    ];
    for (const call of calls) expectValidation(await rejectionOf(call()), field, fetch);
  });

  it("rejects client headers that are a Headers, which would be dropped silently", () => {
    const { fetch, create } = make({ headers: new Headers({ "x-trace": "1" }) });
    let error: unknown;
    try {
      create();
    } catch (e) {
      error = e;
    }
    expectValidation(error, "headers", fetch, /plain object/);
  });

  it("names the field whose getter throws, for every kind of input, instead of passing on a bare error", async () => {
    const { client, fetch } = clientWith([]);
    const throwing = (field: string) =>
      Object.defineProperty({}, field, {
        enumerable: true,
        get() {
          throw new Error("getter failed");
        },
      });
    const wav = wavFile();
    const cases: [() => Promise<unknown>, string][] = [
      [() => client.voices.list(throwing("limit")), "limit"],
      [() => client.voices.listAll(throwing("concurrency")).next(), "concurrency"],
      [() => client.voices.get("v1", throwing("timeoutMs")), "timeoutMs"],
      [() => client.voices.clone(Object.assign(throwing("file"), { display_name: "x" }) as never), "file"],
      [() => client.voices.clone(Object.assign(throwing("language"), { file: wav }) as never), "language"],
    ];
    for (const [call, field] of cases) expectValidation(await rejectionOf(call()), field, fetch);
    const trap = () => {
      throw new Error("trap failed");
    };
    const hostile = new Proxy({}, { get: trap, ownKeys: trap, getPrototypeOf: trap });
    expectValidation(await rejectionOf(client.voices.get("v1", { headers: hostile })), "headers", fetch);
    expect(() => createVoicesClient(throwing("maxRetries"))).toThrow(ValidationError);
    // And a value it cannot quote is named in English.
    const notASignal = await rejectionOf(client.voices.get("v1", { signal: (() => {}) as never }));
    expect((notASignal as Error).message).toContain("got a function.");
  });

  it("takes null call options as none", async () => {
    const { client, fetch } = clientWith([ok({ voice_id: "v1" }), ok({ total_count: 0, voices: [] })]);
    await expect(client.voices.get("v1", null as never)).resolves.toEqual({ voice_id: "v1" });
    await expect(client.voices.list(null as never, null as never)).resolves.toEqual({ total_count: 0, voices: [] });
    expect(fetch.calls).toBe(2);
  });

  it("trims trailing slashes off baseUrl", async () => {
    const { client, fetch } = clientWith([ok({ total_count: 0, voices: [] })], { baseUrl: `${TEST_BASE_URL}//` });
    await client.voices.list();
    expect(fetch.requests[0]?.url).toBe(`${TEST_BASE_URL}/voices`);
  });
});

describe("the browser guard and keyless clients", () => {
  const inAPage = () => {
    vi.stubGlobal("window", {});
    vi.stubGlobal("document", {});
  };
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const attempt = (create: () => unknown) => {
    try {
      create();
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it("in a web page, an apiKey without dangerouslyAllowBrowser is refused, with the backend guide", () => {
    inAPage();
    const fetch = fakeFetch([]);
    const error = attempt(() => createVoicesClient({ apiKey: "page-key-123", fetch }));
    expectValidation(error, "dangerouslyAllowBrowser", fetch, /docs\/react\.md#keep-the-key-on-a-backend/);
    expect((error as Error).message).not.toContain("page-key-123");
  });

  it("in a web page, a key from NOIZ_API_KEY is refused too", () => {
    inAPage();
    vi.stubEnv("NOIZ_API_KEY", "env-key");
    const fetch = fakeFetch([]);
    expectValidation(
      attempt(() => createVoicesClient({ fetch })),
      "dangerouslyAllowBrowser",
      fetch,
    );
  });

  it("dangerouslyAllowBrowser: true lets a key through in a web page, and it is sent", async () => {
    inAPage();
    const { client, fetch } = clientWith([ok({ total_count: 0, voices: [] })], { dangerouslyAllowBrowser: true });
    await client.voices.list();
    expect(fetch.requests[0]?.headers.get("authorization")).toBe("test-key");
  });

  it.each([
    ["a window without a document (a worker-like global)", { window: {} }],
    ["a document without a window", { document: {} }],
    ["neither (Node, Deno, workers, edge runtimes)", {}],
  ])("no guard with %s", (_, globals) => {
    for (const [name, value] of Object.entries(globals)) vi.stubGlobal(name, value);
    expect(() => createVoicesClient({ apiKey: "k", fetch: fakeFetch([]) })).not.toThrow();
  });

  it("a keyless client on a backend's baseUrl sends no Authorization, in a page or not", async () => {
    vi.stubEnv("NOIZ_API_KEY", undefined);
    for (const page of [false, true]) {
      if (page) inAPage();
      const { client, fetch } = clientWith([ok({ total_count: 0, voices: [] })], {
        apiKey: undefined,
        baseUrl: "https://my-app.test/api/voices",
      });
      await client.voices.list();
      expect(fetch.requests[0]?.url).toBe("https://my-app.test/api/voices/voices");
      expect(fetch.requests[0]?.headers.has("authorization")).toBe(false);
    }
  });

  it("without a key, the service's own URL still gets the clear ValidationError, in a page too", () => {
    vi.stubEnv("NOIZ_API_KEY", undefined);
    inAPage();
    const fetch = fakeFetch([]);
    const error = attempt(() => createVoicesClient({ baseUrl: "https://noiz.ai/v1/", fetch }));
    expectValidation(error, "apiKey", fetch, /No API key/);
  });
});
