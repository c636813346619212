// The API key never shows up in an error, however it is printed, nor in the client itself.
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  clientWith,
  cutBody,
  fail,
  hang,
  json,
  networkError,
  ok,
  type Reply,
  rejectionOf,
  settle,
  text,
  useFakeClock,
  wavFile,
} from "../test/fake-fetch.js";
import { createVoicesClient } from "./client.js";
import { VoicesError } from "./errors.js";

const KEY = "sk-live-REDACTME-12345";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/** Every way an error gets printed or logged. */
function renderings(error: unknown): Record<string, string> {
  const e = error as Error;
  return {
    message: e.message,
    string: String(e),
    json: JSON.stringify(e),
    inspect: inspect(e, { depth: 10, showHidden: true }),
    stack: String(e.stack),
    // Console output of the error as an object's property.
    nested: inspect({ error: e }, { depth: 10, showHidden: true }),
  };
}

function expectNoKey(error: unknown): void {
  expect(error).toBeInstanceOf(VoicesError);
  for (const [how, rendered] of Object.entries(renderings(error))) {
    expect(rendered, `the key leaked through ${how}`).not.toContain(KEY);
  }
}

describe("the API key never appears in an error", () => {
  const echoHeaders = { "www-authenticate": `Key ${KEY}`, "x-echo-authorization": KEY };
  const paths: [string, Reply[]][] = [
    ["401 whose message echoes the key", [fail(401, 40100, `invalid api key: ${KEY}`, echoHeaders)]],
    ["400 whose body echoes the key elsewhere", [json(400, { code: 40000, message: "bad", data: { key: KEY } })]],
    ["404", [fail(404, 40400, `voice not found for ${KEY}`)]],
    ["429 with Retry-After", [fail(429, 42900, `quota of ${KEY} exceeded`, { "retry-after": "3600" })]],
    ["500 HTML page echoing the key", [text(500, `<html><body>Authorization: ${KEY}</body></html>`)]],
    ["200 with a non-zero envelope code", [fail(200, 40003, `key ${KEY} is suspended`)]],
    ["200 that is not JSON", [text(200, `Authorization: ${KEY}`)]],
    ["200 JSON that is not the envelope", [json(200, { authorization: KEY })]],
    [
      "a fetch error whose message contains the key",
      [networkError("ECONNRESET", `socket hang up (Authorization: ${KEY})`)],
    ],
    [
      "a fetch error with the key in its stack and nested causes",
      [
        () => {
          const inner = Object.assign(new Error(`inner ${KEY}`), { code: "ECONNRESET", header: KEY });
          const outer = new TypeError(`fetch failed for ${KEY}`, { cause: inner });
          outer.stack = `TypeError: fetch failed for ${KEY}\n    at fake (${KEY}.js:1:1)`;
          throw outer;
        },
      ],
    ],
    ["a thrown non-Error carrying the key", [() => Promise.reject(`Authorization: ${KEY}`)]],
    ["a body cut mid-read", [cutBody(200, `{"message":"${KEY}`)]],
  ];

  it.each(paths)("%s", async (_, script) => {
    const { client } = clientWith(script, { apiKey: KEY, maxRetries: 0 });
    expectNoKey(await rejectionOf(client.voices.get("v1")));
  });

  it("a timeout", async () => {
    useFakeClock();
    const { client } = clientWith([hang()], { apiKey: KEY, maxRetries: 0, timeoutMs: 100 });
    const outcome = await settle(client.voices.list());
    expectNoKey(outcome.error);
  });

  it("a clone that may have arrived", async () => {
    const { client } = clientWith([networkError("ECONNRESET", `reset while sending ${KEY}`)], { apiKey: KEY });
    const error = await rejectionOf(client.voices.clone({ file: wavFile() }));
    expect(error).toMatchObject({ outcomeUnknown: true });
    expectNoKey(error);
  });

  it("a refused clone after its retries", async () => {
    useFakeClock();
    const refused = networkError("ECONNREFUSED", `connect ECONNREFUSED (${KEY})`);
    const { client } = clientWith([refused, refused, refused], { apiKey: KEY });
    expectNoKey((await settle(client.voices.clone({ voice_url: "https://example.com/a.wav" }))).error);
  });

  it("an abort, and a validation error", async () => {
    const { client } = clientWith([ok({})], { apiKey: KEY });
    expectNoKey(await rejectionOf(client.voices.get("v1", { signal: AbortSignal.abort() })));
    expectNoKey(await rejectionOf(client.voices.get("")));
    expectNoKey(await rejectionOf(client.voices.list({ limit: 0 })));
  });

  it("a listAll page the service garbled with the key", async () => {
    const { client } = clientWith([ok({ total_count: KEY, voices: [KEY] })], { apiKey: KEY });
    const error = await rejectionOf(
      (async () => {
        for await (const _voice of client.voices.listAll()) {
          // never reached
        }
      })(),
    );
    expectNoKey(error);
  });

  it("the key is still sent, unredacted, to the service", async () => {
    const { client, fetch } = clientWith([ok({ voice_id: "v1", display_name: "x", voice_type: "custom" })], {
      apiKey: KEY,
    });
    await client.voices.get("v1");
    expect(fetch.requests[0]?.headers.get("authorization")).toBe(KEY);
  });
});

describe("the client object", () => {
  it("does not show the key when inspected or serialised", () => {
    const { client } = clientWith([], { apiKey: KEY, headers: { "x-app": "demo" } });
    expect(inspect(client, { depth: 10, showHidden: true, getters: true })).not.toContain(KEY);
    expect(inspect(client.raw, { depth: 10, showHidden: true, getters: true })).not.toContain(KEY);
    expect(inspect(client.voices, { depth: 10, showHidden: true, getters: true })).not.toContain(KEY);
    expect(JSON.stringify(client)).not.toContain(KEY);
    expect(String(client)).not.toContain(KEY);
  });

  it("does not show a key read from NOIZ_API_KEY either", () => {
    vi.stubEnv("NOIZ_API_KEY", KEY);
    const client = createVoicesClient({ fetch: async () => new Response() });
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(KEY);
  });
});
