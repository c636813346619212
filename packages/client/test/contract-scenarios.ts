// The contract scenarios: a client against Prism serving the spec, every exchange checked against the
// contract. Shared by the fetch client's run (contract.test.ts) and the Node client's
// (packages/node/test/contract.test.ts): one set of scenarios, run on each transport.
// Prism answers a request that breaks the spec with 400/422 (whichever the operation documents) plus an
// `sl-violations` header; every exchange is reported through `observe`, so such a request fails its test
// even when the status happens to be the one the test expected.
// Prism answers from the spec's fixed examples whatever the request holds: it echoes nothing, filters
// nothing and keeps no state. So these tests assert only what the contract guarantees: the request went
// out as the spec says, the result has the documented shape and types, a documented status becomes its
// error class. Never that a value came back as sent: that is for a stateful fake (@noiz-voices/testing,
// see packages/testing/test/fake.test.ts and packages/node/test/clone.test.ts).
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

  // The shapes the spec guarantees: required fields with their types, and the enum. (Prism runs with
  // --errors, so its examples match the whole schema; these show the client handed back `data`, unwrapped.)
  function expectVoice(voice: Sdk.Voice): void {
    expect(voice).toMatchObject({ voice_id: expect.any(String), display_name: expect.any(String) });
    expect(["custom", "built-in"]).toContain(voice.voice_type);
  }
  function expectPage(page: Sdk.VoiceList): void {
    expect(Number.isInteger(page.total_count) && page.total_count >= 0).toBe(true);
    expect(Array.isArray(page.voices)).toBe(true);
    expect(page.voices.length).toBeLessThanOrEqual(page.total_count);
    for (const voice of page.voices) expectVoice(voice);
  }
  function expectCloned(cloned: Sdk.ClonedVoice): void {
    expect(cloned).toMatchObject({ voice_id: expect.any(String) });
    expect(cloned).not.toHaveProperty("code");
  }
  function expectDeleted(deleted: Sdk.DeletedVoice): void {
    expect(deleted).toMatchObject({ voice_id: expect.any(String) });
    expect(Number.isInteger(deleted.delete_time)).toBe(true);
  }
  /** A documented failure: its class and status, and the envelope's non-zero code carried over (the spec calls the values illustrative). */
  function expectFailure(error: Sdk.VoicesError, ErrorClass: new (...args: never[]) => Sdk.ApiError, status: number) {
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status, body: { code: expect.any(Number), message: expect.any(String) } });
    const { code, body } = error as Sdk.ApiError;
    expect(code).toBe((body as { code: number }).code);
    expect(code).not.toBe(0);
  }

  describe("listVoices", () => {
    it("sends every filter the spec knows, with the key, and returns the page's data", async () => {
      const page = await client.voices.list({ voice_type: "custom", keyword: "warm", skip: 0, limit: 10 });
      expectPage(page);
      const query = new URL(sent[0]?.url ?? "").searchParams;
      expect(Object.fromEntries(query)).toEqual({ voice_type: "custom", keyword: "warm", skip: "0", limit: "10" });
      expect(sent[0]?.headers.get("authorization")).toBe(KEY);
    });

    it.each(["customVoices", "builtInVoices", "emptyList"])(
      "returns the named example %s as a page of the documented shape",
      async (example) => {
        expectPage(await client.voices.list({}, prefer(`example=${example}`)));
      },
    );

    it.each([
      ["code=400", sdk.BadRequestError, 400],
      ["code=401", sdk.AuthenticationError, 401],
      ["code=401, example=invalidKey", sdk.AuthenticationError, 401],
      ["code=401, example=missingKey", sdk.AuthenticationError, 401],
      ["code=429", sdk.RateLimitError, 429],
    ] as const)("maps Prefer: %s to its error class", async (preference, ErrorClass, status) => {
      const error = await errorOf(client.voices.list({ limit: 5 }, prefer(preference)));
      expectFailure(error, ErrorClass, status);
      expect(error.headers).toBeInstanceOf(Headers);
    });

    it("hands a 429's Retry-After back as retryAfterMs", async () => {
      const error = await errorOf(client.voices.list({}, prefer("code=429")));
      expect(error).toBeInstanceOf(sdk.RateLimitError);
      // The spec documents the header (seconds or an HTTP date) without promising a value: whatever Prism
      // sends, the client reads it.
      const header = error.headers?.get("retry-after") ?? "";
      expect(header).toMatch(/^\d+$/);
      expect((error as Sdk.RateLimitError).retryAfterMs).toBe(Number(header) * 1000);
      expect(error.message).toContain(`wait ${header} s`);
    });
  });

  describe("listAll against the contract", () => {
    it("yields the page's voices and stops at total_count, in one request", async () => {
      // Prism's page is the same whatever the request: read it once, then walk it.
      const page = await client.voices.list({ voice_type: "custom", limit: 10 });
      expect(page.total_count).toBeLessThanOrEqual(10);
      sent.length = 0;
      const ids: string[] = [];
      for await (const voice of client.voices.listAll({ voice_type: "custom", limit: 10 })) ids.push(voice.voice_id);
      expect(ids).toEqual(page.voices.map((voice) => voice.voice_id));
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
    ])("uploads a %s file as multipart with every field, as the spec's form", async (_, file) => {
      // Prism checks the form against the spec (a violation fails the test); what comes back is its example.
      expectCloned(await client.voices.clone({ file: file(), display_name: "Mine", denoise: true, language: "en" }));
      expect(sent).toHaveLength(1);
      expect(sent[0]?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    });

    it("clones from a URL (named example cloned)", async () => {
      expectCloned(
        await client.voices.clone({ voice_url: "https://example.com/a.wav", denoise: false }, prefer("example=cloned")),
      );
    });

    it("sends file and voice_url together when both are given", async () => {
      expectCloned(await client.voices.clone({ file: wav(), voice_url: "https://example.com/a.wav" }));
    });

    it.each([
      ["code=400", sdk.BadRequestError, 400],
      ["code=400, example=missingAudio", sdk.BadRequestError, 400],
      ["code=400, example=unsupportedFormat", sdk.BadRequestError, 400],
      ["code=401", sdk.AuthenticationError, 401],
      ["code=429", sdk.RateLimitError, 429],
    ] as const)("maps Prefer: %s to its error class", async (preference, ErrorClass, status) => {
      const error = await errorOf(client.voices.clone({ file: wav(), display_name: "x" }, prefer(preference)));
      expectFailure(error, ErrorClass, status);
      // A clone answered with an error was not re-sent.
      expect(sent).toHaveLength(1);
    });
  });

  describe("getVoice", () => {
    it("returns a voice of the documented shape (named example customVoice)", async () => {
      expectVoice(await client.voices.get("abc123def456", prefer("example=customVoice")));
      expect(new URL(sent[0]?.url ?? "").pathname).toBe("/voices/abc123def456");
    });

    it.each([
      ["code=400", sdk.BadRequestError, 400],
      ["code=401", sdk.AuthenticationError, 401],
      ["code=401, example=missingKey", sdk.AuthenticationError, 401],
      ["code=404", sdk.NotFoundError, 404],
      ["code=429", sdk.RateLimitError, 429],
    ] as const)("maps Prefer: %s to its error class", async (preference, ErrorClass, status) => {
      expectFailure(await errorOf(client.voices.get("missing", prefer(preference))), ErrorClass, status);
    });

    it("carries the 404 envelope as the body", async () => {
      const error = await errorOf(client.voices.get("missing", prefer("code=404")));
      // The envelope of an error: a non-zero code, a message and no data (ErrorEnvelope).
      expect(error.body).toEqual({ code: expect.any(Number), message: expect.any(String), data: null });
    });
  });

  describe("deleteVoice", () => {
    it("sends DELETE and returns a deleted voice of the documented shape (named example deleted)", async () => {
      expectDeleted(await client.voices.delete("abc123def456", prefer("example=deleted")));
      expect(sent[0]?.method).toBe("DELETE");
    });

    it.each([
      ["code=401", sdk.AuthenticationError, 401],
      ["code=404", sdk.NotFoundError, 404],
      ["code=429", sdk.RateLimitError, 429],
    ] as const)("maps Prefer: %s to its error class", async (preference, ErrorClass, status) => {
      expectFailure(await errorOf(client.voices.delete("missing", prefer(preference))), ErrorClass, status);
    });
  });

  describe("voice_id as one path segment", () => {
    it.each([
      ["a/b", "/voices/a%2Fb"],
      ["名前", "/voices/%E5%90%8D%E5%89%8D"],
      ["../voices", "/voices/..%2Fvoices"],
      ["id with spaces?#", "/voices/id%20with%20spaces%3F%23"],
    ])("%j reaches Prism as /voices/{voice_id} for get and delete", async (id, path) => {
      // Prism answered the operation (not a 404 for an unknown path) and saw no violation.
      expectVoice(await client.voices.get(id));
      expectDeleted(await client.voices.delete(id));
      expect(sent.map((request) => new URL(request.url).pathname)).toEqual([path, path]);
    });
  });

  describe("client.raw", () => {
    it("is the typed openapi-fetch client on the same transport; data is the whole envelope", async () => {
      const { data } = await client.raw.GET("/voices/{voice_id}", { params: { path: { voice_id: "abc123def456" } } });
      expect(data).toMatchObject({ code: 0, message: expect.any(String) });
      expectVoice(data!.data);
      expect(sent[0]?.headers.get("authorization")).toBe(KEY);
    });

    it("lists with query parameters and maps a DELETE's 404 to NotFoundError", async () => {
      const { data } = await client.raw.GET("/voices", { params: { query: { limit: 1 } } });
      expect(data).toMatchObject({ code: 0, message: expect.any(String) });
      expectPage(data!.data);
      expect(new URL(sent[0]?.url ?? "").search).toBe("?limit=1");
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
