// The voices resource on a scripted fetch: what each method sends and returns, and listAll.
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  clientWith,
  delayed,
  fail,
  hangUntilAborted,
  json,
  nextTurn,
  ok,
  type Reply,
  rejectionOf,
  settle,
  TEST_BASE_URL,
  text,
  useFakeClock,
  voice,
  wavFile,
} from "../test/fake-fetch.js";
import { AbortError, AuthenticationError, InvalidResponseError, NotFoundError, ServerError } from "./errors.js";
import type { ListAllVoicesParams, Voice } from "./types.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("list, get, clone, delete", () => {
  it("list sends GET /voices with the key and returns the envelope's data", async () => {
    const data = { total_count: 2, voices: [voice("a"), voice("b")] };
    const { client, fetch } = clientWith([ok(data)], { headers: { "x-app": "demo" } });
    expect(await client.voices.list({ limit: 2 }, { headers: { "x-call": "1" } })).toEqual(data);
    const request = fetch.requests[0] as Request;
    expect(request.method).toBe("GET");
    expect(request.url).toBe(`${TEST_BASE_URL}/voices?limit=2`);
    expect(request.headers.get("authorization")).toBe("test-key");
    expect(request.headers.get("accept")).toBe("application/json");
    expect(request.headers.get("x-app")).toBe("demo");
    expect(request.headers.get("x-call")).toBe("1");
  });

  it("sends the raw key, never a Bearer token, even if client headers try to set one", async () => {
    const { client, fetch } = clientWith([ok({ total_count: 0, voices: [] })], {
      headers: { Authorization: "Bearer other" },
    });
    await client.voices.list();
    expect(fetch.requests[0]?.headers.get("authorization")).toBe("test-key");
  });

  it("treats header names case-insensitively: a call's header replaces the client's, and the key wins in any case", async () => {
    const { client, fetch } = clientWith([ok({ total_count: 0, voices: [] })], {
      headers: { authorization: "evil", "X-App": "client", accept: "text/plain" },
    });
    await client.voices.list({}, { headers: { "x-app": "call", AUTHORIZATION: "evil2" } });
    const headers = fetch.requests[0]?.headers;
    expect(headers?.get("authorization")).toBe("test-key");
    expect(headers?.get("x-app")).toBe("call");
    expect(headers?.get("accept")).toBe("text/plain");
  });

  it("sends a header whose name is __proto__, as given", async () => {
    const { client, fetch } = clientWith([ok({ total_count: 0, voices: [] }), ok({ total_count: 0, voices: [] })], {
      headers: JSON.parse('{"__proto__":"client"}'),
    });
    await client.voices.list();
    expect(fetch.requests[0]?.headers.get("__proto__")).toBe("client");
    await client.voices.list({}, { headers: JSON.parse('{"__proto__":"call"}') });
    expect(fetch.requests[1]?.headers.get("__proto__")).toBe("call");
  });

  it("get returns the voice", async () => {
    const { client, fetch } = clientWith([ok(voice("abc"))]);
    expect(await client.voices.get("abc")).toEqual(voice("abc"));
    expect(fetch.requests[0]?.url).toBe(`${TEST_BASE_URL}/voices/abc`);
  });

  it("delete sends DELETE and returns the deleted voice", async () => {
    const deleted = { voice_id: "abc", display_name: "x", delete_time: 1738664823 };
    const { client, fetch } = clientWith([ok(deleted)]);
    expect(await client.voices.delete("abc")).toEqual(deleted);
    expect(fetch.requests[0]?.method).toBe("DELETE");
  });

  it("clone sends a multipart POST /voices and returns the clone", async () => {
    const cloned = { voice_id: "new1", voice_display_name: "Me", duration: 8.5 };
    const { client, fetch } = clientWith([ok(cloned)]);
    const file = wavFile("me.wav", 1000);
    expect(await client.voices.clone({ file, display_name: "Me", denoise: false, language: "zh" })).toEqual(cloned);
    const request = fetch.requests[0] as Request;
    expect(request.method).toBe("POST");
    expect(request.url).toBe(`${TEST_BASE_URL}/voices`);
    expect(request.headers.get("authorization")).toBe("test-key");
    const form = await request.formData();
    expect([...form.keys()].sort()).toEqual(["denoise", "display_name", "file", "language"]);
    expect(new Uint8Array(await (form.get("file") as File).arrayBuffer())).toEqual(
      new Uint8Array(await file.arrayBuffer()),
    );
    expect(form.get("denoise")).toBe("false");
  });

  it("clone from voice_url sends no file", async () => {
    const { client, fetch } = clientWith([ok({ voice_id: "n" })]);
    await client.voices.clone({ voice_url: "https://example.com/a.wav" });
    const form = await (fetch.requests[0] as Request).formData();
    expect([...form.keys()]).toEqual(["voice_url"]);
  });

  it("client.raw shares auth and errors, and returns the whole envelope", async () => {
    const { client, fetch } = clientWith([ok(voice("r")), fail(404, 40400, "voice not found")]);
    const { data } = await client.raw.GET("/voices/{voice_id}", { params: { path: { voice_id: "r" } } });
    expect(data).toEqual({ code: 0, message: "success", data: voice("r") });
    expect(fetch.requests[0]?.headers.get("authorization")).toBe("test-key");
    await expect(
      client.raw.GET("/voices/{voice_id}", { params: { path: { voice_id: "gone" } } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

/**
 * A fake service with `total` voices, answering each page after `delayOf(page)` ms; `onAnswer` hears
 * of each page as its answer is delivered.
 */
function pagedService(
  total: number,
  options: { delayOf?: (page: number) => number; ids?: (i: number) => string; onAnswer?: (page: number) => void } = {},
) {
  const id = options.ids ?? ((i: number) => `v${i}`);
  return (request: Request): Reply => {
    const url = new URL(request.url);
    const page = Number(url.searchParams.get("skip") ?? 0);
    const limit = Number(url.searchParams.get("limit") ?? 10);
    const voices: Voice[] = [];
    for (let i = page * limit; i < Math.min(total, (page + 1) * limit); i++) voices.push(voice(id(i)));
    const answer = ok({ total_count: total, voices });
    const reply: Reply = options.onAnswer
      ? (req, signal) => {
          options.onAnswer?.(page);
          return answer(req, signal);
        }
      : answer;
    const delay = options.delayOf?.(page) ?? 0;
    return delay > 0 ? delayed(delay, reply) : reply;
  };
}

async function collect(iterable: AsyncIterable<Voice>): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of iterable) ids.push(item.voice_id);
  return ids;
}

const pagesRequested = (requests: Request[]) =>
  requests.map((request) => Number(new URL(request.url).searchParams.get("skip")));

describe("listAll", () => {
  it("yields every voice in order when later pages answer first", async () => {
    useFakeClock();
    // Page 0 answers at once; of the 4 pages then fetched ahead, the later the page, the sooner it answers.
    const answered: number[] = [];
    const { client, fetch } = clientWith(
      pagedService(47, {
        delayOf: (page) => (page === 0 ? 0 : (5 - page) * 10),
        onAnswer: (page) => answered.push(page),
      }),
    );
    const { value: ids } = await settle(collect(client.voices.listAll({ limit: 10 })));
    // It happened: asked in order, answered last page first.
    expect(pagesRequested(fetch.requests)).toEqual([0, 1, 2, 3, 4]);
    expect(answered).toEqual([0, 4, 3, 2, 1]);
    expect(ids).toEqual(Array.from({ length: 47 }, (_, i) => `v${i}`));
  });

  it("passes the filters on every page and keeps limit", async () => {
    const { client, fetch } = clientWith(pagedService(25));
    await collect(client.voices.listAll({ voice_type: "built-in", keyword: "calm", limit: 10 }));
    for (const request of fetch.requests) {
      const query = new URL(request.url).searchParams;
      expect(query.get("voice_type")).toBe("built-in");
      expect(query.get("keyword")).toBe("calm");
      expect(query.get("limit")).toBe("10");
    }
    expect(pagesRequested(fetch.requests).sort()).toEqual([0, 1, 2]);
  });

  it("never yields a voice_id twice when pages overlap", async () => {
    // A voice added during iteration shifts the pages: page 1 repeats page 0's last voice.
    const pages: Record<number, string[]> = { 0: ["a", "b", "c"], 1: ["c", "d", "e"], 2: ["e", "a", "f"] };
    const { client } = clientWith((request) => {
      const page = Number(new URL(request.url).searchParams.get("skip"));
      return ok({ total_count: 9, voices: (pages[page] ?? []).map(voice) });
    });
    expect(await collect(client.voices.listAll({ limit: 3 }))).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it.each([
    ["total_count 0", 0, 10, 1],
    ["fewer than a page", 7, 10, 1],
    ["exactly one page", 10, 10, 1],
    ["exactly a page multiple", 30, 10, 3],
    ["a remainder", 31, 10, 4],
    ["page size 1", 3, 1, 3],
  ])("stops at %s without an extra request", async (_, total, limit, requests) => {
    const { client, fetch } = clientWith(pagedService(total));
    const ids = await collect(client.voices.listAll({ limit }));
    expect(ids).toHaveLength(total);
    expect(fetch.calls).toBe(requests);
  });

  it("uses the default page size of 10", async () => {
    const { client, fetch } = clientWith(pagedService(20));
    expect(await collect(client.voices.listAll())).toHaveLength(20);
    expect(fetch.calls).toBe(2);
    expect(new URL((fetch.requests[0] as Request).url).searchParams.get("limit")).toBe("10");
  });

  it("starts at the page given by skip (a page number, not an offset)", async () => {
    const { client, fetch } = clientWith(pagedService(50));
    const ids = await collect(client.voices.listAll({ skip: 2, limit: 10 }));
    expect(ids).toEqual(Array.from({ length: 30 }, (_, i) => `v${i + 20}`));
    expect(pagesRequested(fetch.requests).sort()).toEqual([2, 3, 4]);
  });

  it("makes one request when skip is past the end", async () => {
    const { client, fetch } = clientWith(pagedService(15));
    expect(await collect(client.voices.listAll({ skip: 5, limit: 10 }))).toEqual([]);
    expect(fetch.calls).toBe(1);
  });

  it("ends with an InvalidResponseError when a page comes back short or empty before total_count", async () => {
    const { client, fetch } = clientWith((request) => {
      const page = Number(new URL(request.url).searchParams.get("skip"));
      return ok({ total_count: 30, voices: page === 0 ? [voice("a")] : [] });
    });
    const error = await rejectionOf(collect(client.voices.listAll({ limit: 10, concurrency: 1 })));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/stopped making progress at page 0 .*fewer than limit/);
    expect(fetch.calls).toBe(1);
  });

  it.each([
    [undefined, 4],
    [1, 1],
    [2, 2],
    [6, 6],
  ])(
    "keeps at most concurrency=%s page requests in flight (%i), the current page included",
    async (concurrency, bound) => {
      const { client, fetch } = clientWith(pagedService(200, { delayOf: (page) => 1 + (page % 3) }));
      const params: ListAllVoicesParams = { limit: 10 };
      if (concurrency !== undefined) params.concurrency = concurrency;
      const ids = await collect(client.voices.listAll(params));
      expect(ids).toHaveLength(200);
      expect(fetch.calls).toBe(20);
      expect(fetch.maxInFlight).toBe(bound);
    },
  );

  it("keeps the bound while the consumer is slow", async () => {
    useFakeClock();
    // Pages after the first answer 1 ms after they are asked for; the consumer spends 5 ms (fake)
    // on each voice, so every page in flight lands while it holds one.
    const { client, fetch } = clientWith(pagedService(100, { delayOf: (page) => (page === 0 ? 0 : 1) }));
    const seen: number[] = [];
    for await (const _item of client.voices.listAll({ limit: 10, concurrency: 3 })) {
      seen.push(fetch.inFlight);
      await vi.advanceTimersByTimeAsync(5);
    }
    expect(seen).toHaveLength(100);
    expect(fetch.calls).toBe(10);
    expect(Math.max(...seen)).toBeLessThanOrEqual(3);
    expect(fetch.maxInFlight).toBe(3);
  });

  it("an early break aborts the prefetched pages and leaves no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const { client, fetch } = clientWith(pagedService(100, { delayOf: (page) => (page === 0 ? 0 : 10_000) }));
      const ids: string[] = [];
      for await (const item of client.voices.listAll({ limit: 10 })) {
        ids.push(item.voice_id);
        if (ids.length === 3) break;
      }
      expect(ids).toEqual(["v0", "v1", "v2"]);
      // The first page, then 4 prefetched ones (the default concurrency).
      expect(fetch.calls).toBe(5);
      expect(fetch.signals.slice(1).every((signal) => signal?.aborted)).toBe(true);
      // Every aborted page settles (the test times out otherwise); then, once Node has had its turn
      // to report them, no rejection was left unhandled.
      await fetch.idle();
      await nextTurn();
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("surfaces a failing page's error in order, after the pages before it", async () => {
    useFakeClock();
    const { client, fetch } = clientWith((request) => {
      const page = Number(new URL(request.url).searchParams.get("skip"));
      // Page 2 fails at once while page 1 is still on its way (20 ms); pages 3 on never answer.
      if (page === 2) return fail(401, 40100, "invalid api key");
      if (page >= 3) return hangUntilAborted();
      const reply = ok({ total_count: 50, voices: [voice(`p${page}`)] });
      return page === 1 ? delayed(20, reply) : reply;
    });
    const ids: string[] = [];
    const outcome = await settle(
      (async () => {
        for await (const item of client.voices.listAll({ limit: 1, concurrency: 3 })) ids.push(item.voice_id);
      })(),
    );
    expect(ids).toEqual(["p0", "p1"]);
    expect(outcome.error).toBeInstanceOf(AuthenticationError);
    // Page 0, pages 1-3 prefetched, page 4 topped up once page 1 arrived; then the walk stops
    // and aborts whatever is still in flight: pages 3 and 4.
    expect(pagesRequested(fetch.requests)).toEqual([0, 1, 2, 3, 4]);
    expect(fetch.signals.map((signal) => signal?.aborted)).toEqual([false, false, false, true, true]);
    await fetch.idle();
  });

  it("surfaces an error of the first page", async () => {
    const { client, fetch } = clientWith([text(503, "<html>down</html>")], { maxRetries: 0 });
    await expect(collect(client.voices.listAll())).rejects.toBeInstanceOf(ServerError);
    expect(fetch.calls).toBe(1);
  });

  it.each([
    ["total_count missing", { voices: [] }],
    ["total_count negative", { total_count: -1, voices: [] }],
    ["voices not an array", { total_count: 1, voices: {} }],
    ["a voice without voice_id", { total_count: 1, voices: [{ display_name: "x" }] }],
    ["data null", null],
  ])("rejects a malformed page (%s) with an InvalidResponseError", async (_, data) => {
    const { client } = clientWith([json(200, { code: 0, message: "success", data })]);
    await expect(collect(client.voices.listAll())).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("the caller's signal aborts the iteration and its prefetched pages", async () => {
    const { client, fetch } = clientWith(pagedService(100, { delayOf: (page) => (page === 0 ? 0 : 10_000) }));
    const controller = new AbortController();
    const ids: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const item of client.voices.listAll({ limit: 10 }, { signal: controller.signal })) {
          ids.push(item.voice_id);
          if (ids.length === 10) controller.abort();
        }
      })(),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(ids).toHaveLength(10);
    expect(fetch.calls).toBe(5);
    // The first page had completed; every prefetched one was cancelled.
    expect(fetch.signals.slice(1).every((signal) => signal?.aborted)).toBe(true);
  });

  it("an abort mid-page ends the iteration at once: no more voices of the page in hand", async () => {
    const { client } = clientWith(pagedService(100));
    const controller = new AbortController();
    const ids: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const item of client.voices.listAll({ limit: 10 }, { signal: controller.signal })) {
          ids.push(item.voice_id);
          if (ids.length === 3) controller.abort();
        }
      })(),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ operation: "listVoices" });
    expect(ids).toHaveLength(3);
  });

  it("a signal aborted before iterating sends nothing", async () => {
    const { client, fetch } = clientWith(pagedService(10));
    await expect(collect(client.voices.listAll({}, { signal: AbortSignal.abort() }))).rejects.toBeInstanceOf(
      AbortError,
    );
    expect(fetch.calls).toBe(0);
  });
});

describe("list checks the page like listAll", () => {
  it.each([
    ["negative", -1],
    ["fractional", 1.5],
    ["a string", "3"],
    ["null", null],
    ["beyond a safe integer", 2 ** 53],
  ])("a total_count that is %s is an InvalidResponseError", async (_, total_count) => {
    const { client, fetch } = clientWith([
      json(200, { code: 0, message: "success", data: { total_count, voices: [] } }),
    ]);
    const error = await rejectionOf(client.voices.list());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, body: { total_count, voices: [] } });
    expect(fetch.calls).toBe(1);
  });

  it("voices that are not an array of { voice_id } are an InvalidResponseError", async () => {
    const { client } = clientWith([ok({ total_count: 1, voices: [{ display_name: "x" }] })]);
    expect(await rejectionOf(client.voices.list())).toBeInstanceOf(InvalidResponseError);
  });
});

describe("get, clone and delete check the voice_id their data promises", () => {
  it.each([
    ["an array", []],
    ["an object without voice_id", { display_name: "x" }],
    ["a numeric voice_id", { voice_id: 7 }],
  ])("data that is %s is an InvalidResponseError naming the operation", async (_, data) => {
    const { client, fetch } = clientWith([ok(data), ok(data), ok(data)]);
    const calls = [
      ["getVoice", () => client.voices.get("v1")],
      ["cloneVoice", () => client.voices.clone({ voice_url: "https://example.com/a.wav" })],
      ["deleteVoice", () => client.voices.delete("v1")],
    ] as const;
    for (const [operation, call] of calls) {
      const error = await rejectionOf(call());
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(error).toMatchObject({ operation, status: 200, retryable: false });
    }
    expect(fetch.calls).toBe(3);
  });
});

describe("listAll ends when the service stops making progress", () => {
  const ten = Array.from({ length: 10 }, (_, i) => voice(`v${i}`));

  it("the same page again and again (total_count 1e12): an InvalidResponseError, a bounded number of requests", async () => {
    const { client, fetch } = clientWith(() => ok({ total_count: 1e12, voices: ten }));
    const ids: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const item of client.voices.listAll({ limit: 10 })) ids.push(item.voice_id);
      })(),
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/stopped making progress at page 1 .*only voices already seen/);
    // Each voice once; the first page plus at most `concurrency` (4) prefetched.
    expect(ids).toEqual(ten.map((v) => v.voice_id));
    expect(fetch.calls).toBeLessThanOrEqual(5);
  });

  it.each([
    ["short", 5],
    ["empty", 0],
  ])("a %s page before the last: an InvalidResponseError after the voices before it", async (_, count) => {
    const { client, fetch } = clientWith((request) => {
      const page = Number(new URL(request.url).searchParams.get("skip"));
      const voices = Array.from({ length: page === 1 ? count : 10 }, (_, i) => voice(`p${page}-${i}`));
      return ok({ total_count: 30, voices });
    });
    const ids: string[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const item of client.voices.listAll({ limit: 10, concurrency: 1 })) ids.push(item.voice_id);
      })(),
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/page 1 .*fewer than limit/);
    expect(ids).toHaveLength(10);
    expect(fetch.calls).toBe(2);
  });

  it("a last page shorter than total_count promised (a voice deleted meanwhile) still ends cleanly", async () => {
    const { client, fetch } = clientWith((request) => {
      const page = Number(new URL(request.url).searchParams.get("skip"));
      return ok({
        total_count: 25,
        voices: Array.from({ length: page < 2 ? 10 : 3 }, (_, i) => voice(`p${page}-${i}`)),
      });
    });
    expect(await collect(client.voices.listAll({ limit: 10 }))).toHaveLength(23);
    expect(fetch.calls).toBe(3);
  });
});

describe("one AbortSignal shared by many calls", () => {
  it("50 concurrent calls print no MaxListenersExceededWarning and leave no listener behind", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const { client, fetch } = clientWith(() => async (request, signal) => {
        await gate;
        return ok(voice("v"))(request, signal);
      });
      const controller = new AbortController();
      const calls = Array.from({ length: 50 }, () => client.voices.get("v", { signal: controller.signal }));
      await new Promise((resolve) => setImmediate(resolve));
      expect(fetch.inFlight).toBe(50);
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
      release();
      await Promise.all(calls);
      await new Promise((resolve) => setImmediate(resolve));
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
      expect(warnings.filter((warning) => warning.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("aborting it ends all 50 with an AbortError", async () => {
    const { client } = clientWith(
      () => (_request, signal) =>
        new Promise<Response>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason))),
    );
    const controller = new AbortController();
    const calls = Array.from({ length: 50 }, () => rejectionOf(client.voices.get("v", { signal: controller.signal })));
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    for (const error of await Promise.all(calls)) expect(error).toBeInstanceOf(AbortError);
  });

  it("an abandoned listAll iterator keeps no listener once its pages have settled", async () => {
    useFakeClock();
    try {
      const { client, fetch } = clientWith(pagedService(100, { delayOf: (page) => (page === 0 ? 0 : 50) }));
      const controller = new AbortController();
      const iterator = client.voices.listAll({ limit: 10 }, { signal: controller.signal });
      expect((await iterator.next()).value).toEqual(voice("v0"));
      // Prefetched pages are in flight: the iterator listens, once.
      expect(fetch.inFlight).toBe(4);
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(50);
      expect(fetch.inFlight).toBe(0);
      // Never returned, never read again: nothing of it is left on the caller's signal.
      expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("listAll with a service whose pages hold more than limit", () => {
  it("stops once total_count voices have come, without another request", async () => {
    // Like a static mock: the same two-voice page whatever skip and limit say.
    const { client, fetch } = clientWith(() => ok({ total_count: 2, voices: [voice("a"), voice("b")] }));
    expect(await collect(client.voices.listAll({ limit: 1 }))).toEqual(["a", "b"]);
    expect(fetch.calls).toBe(1);
  });
});
