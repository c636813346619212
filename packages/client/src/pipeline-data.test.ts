// Issue 18's pipeline as data: every error names its operation and the setting that fixes it, raw
// calls get the same checks as voices.*, the key is used and redacted as it is sent (trimmed), and
// the attempt log hands over a structured record beside each line.
import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  clientWith,
  fail,
  json,
  networkError,
  ok,
  rejectionOf,
  TEST_BASE_URL,
  text,
  voice,
  wavFile,
} from "../test/fake-fetch.js";
import { createVoicesClient } from "./client.js";
import {
  AuthenticationError,
  InvalidResponseError,
  NotFoundError,
  ValidationError,
  type VoicesError,
} from "./errors.js";
import type { LogRecord } from "./log.js";

const page = { total_count: 1, voices: [voice("v1")] };

describe("every error names its operation: the spec's operationId", () => {
  it.each([
    ["listVoices", (client: ReturnType<typeof clientWith>["client"]) => client.voices.list()],
    ["getVoice", (client: ReturnType<typeof clientWith>["client"]) => client.voices.get("v1")],
    ["cloneVoice", (client: ReturnType<typeof clientWith>["client"]) => client.voices.clone({ file: wavFile() })],
    ["deleteVoice", (client: ReturnType<typeof clientWith>["client"]) => client.voices.delete("v1")],
  ])("%s", async (operation, send) => {
    const { client } = clientWith([fail(404, 40400, "voice not found")], { maxRetries: 0 });
    const error = (await rejectionOf(send(client))) as VoicesError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.operation).toBe(operation);
  });

  it("on network failures, timeouts of its own and bad pages too", async () => {
    const refused = clientWith([networkError("ECONNREFUSED")], { maxRetries: 0 }).client;
    expect(await rejectionOf(refused.voices.get("v1"))).toMatchObject({ operation: "getVoice", setting: "baseUrl" });
    const badPage = clientWith([ok({ total_count: "many", voices: [] })]).client;
    expect(await rejectionOf(badPage.voices.list())).toMatchObject({ operation: "listVoices" });
  });

  it("on a check's ValidationError too, before anything is sent", async () => {
    const { client, fetch } = clientWith([]);
    const firstError = async (iterable: AsyncIterable<unknown>) => {
      try {
        for await (const _ of iterable);
      } catch (error) {
        return error;
      }
    };
    const cases: [string, () => Promise<unknown>][] = [
      ["listVoices", () => client.voices.list({ limit: 0 })],
      ["listVoices", () => client.voices.list({}, { timeoutMs: -1 })],
      ["listVoices", () => firstError(client.voices.listAll({ concurrency: 0 }))],
      ["listVoices", () => firstError(client.voices.listAll({ limit: 0 }).withResponse())],
      ["getVoice", () => client.voices.get("..")],
      ["getVoice", () => client.voices.get("").withResponse()],
      ["cloneVoice", () => client.voices.clone({ file: new Blob(["not audio"]) })],
      ["cloneVoice", () => client.voices.clone({ file: wavFile() }, { maxRetries: -1 })],
      ["deleteVoice", () => client.voices.delete("")],
      ["deleteVoice", () => client.raw.DELETE("/voices/{voice_id}", { params: { path: { voice_id: ".." } } })],
      ["getVoice", () => client.raw.GET("/voices/{voice_id}", { params: { path: { voice_id: "" } } })],
    ];
    for (const [operation, send] of cases) {
      const error = await send().then(
        (value) => value,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as VoicesError).operation).toBe(operation);
    }
    expect(fetch.requests).toHaveLength(0);
  });

  it("and on client.raw, from the path template", async () => {
    const { client } = clientWith([fail(404, 40400, "voice not found")], { maxRetries: 0 });
    const { error } = await client.raw.GET("/voices/{voice_id}", { params: { path: { voice_id: "v1" } } }).then(
      () => ({ error: undefined }),
      (thrown: unknown) => ({ error: thrown as VoicesError }),
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error?.operation).toBe("getVoice");
  });
});

describe("errors name the setting that fixes them", () => {
  it("a rejected key: apiKey; an answer that is not the service's: baseUrl; a timeout: timeoutMs; a body over the cap: maxResponseBytes", async () => {
    const rejected = clientWith([fail(401, 40100, "invalid api key")]).client;
    expect(await rejectionOf(rejected.voices.list())).toMatchObject({ name: "AuthenticationError", setting: "apiKey" });
    const portal = clientWith([text(200, "<html>Sign in</html>")]).client;
    expect(await rejectionOf(portal.voices.list())).toMatchObject({ name: "InvalidResponseError", setting: "baseUrl" });
    const slow = clientWith([() => new Promise<Response>(() => {})], { timeoutMs: 5, maxRetries: 0 }).client;
    expect(await rejectionOf(slow.voices.list())).toMatchObject({ name: "TimeoutError", setting: "timeoutMs" });
    const big = clientWith([ok({ ...page, padding: "x".repeat(2000) })], { maxResponseBytes: 1000 }).client;
    expect(await rejectionOf(big.voices.list())).toMatchObject({
      name: "InvalidResponseError",
      setting: "maxResponseBytes",
    });
  });
});

describe("client.raw keeps the checks of voices.*", () => {
  it.each(["", ".", ".."])("a voice_id of %j is a ValidationError, and nothing is sent", async (voice_id) => {
    for (const method of ["GET", "DELETE"] as const) {
      const { client, fetch } = clientWith([ok(voice("v1"))]);
      const call =
        method === "GET"
          ? client.raw.GET("/voices/{voice_id}", { params: { path: { voice_id } } })
          : client.raw.DELETE("/voices/{voice_id}", { params: { path: { voice_id } } });
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe("voice_id");
      expect(fetch.calls).toBe(0);
    }
  });

  it.each([
    ["no params", {}],
    ["no voice_id", { params: { path: {} } }],
    ["path params that are not an object", { params: { path: "v1" } }],
  ])(
    "a template whose voice_id is missing (%s) is a ValidationError, not a request for {voice_id}",
    async (_, init) => {
      const { client, fetch } = clientWith([ok(voice("v1"))]);
      const error = await rejectionOf(client.raw.DELETE("/voices/{voice_id}", init as never));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ field: "voice_id", operation: "deleteVoice" });
      expect(fetch.calls).toBe(0);
    },
  );

  it("refuses a per-request fetch, which would skip the pipeline (retries, timeouts, cap, errors)", async () => {
    const { client, fetch } = clientWith([ok(page)]);
    const own = vi.fn(async () => new Response("{}"));
    const calls = [
      () => client.raw.GET("/voices", { fetch: own }),
      () => client.raw.request("get", "/voices", { fetch: own }),
    ];
    for (const call of calls) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ field: "fetch", operation: "listVoices" });
    }
    expect(own).not.toHaveBeenCalled();
    expect(fetch.calls).toBe(0);
  });

  it("reads a raw answer under the same maxResponseBytes", async () => {
    const { client } = clientWith([ok({ ...page, padding: "x".repeat(5000) })], { maxResponseBytes: 1024 });
    const error = await rejectionOf(client.raw.GET("/voices"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).setting).toBe("maxResponseBytes");
  });
});

describe("the key: trimmed before use, redacted in every form a server may echo", () => {
  const KEY = "sk-live-TRIM%ME+0123";

  it("sends a key read with surrounding whitespace trimmed", async () => {
    const { client, fetch } = clientWith([ok(page)], { apiKey: `  ${KEY}\n` });
    await client.voices.list();
    expect(fetch.requests[0]?.headers.get("authorization")).toBe(KEY);
  });

  it.each([
    ["as given", ` ${KEY}\n`],
    ["trimmed", KEY],
    ["URL-encoded", encodeURIComponent(KEY)],
    ["in base64", btoa(KEY)],
    ["in base64url", btoa(KEY).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")],
  ])("an echo of the key %s survives in no error and no log line", async (_, echoed) => {
    const lines: unknown[] = [];
    const logger = {
      debug: (...a: unknown[]) => lines.push(a),
      info: (...a: unknown[]) => lines.push(a),
      warn: (...a: unknown[]) => lines.push(a),
      error: (...a: unknown[]) => lines.push(a),
    };
    const { client } = clientWith(
      [fail(401, 40100, `invalid key ${echoed}`, { "x-echo": encodeURIComponent(KEY) }), json(500, { key: echoed })],
      { apiKey: ` ${KEY}\n`, logger, logLevel: "debug", maxRetries: 0 },
    );
    const errors = [await rejectionOf(client.voices.list()), await rejectionOf(client.voices.get("v1"))];
    expect(errors[0]).toBeInstanceOf(AuthenticationError);
    const everything = inspect([errors, lines, errors.map((e) => JSON.stringify(e))], { depth: 20, showHidden: true });
    for (const form of [KEY, encodeURIComponent(KEY), echoed.trim()]) expect(everything).not.toContain(form);
    expect(everything).toContain("[redacted]");
  });

  it("refuses a key with whitespace or control characters inside it, without quoting it", () => {
    for (const apiKey of ["sk live", "sk\tlive", "sk\u0000live", "sk\u0085live"]) {
      let error: unknown;
      try {
        createVoicesClient({ apiKey, baseUrl: TEST_BASE_URL });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe("apiKey");
      expect((error as Error).message).not.toContain(apiKey);
    }
  });
});

describe("the attempt log hands over a structured record", () => {
  it("each retry as data: retryInMs, status and operation, no text to parse", async () => {
    const records: LogRecord[] = [];
    const logger = {
      debug() {},
      info: (_: string, record: LogRecord) => records.push(record),
      warn: (_: string, record: LogRecord) => records.push(record),
      error: (_: string, record: LogRecord) => records.push(record),
    };
    const { client } = clientWith(
      [fail(503, 50300, "busy", { "retry-after": "0" }), fail(503, 50300, "busy", { "retry-after": "0" }), ok(page)],
      { logger, logLevel: "info" },
    );
    await client.voices.list();
    expect(
      records.map(({ operation, status, retries, retryInMs, error }) => ({
        operation,
        status,
        retries,
        retryInMs,
        error,
      })),
    ).toEqual([
      { operation: "listVoices", status: 503, retries: 0, retryInMs: 0, error: "ServerError" },
      { operation: "listVoices", status: 503, retries: 1, retryInMs: 0, error: "ServerError" },
      { operation: "listVoices", status: 200, retries: 2, retryInMs: undefined, error: undefined },
    ]);
  });
});
