// Observability through the real client on a scripted fetch: request ids, `.withResponse()`,
// the attempt log and `client.use` middleware.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  clientWith,
  fail,
  hangUntilAborted,
  networkError,
  ok,
  rejectionOf,
  settle,
  text,
  useFakeClock,
  voice,
  wavFile,
} from "../test/fake-fetch.js";
import { createVoicesClient } from "./client.js";
import {
  ConnectionError,
  InvalidResponseError,
  NotFoundError,
  REQUEST_ID_HEADERS,
  type ServerError,
  TimeoutError,
  ValidationError,
  VoicesError,
} from "./errors.js";
import type { Logger, LogRecord } from "./log.js";
import type { Middleware } from "./middleware.js";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

const page = { total_count: 1, voices: [voice("v1")] };

describe("request ids", () => {
  it.each(REQUEST_ID_HEADERS.map((name) => [name]))("come from %s, on the error and in its message", async (name) => {
    const { client } = clientWith([fail(404, 40400, "voice not found", { [name]: "req_123" })]);
    const error = (await rejectionOf(client.voices.get("v1"))) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.requestId).toBe("req_123");
    expect(error.message).toMatch(/\(request id req_123\)$/);
    expect(error.toJSON()).toMatchObject({ requestId: "req_123" });
  });

  it("take the first present in the documented order", async () => {
    const { client } = clientWith([
      fail(500, 1, "boom", { "cf-ray": "ray", "request-id": "second", "x-request-id": "first" }),
    ]);
    const error = (await rejectionOf(client.voices.list({}, { maxRetries: 0 }))) as ServerError;
    expect(error.requestId).toBe("first");
  });

  it("are undefined, and not in the message, when the service sends none", async () => {
    const { client } = clientWith([fail(404, 40400, "voice not found")]);
    const error = (await rejectionOf(client.voices.get("v1"))) as NotFoundError;
    expect(error.requestId).toBeUndefined();
    expect(error.message).not.toContain("request id");
  });

  it("are on every error with a response: a malformed page, a body over the cap", async () => {
    const headers = { "x-request-id": "req_page" };
    const { client } = clientWith([ok({ total_count: -1, voices: [] }, headers), text(200, "x".repeat(100), headers)]);
    const malformed = (await rejectionOf(client.voices.list())) as InvalidResponseError;
    expect(malformed).toBeInstanceOf(InvalidResponseError);
    expect(malformed.requestId).toBe("req_page");
    const tooLarge = (await rejectionOf(client.voices.list({}, { maxResponseBytes: 10 }))) as InvalidResponseError;
    expect(tooLarge).toBeInstanceOf(InvalidResponseError);
    expect(tooLarge.requestId).toBe("req_page");
  });

  it("are redacted like everything else a server sends", async () => {
    const { client } = clientWith([fail(404, 1, "no", { "x-request-id": "id-test-key" })]);
    const error = (await rejectionOf(client.voices.get("v1"))) as VoicesError;
    expect(error.requestId).toBe("id-[redacted]");
    expect(error.message).not.toContain("test-key");
  });
});

describe(".withResponse()", () => {
  it("resolves to { data, response, requestId }, and a plain await still resolves to the data", async () => {
    const { client } = clientWith([ok(voice("v1"), { "x-request-id": "req_1" }), ok(voice("v1"))]);
    const { data, response, requestId } = await client.voices.get("v1").withResponse();
    expect(data).toEqual(voice("v1"));
    expect(requestId).toBe("req_1");
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.url).toBe("https://voices.test/v1/voices/v1");
    expect(response.headers.get("x-request-id")).toBe("req_1");
    expect(await response.json()).toEqual({ code: 0, message: "success", data: voice("v1") });
    expect(await client.voices.get("v1")).toEqual(voice("v1"));
  });

  it("exists on list, clone and delete", async () => {
    const deleted = { voice_id: "v1", display_name: "x", delete_time: 1 };
    const { client, fetch } = clientWith([ok(page), ok({ voice_id: "n" }), ok(deleted)]);
    expect((await client.voices.list().withResponse()).data).toEqual(page);
    expect((await client.voices.clone({ file: wavFile() }).withResponse()).data).toEqual({ voice_id: "n" });
    expect((await client.voices.delete("v1").withResponse()).data).toEqual(deleted);
    expect(fetch.calls).toBe(3);
  });

  it("rejects with the typed error, and leaves no unhandled rejection behind", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const { client } = clientWith([fail(404, 40400, "gone")]);
      expect(await rejectionOf(client.voices.get("v1").withResponse())).toBeInstanceOf(NotFoundError);
      expect(await rejectionOf(client.voices.get("").withResponse())).toBeInstanceOf(ValidationError);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("on listAll: the same voices, each with the response of its page", async () => {
    const { client, fetch } = clientWith((request) => {
      const skip = Number(new URL(request.url).searchParams.get("skip"));
      return ok(
        { total_count: 3, voices: skip ? [voice("c")] : [voice("a"), voice("b")] },
        { "x-request-id": `page${skip}` },
      );
    });
    const seen: [string, string | undefined, number][] = [];
    for await (const { data, requestId, response } of client.voices.listAll({ limit: 2 }).withResponse()) {
      seen.push([data.voice_id, requestId, response.status]);
    }
    expect(seen).toEqual([
      ["a", "page0", 200],
      ["b", "page0", 200],
      ["c", "page1", 200],
    ]);
    expect(fetch.calls).toBe(2);
  });
});

/** A logger that keeps every line. */
function recordingLogger() {
  const lines: { level: keyof Logger; message: string; details: unknown[] }[] = [];
  const at =
    (level: keyof Logger) =>
    (message: string, ...details: unknown[]) =>
      lines.push({ level, message, details });
  const logger: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { logger, lines };
}

describe("logging", () => {
  it("is off by default", async () => {
    const { logger, lines } = recordingLogger();
    const { client } = clientWith([ok(page)], { logger });
    await client.voices.list();
    expect(lines).toEqual([]);
  });

  it("logs each attempt: method, path, status, ms and request id at info; a retry's reason and delay at warn", async () => {
    useFakeClock();
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { logger, lines } = recordingLogger();
    const { client } = clientWith(
      [fail(503, 1, "busy", { "x-request-id": "r1" }), ok(page, { "x-request-id": "r2" })],
      {
        logger,
        logLevel: "info",
      },
    );
    await settle(client.voices.list({ limit: 5 }));
    expect(lines.map(({ level, message }) => [level, message])).toEqual([
      [
        "warn",
        expect.stringMatching(
          /^\[noiz-voices\] GET \/v1\/voices → HTTP 503 in \d+ ms \(request id r1\); retry 1 in 500 ms$/,
        ),
      ],
      ["info", expect.stringMatching(/^\[noiz-voices\] GET \/v1\/voices → HTTP 200 in \d+ ms \(request id r2\)$/)],
    ]);
    // Beside each line, the same facts as data: what programs (and the fault suite's clock) read.
    const record = { operation: "listVoices", method: "GET", path: "/v1/voices", redirectedTo: undefined };
    expect(lines.map(({ details }) => details[0])).toEqual([
      { ...record, retries: 0, status: 503, durationMs: 0, requestId: "r1", retryInMs: 500, error: "ServerError" },
      { ...record, retries: 1, status: 200, durationMs: 0, requestId: "r2", retryInMs: undefined, error: undefined },
    ]);
  });

  it("logs a network failure and the error a call ends with at error", async () => {
    const { logger, lines } = recordingLogger();
    const { client } = clientWith([networkError("ECONNREFUSED")], { logger, logLevel: "warn", maxRetries: 0 });
    expect(await rejectionOf(client.voices.get("v1"))).toBeInstanceOf(ConnectionError);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "error",
      message: expect.stringMatching(
        /GET \/v1\/voices\/v1 → no response \(fetch failed\) in \d+ ms; failed: ConnectionError: /,
      ),
    });
  });

  it("logs an answer whose data has the wrong shape as the error the call ends with, not as a success", async () => {
    const { logger, lines } = recordingLogger();
    const { client } = clientWith([ok({ total_count: "x", voices: [] }), ok({ display_name: "no id" })], {
      logger,
      logLevel: "info",
    });
    expect(await rejectionOf(client.voices.list())).toBeInstanceOf(InvalidResponseError);
    expect(await rejectionOf(client.voices.get("v1"))).toBeInstanceOf(InvalidResponseError);
    expect(lines.map(({ level, details }) => [level, (details[0] as LogRecord).error])).toEqual([
      ["error", "InvalidResponseError"],
      ["error", "InvalidResponseError"],
    ]);
  });

  it("logs a timeout as such, and the call still ends with its TimeoutError", async () => {
    useFakeClock();
    const { logger, lines } = recordingLogger();
    const { client } = clientWith([() => new Promise<Response>(() => {})], {
      logger,
      logLevel: "info",
      maxRetries: 0,
      timeoutMs: 100,
    });
    const outcome = await settle(client.voices.get("v1"));
    expect(outcome.error).toBeInstanceOf(TimeoutError);
    expect(lines[0]?.message).toMatch(/→ no response \(timed out\) in \d+ ms; failed: TimeoutError/);
  });

  it("a logger that throws does not break the call", async () => {
    const explode = () => {
      throw new Error("logger down");
    };
    const logger: Logger = { debug: explode, info: explode, warn: explode, error: explode };
    const { client } = clientWith([ok(page)], { logger, logLevel: "debug" });
    expect(await client.voices.list()).toEqual(page);
  });

  it("below the level, nothing: warn hides the successes", async () => {
    const { logger, lines } = recordingLogger();
    const { client } = clientWith([ok(page)], { logger, logLevel: "warn" });
    await client.voices.list();
    expect(lines).toEqual([]);
  });

  it("logs bodies only at debug, redacted: the key never appears", async () => {
    const { logger, lines } = recordingLogger();
    const echo = { "x-echo": "test-key" };
    const { client } = clientWith(
      [ok({ ...page, note: "your key is test-key" }, echo), fail(401, 40100, "bad key test-key", echo)],
      { logger, logLevel: "debug", maxRetries: 0 },
    );
    await client.voices.list({ keyword: "k" });
    await rejectionOf(client.voices.clone({ file: wavFile("me.wav"), display_name: "Me" }));
    const all = JSON.stringify(lines);
    expect(all).not.toContain("test-key");
    expect(all).toContain("[redacted]");
    const details = lines.filter((line) => line.level === "debug").map((line) => line.details[0]);
    expect(details[0]).toMatchObject({
      url: "https://voices.test/v1/voices?keyword=k",
      requestHeaders: { authorization: "[redacted]", accept: "application/json" },
      responseBody: expect.stringContaining('"total_count":1'),
    });
    expect(details[1]).toMatchObject({
      requestBody: [
        { name: "display_name", value: "Me" },
        { name: "file", filename: "me.wav", type: "audio/wav", size: 64 },
      ],
    });
  });

  it("logs no credential header's value at debug, whatever its source (a backend's token, a cookie)", async () => {
    const { logger, lines } = recordingLogger();
    const { client } = clientWith([ok(page, { "set-cookie": "session=from-server" })], {
      apiKey: undefined,
      baseUrl: "https://backend.test/api",
      headers: { Authorization: "Bearer backend-token", Cookie: "session=mine", "X-Api-Key": "other-secret" },
      logger,
      logLevel: "debug",
    });
    await client.voices.list();
    const all = JSON.stringify(lines);
    for (const secret of ["backend-token", "session=mine", "other-secret", "from-server"]) {
      expect(all).not.toContain(secret);
    }
    expect(lines.find((line) => line.level === "debug")?.details[0]).toMatchObject({
      requestHeaders: { authorization: "[redacted]", cookie: "[redacted]", "x-api-key": "[redacted]" },
      responseHeaders: { "set-cookie": "[redacted]" },
    });
  });

  it("takes its level from NOIZ_LOG where process exists", async () => {
    vi.stubEnv("NOIZ_LOG", "info");
    const { logger, lines } = recordingLogger();
    const { client } = clientWith([ok(page)], { logger });
    await client.voices.list();
    expect(lines.map((line) => line.level)).toEqual(["info"]);
  });

  it.each([
    ["a logLevel", { logLevel: "verbose" }],
    ["a logger", { logger: { info() {} } }],
  ])("rejects %s that is not one, before anything is sent", (_, options) => {
    expect(() => createVoicesClient({ apiKey: "k", ...(options as object) })).toThrow(ValidationError);
  });

  it("rejects a NOIZ_LOG that is not a level", () => {
    vi.stubEnv("NOIZ_LOG", "verbose");
    expect(() => createVoicesClient({ apiKey: "k" })).toThrow(/NOIZ_LOG/);
  });
});

describe("client.use(middleware)", () => {
  it("runs onRequest on every attempt, and a changed header is what gets sent", async () => {
    useFakeClock();
    const { client, fetch } = clientWith([fail(503, 1, "busy"), ok(voice("v1"))]);
    const seen: string[] = [];
    client.use({
      onRequest({ request }) {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        const headers = new Headers(request.headers);
        headers.set("x-trace", "t1");
        return new Request(request, { headers });
      },
    });
    await settle(client.voices.get("v1"));
    expect(seen).toEqual(["GET /v1/voices/v1", "GET /v1/voices/v1"]);
    expect(fetch.requests.map((request) => request.headers.get("x-trace"))).toEqual(["t1", "t1"]);
    expect(fetch.requests[1]?.headers.get("authorization")).toBe("test-key");
  });

  it("a header set in place on the given Request is sent, returned or not (openapi-fetch's idiom)", async () => {
    const { client, fetch } = clientWith([ok(voice("v1")), ok(voice("v2"))]);
    const returned: Middleware = {
      onRequest({ request }) {
        request.headers.set("x-trace", "returned");
        return request;
      },
    };
    client.use(returned);
    await client.voices.get("v1");
    client.eject(returned);
    client.use({
      onRequest({ request }) {
        request.headers.set("x-trace", "in-place");
      },
    });
    await client.voices.get("v2");
    expect(fetch.requests.map((request) => request.headers.get("x-trace"))).toEqual(["returned", "in-place"]);
    expect(fetch.requests[1]?.headers.get("authorization")).toBe("test-key");
  });

  it("runs for client.raw too: one mechanism", async () => {
    const { client } = clientWith([ok(voice("r"))]);
    const paths: string[] = [];
    client.use({ onResponse: ({ response }) => void paths.push(new URL(response.url).pathname) });
    await client.raw.GET("/voices/{voice_id}", { params: { path: { voice_id: "r" } } });
    expect(paths).toEqual(["/v1/voices/r"]);
  });

  it("a Response from onRequest answers without sending; onResponse can replace an answer", async () => {
    const { client, fetch } = clientWith([ok(voice("from-server"))]);
    const cached: Middleware = {
      onRequest: ({ request }) =>
        request.url.endsWith("/cached")
          ? Response.json({ code: 0, message: "success", data: voice("cached") })
          : undefined,
    };
    const rewrite: Middleware = {
      onResponse: async ({ response }) => {
        const body = await response.json();
        return Response.json(
          { ...body, data: { ...body.data, display_name: "rewritten" } },
          { headers: response.headers },
        );
      },
    };
    client.use(cached, rewrite);
    expect(await client.voices.get("cached")).toMatchObject({ voice_id: "cached", display_name: "rewritten" });
    expect(fetch.calls).toBe(0);
    expect(await client.voices.get("x")).toMatchObject({ voice_id: "from-server", display_name: "rewritten" });
    client.eject(rewrite);
    expect(await client.voices.get("cached")).toEqual(voice("cached"));
    expect(fetch.calls).toBe(1);
  });

  it("onError can recover from a network failure with a Response", async () => {
    const { client } = clientWith([networkError("ECONNRESET")], { maxRetries: 0 });
    client.use({ onError: () => Response.json({ code: 0, message: "success", data: voice("offline") }) });
    expect(await client.voices.get("v1")).toEqual(voice("offline"));
  });

  it("onError hears a timed-out attempt as a DOMException named TimeoutError; the call ends with its TimeoutError", async () => {
    useFakeClock();
    const { client } = clientWith([hangUntilAborted()], { maxRetries: 0, timeoutMs: 100 });
    const heard: unknown[] = [];
    client.use({ onError: ({ error }) => void heard.push(error) });
    const outcome = await settle(client.voices.get("v1"));
    expect(outcome.error).toBeInstanceOf(TimeoutError);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toBeInstanceOf(DOMException);
    expect((heard[0] as DOMException).name).toBe("TimeoutError");
  });

  it.each(["onRequest", "onResponse"] as const)(
    "a middleware whose %s throws ends the call with a VoicesError: not retried, never unhandled",
    async (hook) => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on("unhandledRejection", onUnhandled);
      try {
        const { client, fetch } = clientWith([ok(voice("v1")), ok(voice("v1"))]);
        client.use({
          [hook]: () => {
            throw new Error("middleware bug test-key");
          },
        });
        const error = (await rejectionOf(client.voices.get("v1"))) as VoicesError;
        expect(error).toBeInstanceOf(VoicesError);
        expect(error.message).toMatch(new RegExp(`A middleware's ${hook} threw: middleware bug \\[redacted\\]`));
        expect(fetch.calls).toBe(hook === "onRequest" ? 0 : 1);
        await new Promise((resolve) => setImmediate(resolve));
        expect(unhandled).toEqual([]);
      } finally {
        process.off("unhandledRejection", onUnhandled);
      }
    },
  );

  it("a clone's multipart body still goes out whole when a middleware changes the headers", async () => {
    const { client, fetch } = clientWith([ok({ voice_id: "n" })]);
    client.use({
      onRequest: ({ request }) =>
        new Request(request, { headers: { ...Object.fromEntries(request.headers), "x-a": "1" } }),
    });
    const file = wavFile("me.wav", 100);
    await client.voices.clone({ file, display_name: "Me" });
    const form = await (fetch.requests[0] as Request).formData();
    expect(fetch.requests[0]?.headers.get("x-a")).toBe("1");
    expect(form.get("display_name")).toBe("Me");
    expect(new Uint8Array(await (form.get("file") as File).arrayBuffer())).toEqual(
      new Uint8Array(await file.arrayBuffer()),
    );
  });

  it("rejects what is not a middleware", () => {
    const { client } = clientWith([]);
    expect(() => client.use("nope" as unknown as Middleware)).toThrow(ValidationError);
  });
});
