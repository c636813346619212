// The contract scenarios: a client against Prism serving the spec, every exchange checked against the
// contract. Shared by the fetch client's run (contract.test.ts) and the Node client's
// (packages/node/test/contract.test.ts): one set of scenarios, run on each transport.
// Prism answers a request that breaks the spec with 400/422 (whichever the operation documents) plus an
// `sl-violations` header; every exchange is reported through `observe`, so such a request fails its test
// even when the status happens to be the one the test expected.
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type * as Sdk from "../src/index.js";

/** What a test saw go out: enough to check the method, URL and headers. */
export interface SentRequest {
  method: string;
  url: string;
  headers: Headers;
}

/** Reports one exchange: the request as sent and the answer's status and headers. */
export type Observe = (request: SentRequest, response: { status: number; headers: Headers }) => void;

/** One run of the scenarios. */
export interface ContractRun {
  /** The SDK's exports as the client under test throws them (errors are checked by class). */
  sdk: typeof Sdk;
  /** Builds the client under test (`maxRetries: 0`), reporting each exchange to `observe`. */
  makeClient(options: { apiKey: string; baseUrl: string }, observe: Observe): Sdk.VoicesClient;
}

export const KEY = "contract-test-key";
const prefer = (value: string) => ({ headers: { Prefer: value } });
const audio = (head: number[], name: string) => {
  const bytes = new Uint8Array(64);
  bytes.set(head, 0);
  return new File([bytes], name);
};
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const wav = () => audio([...ascii("RIFF"), 0x24, 0, 0, 0, ...ascii("WAVE")], "sample.wav");
const mp3 = () => audio([...ascii("ID3"), 4, 0, 0], "sample.mp3");
const m4a = () => audio([0, 0, 0, 0x20, ...ascii("ftypM4A ")], "sample.m4a");

/** Records Prism's verdicts on every exchange of a run; a test fails on any. */
export function createRecorder() {
  const violations: string[] = [];
  const sent: SentRequest[] = [];
  const observe: Observe = (request, response) => {
    sent.push(request);
    const verdict = response.headers.get("sl-violations");
    if (verdict) violations.push(`${request.method} ${request.url} → ${response.status}: ${verdict}`);
  };
  return { violations, sent, observe };
}

/** Defines the scenarios for one client (call it at a test file's top level). */
export function contractScenarios({ sdk, makeClient }: ContractRun): void {
  const { violations, sent, observe } = createRecorder();
  let client: Sdk.VoicesClient;
  beforeAll(() => {
    client = makeClient({ apiKey: KEY, baseUrl: inject("mockUrl") }, observe);
  });

  afterEach(() => {
    const found = violations.splice(0);
    sent.length = 0;
    expect(found, "Prism found requests that break spec/voices.openapi.yaml").toEqual([]);
  });

  async function errorOf(promise: Promise<unknown>): Promise<Sdk.VoicesError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(sdk.VoicesError);
    return error as Sdk.VoicesError;
  }

  function expectVoice(voice: Sdk.Voice, voice_id: string, voice_type: Sdk.Voice["voice_type"]): void {
    expect(voice.voice_id).toBe(voice_id);
    expect(voice.voice_type).toBe(voice_type);
    expect(typeof voice.display_name).toBe("string");
  }

  describe("listVoices", () => {
    it("returns the page's data, sending every filter the spec knows", async () => {
      const page = await client.voices.list({ voice_type: "custom", keyword: "warm", skip: 0, limit: 10 });
      expect(page.total_count).toBe(2);
      expect(page.voices.map((v) => v.voice_id)).toEqual(["abc123def456", "fed654cba321"]);
      expect(page.voices[0]).toMatchObject({ id: 1024, meta: { text: expect.any(String) }, create_time: 1738664000 });
      expect(sent[0]?.headers.get("authorization")).toBe(KEY);
    });

    it.each([
      ["customVoices", 2, "abc123def456", "custom"],
      ["builtInVoices", 1, "builtin-aria", "built-in"],
    ] as const)("serves the named example %s", async (example, total, firstId, type) => {
      const page = await client.voices.list({ voice_type: type }, prefer(`example=${example}`));
      expect(page.total_count).toBe(total);
      expectVoice(page.voices[0] as Sdk.Voice, firstId, type);
    });

    it("serves the named example emptyList", async () => {
      expect(await client.voices.list({}, prefer("example=emptyList"))).toEqual({ total_count: 0, voices: [] });
    });

    it.each([
      ["code=400", sdk.BadRequestError, 400, 40000],
      ["code=401", sdk.AuthenticationError, 401, 40100],
      ["code=401, example=invalidKey", sdk.AuthenticationError, 401, 40100],
      ["code=401, example=missingKey", sdk.AuthenticationError, 401, 40101],
      ["code=429", sdk.RateLimitError, 429, 42900],
    ] as const)("maps Prefer: %s to its error class", async (preference, ErrorClass, status, code) => {
      const error = await errorOf(client.voices.list({ limit: 5 }, prefer(preference)));
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ status, code });
      expect(error.body).toMatchObject({ code, message: expect.any(String) });
      expect(error.headers).toBeInstanceOf(Headers);
    });

    it("hands a 429's Retry-After back as retryAfterMs", async () => {
      const error = await errorOf(client.voices.list({}, prefer("code=429")));
      // Prism sends the header's documented example, "30".
      expect(error.headers?.get("retry-after")).toBe("30");
      expect(error).toBeInstanceOf(sdk.RateLimitError);
      expect((error as Sdk.RateLimitError).retryAfterMs).toBe(30_000);
      expect(error.message).toContain("wait 30 s");
    });
  });

  describe("listAll against the contract", () => {
    it("walks the default example in one request", async () => {
      const ids: string[] = [];
      for await (const voice of client.voices.listAll({ voice_type: "custom", limit: 10 })) ids.push(voice.voice_id);
      expect(ids).toEqual(["abc123def456", "fed654cba321"]);
      expect(sent).toHaveLength(1);
    });

    it("stops after an empty list without a second request", async () => {
      const ids: string[] = [];
      for await (const voice of client.voices.listAll({}, prefer("example=emptyList"))) ids.push(voice.voice_id);
      expect(ids).toEqual([]);
      expect(sent).toHaveLength(1);
    });
  });

  describe("cloneVoice", () => {
    it.each([
      ["WAV", wav],
      ["MP3", mp3],
      ["M4A", m4a],
    ])("uploads a %s file as multipart with every field", async (_, file) => {
      const cloned = await client.voices.clone({ file: file(), display_name: "Mine", denoise: true, language: "en" });
      expect(cloned).toEqual({
        voice_id: "abc123def456",
        voice_display_name: "My Custom Voice",
        duration: 8.52,
        selected_text: "The quick brown fox jumps over the lazy dog.",
        selected_start: 0.4,
        selected_end: 8.1,
        text: "The quick brown fox jumps over the lazy dog.",
        language: "en",
      });
    });

    it("clones from a URL, serving the named example cloned", async () => {
      const cloned = await client.voices.clone(
        { voice_url: "https://example.com/a.wav", denoise: false },
        prefer("example=cloned"),
      );
      expect(cloned.voice_id).toBe("abc123def456");
    });

    it("sends file and voice_url together when both are given", async () => {
      const cloned = await client.voices.clone({ file: wav(), voice_url: "https://example.com/a.wav" });
      expect(cloned.voice_id).toBe("abc123def456");
    });

    it.each([
      ["code=400", sdk.BadRequestError, 400, 40001],
      ["code=400, example=missingAudio", sdk.BadRequestError, 400, 40001],
      ["code=400, example=unsupportedFormat", sdk.BadRequestError, 400, 40002],
      ["code=401", sdk.AuthenticationError, 401, 40100],
      ["code=429", sdk.RateLimitError, 429, 42900],
    ] as const)("maps Prefer: %s to its error class", async (preference, ErrorClass, status, code) => {
      const error = await errorOf(client.voices.clone({ file: wav(), display_name: "x" }, prefer(preference)));
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ status, code });
      // A clone answered with an error was not re-sent.
      expect(sent).toHaveLength(1);
    });
  });

  describe("getVoice", () => {
    it("returns the voice (named example customVoice)", async () => {
      const voice = await client.voices.get("abc123def456", prefer("example=customVoice"));
      expect(voice).toMatchObject({ voice_id: "abc123def456", display_name: "My Custom Voice", voice_type: "custom" });
      expect(voice.url).toMatch(/^https:/);
    });

    it.each([
      ["code=400", sdk.BadRequestError, 400, 40000],
      ["code=401", sdk.AuthenticationError, 401, 40100],
      ["code=401, example=missingKey", sdk.AuthenticationError, 401, 40101],
      ["code=404", sdk.NotFoundError, 404, 40400],
      ["code=429", sdk.RateLimitError, 429, 42900],
    ] as const)("maps Prefer: %s to its error class", async (preference, ErrorClass, status, code) => {
      const error = await errorOf(client.voices.get("missing", prefer(preference)));
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ status, code });
    });

    it("carries the 404 envelope as the body", async () => {
      const error = await errorOf(client.voices.get("missing", prefer("code=404")));
      expect(error.body).toEqual({ code: 40400, message: "voice not found", data: null });
    });
  });

  describe("deleteVoice", () => {
    it("returns the deleted voice (named example deleted)", async () => {
      expect(await client.voices.delete("abc123def456", prefer("example=deleted"))).toEqual({
        voice_id: "abc123def456",
        display_name: "My Custom Voice",
        delete_time: 1738664823,
      });
    });

    it.each([
      ["code=401", sdk.AuthenticationError, 401, 40100],
      ["code=404", sdk.NotFoundError, 404, 40400],
      ["code=429", sdk.RateLimitError, 429, 42900],
    ] as const)("maps Prefer: %s to its error class", async (preference, ErrorClass, status, code) => {
      const error = await errorOf(client.voices.delete("missing", prefer(preference)));
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ status, code });
    });
  });

  describe("voice_id as one path segment", () => {
    it.each([
      ["a/b", "/voices/a%2Fb"],
      ["名前", "/voices/%E5%90%8D%E5%89%8D"],
      ["../voices", "/voices/..%2Fvoices"],
      ["id with spaces?#", "/voices/id%20with%20spaces%3F%23"],
    ])("%j reaches Prism as /voices/{voice_id} for get and delete", async (id, path) => {
      expect((await client.voices.get(id)).voice_id).toBe("abc123def456");
      expect((await client.voices.delete(id)).voice_id).toBe("abc123def456");
      for (const request of sent) expect(new URL(request.url).pathname).toBe(path);
    });
  });

  describe("client.raw", () => {
    it("is the typed openapi-fetch client on the same transport; data is the whole envelope", async () => {
      const { data } = await client.raw.GET("/voices/{voice_id}", { params: { path: { voice_id: "abc123def456" } } });
      expect(data?.code).toBe(0);
      expect(data?.data.voice_id).toBe("abc123def456");
    });

    it("lists with query parameters and maps a DELETE's 404 to NotFoundError", async () => {
      const { data } = await client.raw.GET("/voices", { params: { query: { limit: 1 } } });
      expect(data?.code).toBe(0);
      expect(data?.data.total_count).toBe(2);
      await expect(
        client.raw.DELETE("/voices/{voice_id}", {
          params: { path: { voice_id: "x" } },
          headers: { Prefer: "code=404" },
        }),
      ).rejects.toBeInstanceOf(sdk.NotFoundError);
    });

    it("throws the same typed errors", async () => {
      const error = await client.raw
        .GET("/voices/{voice_id}", { params: { path: { voice_id: "x" } }, headers: { Prefer: "code=404" } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(sdk.NotFoundError);
    });

    it("runs middleware registered before it loads", async () => {
      const seen: string[] = [];
      const middleware = {
        onRequest({ request }: { request: Request }) {
          seen.push(new URL(request.url).pathname);
        },
      };
      client.raw.use(middleware);
      await client.raw.GET("/voices", { params: { query: { limit: 1 } } });
      client.raw.eject(middleware);
      await client.raw.GET("/voices");
      expect(seen).toEqual(["/voices"]);
    });
  });
}
