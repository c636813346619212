// The contract scenarios: one suite, run against two targets that both serve spec/voices.openapi.yaml:
// Prism (the project's own contract check) and the stateful fake (@noiz-voices/testing). A `ContractTarget`
// hides what differs between them: how to ask for a documented error status, how to pick a named example,
// and how a contract violation shows. Runs: the fetch client and the Node client against Prism
// (contract.test.ts here and packages/node/test/contract.test.ts), and both against the fake
// (packages/node/test/contract-fake.test.ts: the node package already depends on @noiz-voices/testing,
// which depends on this package, so the client cannot import the fake without a workspace cycle).
// Prism answers from the spec's fixed examples whatever the request holds, and the fake answers from its
// own state. So these tests assert only what the contract guarantees: the request went out as the spec
// says, the result has the documented shape and types, a documented status becomes its error class. Never
// that a value came back as sent: that is for the fake's own tests (packages/testing/test/fake.test.ts).
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type * as Sdk from "../src/index.js";

/** What a test saw go out: enough to check the method, URL and headers. */
export interface SentRequest {
  method: string;
  url: string;
  headers: Headers;
}

/** Reports one exchange: the request as sent and the answer's status and headers. */
export type Observe = (request: SentRequest, response: { status: number; headers: Headers }) => void;

/** The spec's operations, by operationId. */
export type OperationId = "listVoices" | "cloneVoice" | "getVoice" | "deleteVoice";

/** A server the scenarios run against: it serves the spec and judges every request against it. */
export interface ContractTarget {
  /** Where it serves the API. */
  readonly baseUrl: string;
  /** The API key it accepts. */
  readonly apiKey: string;
  /** The fetch that reaches it, for the fetch client (the global one for a real server). */
  readonly fetch: typeof fetch;
  /** Request options that pick the spec's named example `name`, where the target serves examples. */
  example(name: string): Sdk.RequestOptions;
  /**
   * Makes the next call to `operation` answer the documented error `status` (with the spec's named
   * example `example`, where the target serves examples); returns the options to send that call with.
   */
  failNext(operation: OperationId, status: number, example?: string): Sdk.RequestOptions;
  /** Sees every exchange, for a target that reports violations in its answers' headers. */
  observe?: Observe;
  /** The contract violations it found since the last call, then forgets them (a test fails on any). */
  takeViolations(): string[];
  /** Back to the starting state between tests. */
  reset(): void;
}

/** One run of the scenarios. */
export interface ContractRun {
  /** The SDK's exports as the client under test throws them (errors are checked by class). */
  sdk: typeof Sdk;
  /** The server under test (called once, before the first scenario). */
  target: () => ContractTarget | Promise<ContractTarget>;
  /** Builds the client under test (`maxRetries: 0`) on `target`, reporting each exchange to `observe`. */
  makeClient(target: ContractTarget, observe: Observe): Sdk.VoicesClient;
}

export const KEY = "contract-test-key";
/** The ids the scenarios get and delete (a target with state must know them): a plain one, and ones that must stay one encoded path segment. */
export const VOICE_IDS = ["abc123def456", "a/b", "名前", "../voices", "id with spaces?#"] as const;
const audio = (head: number[], name: string) => {
  const bytes = new Uint8Array(64);
  bytes.set(head, 0);
  return new File([bytes], name);
};
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const wav = () => audio([...ascii("RIFF"), 0x24, 0, 0, 0, ...ascii("WAVE")], "sample.wav");
const mp3 = () => audio([...ascii("ID3"), 4, 0, 0], "sample.mp3");
const m4a = () => audio([0, 0, 0, 0x20, ...ascii("ftypM4A ")], "sample.m4a");

/** Records Prism's verdicts (its `sl-violations` header) on every exchange. */
export function createPrismRecorder() {
  const violations: string[] = [];
  const observe: Observe = (request, response) => {
    const verdict = response.headers.get("sl-violations");
    if (verdict) violations.push(`${request.method} ${request.url} → ${response.status}: ${verdict}`);
  };
  return { violations, observe };
}

/** Prism at `baseUrl`: `Prefer` headers pick its documented answers, `sl-violations` carries its verdict. */
export function prismTarget(baseUrl: string): ContractTarget {
  const { violations, observe } = createPrismRecorder();
  const prefer = (value: string) => ({ headers: { Prefer: value } });
  return {
    baseUrl,
    apiKey: KEY,
    fetch: (input, init) => fetch(input, init),
    example: (name) => prefer(`example=${name}`),
    failNext: (_, status, example) => prefer(example ? `code=${status}, example=${example}` : `code=${status}`),
    observe,
    takeViolations: () => violations.splice(0),
    reset() {},
  };
}

/** The fetch client on `target.fetch`, observing each exchange through the fetch it is passed. */
export function fetchClient(sdk: typeof Sdk): ContractRun["makeClient"] {
  return (target, observe) =>
    sdk.createVoicesClient({
      apiKey: target.apiKey,
      baseUrl: target.baseUrl,
      maxRetries: 0,
      fetch: async (request, init) => {
        const sent = { method: request.method, url: request.url, headers: new Headers(request.headers) };
        const response = await target.fetch(request, init);
        observe(sent, response);
        return response;
      },
    });
}

/** Defines the scenarios for one client (call it at a test file's top level). */
export function contractScenarios({ sdk, target: start, makeClient }: ContractRun): void {
  const sent: SentRequest[] = [];
  let target: ContractTarget;
  let client: Sdk.VoicesClient;
  beforeAll(async () => {
    target = await start();
    client = makeClient(target, (request, response) => {
      sent.push(request);
      target.observe?.(request, response);
    });
  });

  afterEach(() => {
    const found = target.takeViolations();
    sent.length = 0;
    target.reset();
    expect(found, "the target found requests that break spec/voices.openapi.yaml").toEqual([]);
  });

  /** The path under the target's base URL, still percent-encoded. */
  function pathOf(url = ""): string {
    const base = new URL(target.baseUrl).pathname.replace(/\/$/, "");
    return new URL(url).pathname.slice(base.length);
  }

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
      expect(sent[0]?.headers.get("authorization")).toBe(target.apiKey);
    });

    it.each([
      ["customVoices", { voice_type: "custom" }],
      ["builtInVoices", { voice_type: "built-in" }],
      ["emptyList", { keyword: "no voice is named this" }],
    ] as const)("returns a page of the documented shape (named example %s)", async (example, query) => {
      expectPage(await client.voices.list(query, target.example(example)));
    });

    it.each([
      [400, undefined, sdk.BadRequestError],
      [401, undefined, sdk.AuthenticationError],
      [401, "invalidKey", sdk.AuthenticationError],
      [401, "missingKey", sdk.AuthenticationError],
      [429, undefined, sdk.RateLimitError],
    ] as const)("maps a documented %i (example %s) to its error class", async (status, example, ErrorClass) => {
      const error = await errorOf(client.voices.list({ limit: 5 }, target.failNext("listVoices", status, example)));
      expectFailure(error, ErrorClass, status);
      expect(error.headers).toBeInstanceOf(Headers);
    });

    it("hands a 429's Retry-After back as retryAfterMs", async () => {
      const error = await errorOf(client.voices.list({}, target.failNext("listVoices", 429)));
      expect(error).toBeInstanceOf(sdk.RateLimitError);
      // The spec documents the header (seconds or an HTTP date) without promising a value: whatever the
      // target sends, the client reads it.
      const header = error.headers?.get("retry-after") ?? "";
      expect(header).toMatch(/^\d+$/);
      expect((error as Sdk.RateLimitError).retryAfterMs).toBe(Number(header) * 1000);
      expect(error.message).toContain(`wait ${header} s`);
    });
  });

  describe("listAll against the contract", () => {
    it("yields the page's voices and stops at total_count, in one request", async () => {
      // Read the page once, then walk it (Prism's page is the same whatever the request; the fake's is its state).
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
      const query = { keyword: "no voice is named this" };
      for await (const voice of client.voices.listAll(query, target.example("emptyList"))) ids.push(voice.voice_id);
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
      // The target checks the form against the spec (a violation fails the test).
      expectCloned(await client.voices.clone({ file: file(), display_name: "Mine", denoise: true, language: "en" }));
      expect(sent).toHaveLength(1);
      expect(sent[0]?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    });

    it("clones from a URL (named example cloned)", async () => {
      expectCloned(
        await client.voices.clone({ voice_url: "https://example.com/a.wav", denoise: false }, target.example("cloned")),
      );
    });

    it("sends file and voice_url together when both are given", async () => {
      expectCloned(await client.voices.clone({ file: wav(), voice_url: "https://example.com/a.wav" }));
    });

    it.each([
      [400, undefined, sdk.BadRequestError],
      [400, "missingAudio", sdk.BadRequestError],
      [400, "unsupportedFormat", sdk.BadRequestError],
      [401, undefined, sdk.AuthenticationError],
      [429, undefined, sdk.RateLimitError],
    ] as const)("maps a documented %i (example %s) to its error class", async (status, example, ErrorClass) => {
      const options = target.failNext("cloneVoice", status, example);
      const error = await errorOf(client.voices.clone({ file: wav(), display_name: "x" }, options));
      expectFailure(error, ErrorClass, status);
      // A clone answered with an error was not re-sent.
      expect(sent).toHaveLength(1);
    });
  });

  describe("getVoice", () => {
    it("returns a voice of the documented shape (named example customVoice)", async () => {
      expectVoice(await client.voices.get("abc123def456", target.example("customVoice")));
      expect(pathOf(sent[0]?.url)).toBe("/voices/abc123def456");
    });

    it.each([
      [400, undefined, sdk.BadRequestError],
      [401, undefined, sdk.AuthenticationError],
      [401, "missingKey", sdk.AuthenticationError],
      [404, undefined, sdk.NotFoundError],
      [429, undefined, sdk.RateLimitError],
    ] as const)("maps a documented %i (example %s) to its error class", async (status, example, ErrorClass) => {
      const options = target.failNext("getVoice", status, example);
      expectFailure(await errorOf(client.voices.get("missing", options)), ErrorClass, status);
    });

    it("carries the 404 envelope as the body", async () => {
      const error = await errorOf(client.voices.get("missing", target.failNext("getVoice", 404)));
      // The envelope of an error: a non-zero code, a message and no data (ErrorEnvelope).
      expect(error.body).toEqual({ code: expect.any(Number), message: expect.any(String), data: null });
    });
  });

  describe("deleteVoice", () => {
    it("sends DELETE and returns a deleted voice of the documented shape (named example deleted)", async () => {
      expectDeleted(await client.voices.delete("abc123def456", target.example("deleted")));
      expect(sent[0]?.method).toBe("DELETE");
    });

    it.each([
      [401, undefined, sdk.AuthenticationError],
      [404, undefined, sdk.NotFoundError],
      [429, undefined, sdk.RateLimitError],
    ] as const)("maps a documented %i (example %s) to its error class", async (status, example, ErrorClass) => {
      const options = target.failNext("deleteVoice", status, example);
      expectFailure(await errorOf(client.voices.delete("missing", options)), ErrorClass, status);
    });
  });

  describe("voice_id as one path segment", () => {
    it.each([
      ["a/b", "/voices/a%2Fb"],
      ["名前", "/voices/%E5%90%8D%E5%89%8D"],
      ["../voices", "/voices/..%2Fvoices"],
      ["id with spaces?#", "/voices/id%20with%20spaces%3F%23"],
    ])("%j reaches the target as /voices/{voice_id} for get and delete", async (id, path) => {
      // The target answered the operation (not a 404 for an unknown path) and saw no violation.
      expectVoice(await client.voices.get(id));
      expectDeleted(await client.voices.delete(id));
      expect(sent.map((request) => pathOf(request.url))).toEqual([path, path]);
    });
  });

  describe("client.raw", () => {
    it("is the typed openapi-fetch client on the same transport; data is the whole envelope", async () => {
      const { data } = await client.raw.GET("/voices/{voice_id}", { params: { path: { voice_id: "abc123def456" } } });
      expect(data).toMatchObject({ code: 0, message: expect.any(String) });
      expectVoice(data!.data);
      expect(sent[0]?.headers.get("authorization")).toBe(target.apiKey);
    });

    it("lists with query parameters and maps a DELETE's 404 to NotFoundError", async () => {
      const { data } = await client.raw.GET("/voices", { params: { query: { limit: 1 } } });
      expect(data).toMatchObject({ code: 0, message: expect.any(String) });
      expectPage(data!.data);
      expect(new URL(sent[0]?.url ?? "").search).toBe("?limit=1");
      await expect(
        client.raw.DELETE("/voices/{voice_id}", {
          params: { path: { voice_id: "x" } },
          ...target.failNext("deleteVoice", 404),
        }),
      ).rejects.toBeInstanceOf(sdk.NotFoundError);
    });

    it("throws the same typed errors", async () => {
      const error = await client.raw
        .GET("/voices/{voice_id}", { params: { path: { voice_id: "x" } }, ...target.failNext("getVoice", 404) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(sdk.NotFoundError);
    });

    it("runs middleware registered before it loads", async () => {
      const seen: string[] = [];
      const middleware = {
        onRequest({ request }: { request: Request }) {
          seen.push(pathOf(request.url));
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
