/**
 * A scripted stand-in for `fetch`, passed to `createVoicesClient({ fetch })`: it records
 * every request it gets and answers each from a script. No global is touched.
 */
import { vi } from "vitest";
import { createVoicesClient, type VoicesClient, type VoicesClientOptions } from "../src/index.js";

/** How the fake answers one request. */
export type Reply = (request: Request, signal: AbortSignal | undefined) => Response | Promise<Response>;

/** A script: replies in order, or a function choosing one per request (0-based `index`). */
export type Script = readonly Reply[] | ((request: Request, index: number) => Reply);

/** A fake fetch plus what it saw. */
export interface FakeFetch {
  (input: Request, init?: RequestInit): Promise<Response>;
  /** Every request, in the order it arrived. */
  readonly requests: Request[];
  /** The signal each request was sent with. */
  readonly signals: (AbortSignal | undefined)[];
  /** Requests whose reply has not settled yet. */
  readonly inFlight: number;
  /** The most requests that were in flight at once. */
  readonly maxInFlight: number;
  /** Number of requests seen. */
  readonly calls: number;
  /** `Date.now()` when each request arrived (fake time under `vi.useFakeTimers`). */
  readonly at: number[];
  /** Resolves once no reply is in flight (at once if none is): every reply handed out has settled. */
  idle(): Promise<void>;
}

/** Builds a fake fetch from a script. A request beyond the script fails like a refused connection would not: loudly. */
export function fakeFetch(script: Script): FakeFetch {
  const requests: Request[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const at: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const idleWaiters: (() => void)[] = [];
  const landed = () => {
    if (--inFlight === 0) for (const resolve of idleWaiters.splice(0)) resolve();
  };
  const fetch = ((input: Request, init?: RequestInit) => {
    const index = requests.length;
    requests.push(input);
    signals.push(init?.signal ?? undefined);
    at.push(Date.now());
    const reply = typeof script === "function" ? script(input, index) : script[index];
    if (!reply) {
      return Promise.reject(new Error(`fake fetch: unexpected request #${index + 1}: ${input.method} ${input.url}`));
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let settled: Promise<Response>;
    try {
      settled = Promise.resolve(reply(input, init?.signal ?? undefined));
    } catch (error) {
      settled = Promise.reject(error);
    }
    settled.then(landed, landed);
    return settled;
  }) as FakeFetch;
  Object.defineProperties(fetch, {
    requests: { value: requests },
    signals: { value: signals },
    inFlight: { get: () => inFlight },
    maxInFlight: { get: () => maxInFlight },
    calls: { get: () => requests.length },
    at: { value: at },
    idle: {
      value: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    },
  });
  return fetch;
}

const jsonHeaders = { "content-type": "application/json" };

/** A JSON reply. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return () => new Response(JSON.stringify(body), { status, headers: { ...jsonHeaders, ...headers } });
}

/** A success envelope around `data`. */
export function ok(data: unknown, headers: Record<string, string> = {}): Reply {
  return json(200, { code: 0, message: "success", data }, headers);
}

/** An error envelope with the given HTTP status and envelope code. */
export function fail(status: number, code: number, message = "failed", headers: Record<string, string> = {}): Reply {
  return json(status, { code, message, data: null }, headers);
}

/** A raw text reply (HTML pages, truncated JSON, empty bodies). */
export function text(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return () => new Response(body, { status, headers });
}

/** A Node-like network error: undici throws `TypeError("fetch failed")` with the system error as `cause`. */
export function networkError(code: string, message = `connect ${code} 127.0.0.1:443`): Reply {
  return () => {
    throw nodeFetchError(code, message);
  };
}

/** The error Node's fetch throws for a system error `code`. */
export function nodeFetchError(code: string, message = `connect ${code} 127.0.0.1:443`): TypeError {
  const cause = Object.assign(new Error(message), { code, syscall: "connect" });
  return new TypeError("fetch failed", { cause });
}

/** A reply that never comes and ignores the abort signal (a fetch that misbehaves). */
export function hang(): Reply {
  return () => new Promise<Response>(() => {});
}

/** A reply that never comes until the signal aborts, then rejects with its reason (as real fetch does). */
export function hangUntilAborted(): Reply {
  return (_request, signal) =>
    new Promise<Response>((_, reject) => {
      if (signal?.aborted) reject(signal.reason);
      signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
}

/** Headers arrive, then the body errors after its first chunk (a connection cut mid-body). */
export function cutBody(status: number, firstChunk: string, code = "ECONNRESET"): Reply {
  return () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(firstChunk));
      },
      pull(controller) {
        controller.error(Object.assign(new Error(`read ${code}`), { code }));
      },
    });
    return new Response(body, { status, headers: jsonHeaders });
  };
}

/** Headers arrive, then the body never ends and ignores the signal (a stalled connection). */
export function stallBody(status = 200): Reply {
  return () => new Response(new ReadableStream<Uint8Array>({ start() {} }), { status, headers: jsonHeaders });
}

/** Delays another reply by `ms` (real or fake timers), rejecting early if the signal aborts. */
export function delayed(ms: number, reply: Reply): Reply {
  return (request, signal) =>
    new Promise<Response>((resolve, reject) => {
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        Promise.resolve(reply(request, signal)).then(resolve, reject);
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      if (signal?.aborted) onAbort();
      else signal?.addEventListener("abort", onAbort, { once: true });
    });
}

/** The same reply `count` times. */
export function times(count: number, reply: Reply): Reply[] {
  return Array.from({ length: count }, () => reply);
}

/** A voice as the service returns it. */
export function voice(voice_id: string) {
  return { voice_id, display_name: `Voice ${voice_id}`, voice_type: "custom" as const };
}

export const TEST_BASE_URL = "https://voices.test/v1";

/** A client on a fake fetch; options default to a test key and the test base URL. */
export function clientWith(script: Script, options: Omit<VoicesClientOptions, "fetch"> = {}) {
  const fetch = fakeFetch(script);
  const client: VoicesClient = createVoicesClient({ apiKey: "test-key", baseUrl: TEST_BASE_URL, ...options, fetch });
  return { client, fetch };
}

/** A small valid WAV file (RIFF....WAVE header plus silence). */
export function wavFile(name = "sample.wav", size = 64): File {
  const bytes = new Uint8Array(size);
  bytes.set([0x52, 0x49, 0x46, 0x46], 0);
  bytes.set([0x57, 0x41, 0x56, 0x45], 8);
  for (let i = 12; i < size; i++) bytes[i] = i % 251;
  return new File([bytes], name);
}

/** Resolves with the rejection of a promise that must reject (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}

/** Watches a promise without awaiting it, for fake-timer tests that check whether it has settled yet. */
export function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown; rejected: boolean } = {
    settled: false,
    rejected: false,
  };
  promise.then(
    (value) => {
      state.settled = true;
      state.value = value;
    },
    (error: unknown) => {
      state.settled = true;
      state.rejected = true;
      state.error = error;
    },
  );
  return state;
}

/**
 * Waits for one turn of the event loop: every queued microtask has run, and Node has reported any
 * rejection left unhandled (it does so once the microtask queue drains). No time passes on any clock.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Fakes the clock (timers and Date only: Response bodies keep their real microtasks). */
export function useFakeClock(): void {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(Date.UTC(2025, 0, 1, 12, 0, 0));
}

/** Runs fake timers until the promise settles (bounded), then returns its outcome. */
export async function settle<T>(promise: Promise<T>, maxSteps = 100) {
  const state = track(promise);
  for (let step = 0; step < maxSteps && !state.settled; step++) {
    await vi.advanceTimersToNextTimerAsync();
  }
  await vi.advanceTimersByTimeAsync(0);
  if (!state.settled) throw new Error("the promise did not settle after running every timer");
  return state;
}
