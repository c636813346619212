// With a distinctive key, every error path, including servers and fetch errors that echo the
// key back, must keep the key out of every rendering of the error and out of every log line.
import { format, inspect } from "node:util";
import { type VoicesClient, type VoicesClientOptions, VoicesError } from "@noiz-voices/client";
import {
  cutMidBody,
  type FaultServer,
  hang,
  hangAfterBody,
  reply,
  resetOnHeaders,
  type Step,
  startFaultServer,
} from "@noiz-voices/fault-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { clients } from "../clients.js";
import { wavFile } from "../helpers.js";

describe.each(clients)("$name", ({ createVoicesClient }) => {
  const KEY = "sk-noiz-REDACTME-7f3a9c1e5b";
  // The key as JSON may carry it: escaped characters decode back to the key when parsed.
  const KEY_JSON_ESCAPED = KEY.replace("-", "\\u002d").replace("R", "\\u0052");

  let server: FaultServer;
  const logged: string[] = [];

  beforeAll(async () => {
    server = await startFaultServer({ hardTimeoutMs: 120_000 });
  });
  afterAll(() => server.close());

  // Anything the SDK might print goes through these: capture it all and check it at the end.
  beforeEach(() => {
    for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(format(...args));
      });
    }
    const capture = (chunk: unknown) => {
      logged.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, "write").mockImplementation(capture);
    vi.spyOn(process.stderr, "write").mockImplementation(capture);
    vi.spyOn(process, "emitWarning").mockImplementation((warning: string | Error) => {
      logged.push(String(warning));
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    expect(logged.filter((line) => line.includes(KEY))).toEqual([]);
  });

  function makeClient(options: VoicesClientOptions = {}): VoicesClient {
    return createVoicesClient({ apiKey: KEY, baseUrl: server.url, timeoutMs: 10_000, maxRetries: 0, ...options });
  }

  /** Every way an error gets rendered, logged or serialised. */
  function renderings(error: unknown): Record<string, string> {
    const e = error as Error & { toJSON?: () => unknown; headers?: Headers; body?: unknown };
    const out: Record<string, string> = {
      message: e.message,
      String: String(e),
      toString: e.toString(),
      stack: String(e.stack),
      JSON: JSON.stringify(e),
      toJSON: JSON.stringify(e.toJSON?.()),
      inspect: inspect(e),
      inspectHidden: inspect(e, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }),
      format: format("%o %O %s %j", e, e, e, e),
      headers: e.headers ? JSON.stringify([...e.headers]) : "",
      body: JSON.stringify(e.body) ?? "",
      ownProperties: Object.getOwnPropertyNames(e)
        .map((name) => inspect((e as unknown as Record<string, unknown>)[name], { depth: Number.POSITIVE_INFINITY }))
        .join("\n"),
    };
    let cause = e.cause;
    for (let depth = 0; cause && depth < 5; depth++) {
      out[`cause${depth}`] = inspect(cause, { showHidden: true, depth: Number.POSITIVE_INFINITY });
      cause = (cause as { cause?: unknown }).cause;
    }
    return out;
  }

  function expectNoKey(error: unknown) {
    expect(error).toBeInstanceOf(VoicesError);
    const leaks = Object.entries(renderings(error)).filter(([, text]) => text.includes(KEY));
    expect(leaks.map(([where]) => where)).toEqual([]);
    // console.error(error) is the likeliest log line: render it as the console would.
    console.error(error);
    console.error("failed: %s", (error as Error).message, error);
  }

  const envelope = (status: number, message: string) => ({ code: status * 100 + 1, message, data: null });
  const echoHeaders = {
    "x-echo-authorization": KEY,
    "www-authenticate": `ApiKey realm="noiz", key="${KEY}"`,
    "set-cookie": `session=${KEY}; Path=/`,
  };

  /** Steps that echo the key in every place a response can carry it. */
  const ECHOES: [string, number, Step][] = [];
  for (const status of [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503]) {
    ECHOES.push(
      [`${status} envelope message`, status, reply(status, envelope(status, `invalid api key ${KEY}`), echoHeaders)],
      [`${status} text body`, status, reply(status, `Authorization: ${KEY} rejected`, echoHeaders)],
      [
        `${status} HTML page`,
        status,
        reply(status, `<!DOCTYPE html><html><body>key=${KEY}</body></html>`, { "content-type": "text/html" }),
      ],
      [
        `${status} JSON-escaped key in a nested field`,
        status,
        reply(status, `{"code":${status}01,"message":"no","data":{"echo":"${KEY_JSON_ESCAPED}"}}`, {
          "content-type": "application/json",
        }),
      ],
    );
  }
  ECHOES.push(
    ["200 non-zero code echoing the key", 200, reply(200, envelope(4, `key ${KEY} is disabled`), echoHeaders)],
    ["200 non-JSON echoing the key", 200, reply(200, `hello ${KEY}`)],
    ["200 JSON that is not the envelope", 200, reply(200, { auth: KEY, ok: true })],
    [
      "200 JSON-escaped key, not the envelope",
      200,
      reply(200, `{"auth":"${KEY_JSON_ESCAPED}"}`, { "content-type": "application/json" }),
    ],
    ["200 success envelope without data", 200, reply(200, { code: 0, message: `ok ${KEY}` })],
    ["429 with the key in Retry-After", 429, reply(429, envelope(429, "slow"), { "retry-after": KEY })],
  );

  describe("server echoes the key", () => {
    it.each(ECHOES)("%s: the key is in no rendering of the error", async (_name, status, step) => {
      server.script([step, step, step]);
      const error = await makeClient()
        .voices.list()
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ status });
      expectNoKey(error);
    });

    it("a page whose data breaks the schema (listAll) and echoes the key", async () => {
      server.script([reply(200, { code: 0, message: "success", data: { total_count: "x", voices: [], echo: KEY } })]);
      const error = await (async () => {
        for await (const _ of makeClient().voices.listAll()) {
          // drained
        }
      })().catch((e: unknown) => e);
      expectNoKey(error);
    });

    it("client.raw gets the same protection", async () => {
      server.script([reply(401, envelope(401, `bad key ${KEY}`), echoHeaders)]);
      const error = await makeClient()
        .raw.GET("/voices")
        .catch((e: unknown) => e);
      expectNoKey(error);
    });

    it("the key from NOIZ_API_KEY is protected the same way", async () => {
      vi.stubEnv("NOIZ_API_KEY", KEY);
      try {
        server.script([reply(500, envelope(500, `env key ${KEY}`), echoHeaders)]);
        const client = createVoicesClient({ baseUrl: server.url, maxRetries: 0 });
        expectNoKey(await client.voices.get("abc").catch((e: unknown) => e));
      } finally {
        vi.unstubAllEnvs();
      }
    });
  });

  describe("no response", () => {
    it.each([
      ["reset", resetOnHeaders()],
      ["cut mid-body", cutMidBody(200, { code: 0, message: KEY, data: "x".repeat(5000) })],
      ["timeout", hang()],
    ] as const)("%s", async (_name, step) => {
      server.script([step, step, step]);
      expectNoKey(
        await makeClient()
          .voices.delete("abc", { timeoutMs: 300 })
          .catch((e: unknown) => e),
      );
    });

    it("clone timing out after the upload", async () => {
      server.script([hangAfterBody()]);
      expectNoKey(
        await makeClient()
          .voices.clone({ file: wavFile() }, { timeoutMs: 300 })
          .catch((e: unknown) => e),
      );
    });

    it("a fetch whose errors carry the key, down the cause chain", async () => {
      const leakyFetch = async (request: Request) => {
        const inner = Object.assign(new Error(`socket for ${request.headers.get("authorization")} closed`), {
          code: "ECONNRESET",
          key: KEY,
        });
        throw new TypeError(`fetch failed (Authorization: ${KEY})`, { cause: inner });
      };
      const error = await makeClient({ fetch: leakyFetch, maxRetries: 1 })
        .voices.list()
        .catch((e: unknown) => e);
      expectNoKey(error);
    });

    it("a fetch that rejects with a string or an object holding the key", async () => {
      for (const thrown of [`refused ${KEY}`, { message: `nope ${KEY}`, headers: { authorization: KEY } }]) {
        const error = await makeClient({ fetch: () => Promise.reject(thrown) })
          .voices.get("abc")
          .catch((e: unknown) => e);
        expectNoKey(error);
      }
    });

    it("an abort", async () => {
      server.script([hang()]);
      expectNoKey(
        await makeClient({ timeoutMs: 10_000 })
          .voices.list({}, { signal: AbortSignal.timeout(50) })
          .catch((e: unknown) => e),
      );
    });
  });

  describe("bad input that involves the key", () => {
    it.each([
      // Inside the value: Headers trims line breaks at the ends, which is harmless.
      ["a key with a line break", { apiKey: `${KEY}\nX-Injected: 1` }],
      ["a key beyond Latin-1", { apiKey: `${KEY}ключ` }],
      ["credentials in baseUrl", { baseUrl: `https://user:${KEY}@api.example/v1` }],
      ["the key in a header value with a line break", { headers: { "X-Api-Key": `${KEY}\r\nX-Injected: 1` } }],
      ["the key as a header value that is not a string", { headers: { "X-Api-Key": [KEY] as unknown as string } }],
      ["a headers string holding the key", { headers: `Authorization: ${KEY}` as unknown as Record<string, string> }],
    ])("%s", (_name, options) => {
      let error: unknown;
      try {
        createVoicesClient({ apiKey: KEY, ...options } as VoicesClientOptions);
      } catch (e) {
        error = e;
      }
      expectNoKey(error);
    });

    it("per-call headers with the key and a line break", async () => {
      const error = await makeClient()
        .voices.list({}, { headers: { "X-Api-Key": `${KEY}\n` } })
        .catch((e: unknown) => e);
      expectNoKey(error);
    });
  });

  describe("the client object", () => {
    it("shows no key when inspected", () => {
      const client = makeClient();
      expect(inspect(client, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true })).not.toContain(KEY);
      expect(JSON.stringify(client)).not.toContain(KEY);
    });
  });
});
