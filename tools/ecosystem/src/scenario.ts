/**
 * The one scenario list every runtime runs, against the fake server's HTTP API and its control API
 * (`POST {baseUrl}/__fake/fail-next`, `POST {baseUrl}/__fake/reset`). It imports the client (and
 * `makeWav` of the test kit) by package name, so each runtime gets the packed tarballs as a user's
 * project would.
 *
 * Platform-neutral on purpose: no Node built-ins, no `process`, only what fetch runtimes share.
 * Each scenario passes or fails on its own; later ones do not depend on earlier ones passing,
 * except that `list`, `listAll`, `get` and `delete` need a voice from `clone`.
 */
import {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  createVoicesClient,
  NotFoundError,
  ServerError,
  TimeoutError,
  ValidationError,
  type VoicesClient,
  type VoicesClientOptions,
} from "@noiz-voices/client";
import { makeWav } from "@noiz-voices/testing";

/** One scenario's outcome, as the runner prints it. */
export interface ScenarioResult {
  name: string;
  ok: boolean;
  /** Wall time of the scenario, reported only (never asserted). */
  ms: number;
  /** Why it failed. */
  error?: string;
}

/** Where the fake server is, and the key it accepts. */
export interface ScenarioOptions {
  baseUrl: string;
  /** The fake's key (its default is "test-key"). */
  apiKey?: string;
  /**
   * True in a web page (Chromium), where the client's browser guard refuses an `apiKey` unless
   * `dangerouslyAllowBrowser: true`; everywhere else (Node, Deno, Bun, workerd, edge) it must not fire.
   */
  webPage?: boolean;
}

/** A fault for the fake's control API, exactly as `POST /__fake/fail-next` takes it. */
type Fault = (
  | { status: number; code?: number; message?: string; retryAfter?: number }
  | { envelopeCode: number; message?: string }
  | { delayMs: number }
  | { network: "reset" }
  | { hang: true }
) & { times?: number };

type Operation = "listVoices" | "cloneVoice" | "getVoice" | "deleteVoice" | "*";
type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

interface Context {
  client: VoicesClient;
  apiKey: string;
  /** See `ScenarioOptions.webPage`. */
  webPage: boolean;
  /** A client with `options`, opted in to keys in a page where the runtime is one (the CRUD and fault scenarios). */
  keyed(options: VoicesClientOptions): VoicesClient;
  baseUrl: string;
  failNext(operation: Operation, fault: Fault): Promise<void>;
  reset(): Promise<void>;
  /** Voices cloned by `clone` and `listAll`, for the scenarios after them. */
  cloned: string[];
}

/**
 * One scenario. `fresh`: reset the fake first. The CRUD scenarios share the fake's state; every
 * fault scenario starts from a clean fake, so a fault that a failed scenario left unused cannot leak.
 */
interface Scenario {
  name: string;
  fresh: boolean;
  run: (ctx: Context) => Promise<void>;
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `a non-Error value: ${String(error)}`;
}

/** Awaits `promise` and checks that it rejects with exactly `Class` (by constructor, not only subclass). */
async function rejectsWith<E extends Error>(
  promise: Promise<unknown>,
  Class: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    check(
      error instanceof Class && (error as object).constructor === Class,
      `expected ${Class.name}, got ${describe(error)}`,
    );
    return error as E;
  }
  throw new Error(`expected ${Class.name}, but the call succeeded`);
}

/** A fetch that counts the requests the client sends through it. */
function countingFetch(onRequest?: () => void) {
  const counter = {
    count: 0,
    fetch: ((input: Request, init?: RequestInit) => {
      counter.count += 1;
      const response = globalThis.fetch(input, init);
      onRequest?.();
      return response;
    }) as FetchLike,
  };
  return counter;
}

/** A tiny WAV file (0.1 s, 8 kHz mono 16-bit PCM) from the test kit, made in memory so no runtime reads a disk. */
const wavFile = (name: string) => new File([makeWav({ seconds: 0.1, sampleRate: 8000 })], name, { type: "audio/wav" });

async function cloneOne(ctx: Context, name: string): Promise<string> {
  const cloned = await ctx.client.voices.clone({ file: wavFile(`${name}.wav`), display_name: name, language: "en" });
  check(typeof cloned.voice_id === "string" && cloned.voice_id.length > 0, "clone returned no voice_id");
  ctx.cloned.push(cloned.voice_id);
  return cloned.voice_id;
}

function firstCloned(ctx: Context): string {
  const id = ctx.cloned[0];
  check(id, "needs the voice from the clone scenario, which failed");
  return id;
}

/** In the order they run: the runner's table rows. */
export const scenarios: Scenario[] = [
  {
    name: "clone (WAV file)",
    fresh: true,
    run: async (ctx) => {
      await cloneOne(ctx, "Ecosystem One");
    },
  },
  {
    name: "list",
    fresh: false,
    run: async (ctx) => {
      const id = firstCloned(ctx);
      const page = await ctx.client.voices.list({ limit: 100 });
      check(Number.isInteger(page.total_count), `total_count is ${page.total_count}`);
      check(Array.isArray(page.voices), "voices is not an array");
      check(
        page.voices.some((voice) => voice.voice_id === id),
        `the cloned voice ${id} is not in the list`,
      );
    },
  },
  {
    name: "listAll (pages)",
    fresh: false,
    run: async (ctx) => {
      firstCloned(ctx);
      await cloneOne(ctx, "Ecosystem Two");
      await cloneOne(ctx, "Ecosystem Three");
      const { total_count } = await ctx.client.voices.list({ limit: 1 });
      const seen: string[] = [];
      for await (const voice of ctx.client.voices.listAll({ limit: 1 })) seen.push(voice.voice_id);
      check(seen.length === total_count, `listAll yielded ${seen.length} voices, total_count is ${total_count}`);
      check(new Set(seen).size === seen.length, "listAll yielded a voice twice");
      for (const id of ctx.cloned) check(seen.includes(id), `listAll missed ${id}`);
    },
  },
  {
    name: "get",
    fresh: false,
    run: async (ctx) => {
      const id = firstCloned(ctx);
      const voice = await ctx.client.voices.get(id);
      check(voice.voice_id === id, `get returned ${voice.voice_id}`);
      check(voice.display_name === "Ecosystem One", `display_name is ${JSON.stringify(voice.display_name)}`);
    },
  },
  {
    name: "delete",
    fresh: false,
    run: async (ctx) => {
      const id = firstCloned(ctx);
      const deleted = await ctx.client.voices.delete(id);
      check(deleted.voice_id === id, `delete returned ${deleted.voice_id}`);
      check(Number.isInteger(deleted.delete_time), `delete_time is ${deleted.delete_time}`);
    },
  },
  {
    name: "404 → NotFoundError",
    fresh: true,
    run: async (ctx) => {
      const error = await rejectsWith(ctx.client.voices.get("no-such-voice-ecosystem"), NotFoundError);
      check(error.status === 404, `status is ${error.status}`);
    },
  },
  {
    name: "401 → AuthenticationError",
    fresh: true,
    run: async (ctx) => {
      const wrongKey = "wrong-key-ecosystem-secret";
      const client = ctx.keyed({ apiKey: wrongKey, baseUrl: ctx.baseUrl });
      const error = await rejectsWith(client.voices.list(), AuthenticationError);
      check(error.status === 401, `status is ${error.status}`);
      check(!JSON.stringify({ ...error.toJSON(), text: String(error) }).includes(wrongKey), "the API key leaked");
    },
  },
  {
    name: "400 → BadRequestError",
    fresh: true,
    run: async (ctx) => {
      await ctx.failNext("listVoices", { status: 400, message: "limit is out of range" });
      const error = await rejectsWith(ctx.client.voices.list(), BadRequestError);
      check(error.status === 400, `status is ${error.status}`);
    },
  },
  {
    name: "5xx → ServerError",
    fresh: true,
    run: async (ctx) => {
      await ctx.failNext("getVoice", { status: 500, message: "boom" });
      const error = await rejectsWith(ctx.client.voices.get("any-voice", { maxRetries: 0 }), ServerError);
      check(error.status === 500, `status is ${error.status}`);
    },
  },
  {
    name: "envelope → ApiError",
    fresh: true,
    run: async (ctx) => {
      await ctx.failNext("listVoices", { envelopeCode: 40010, message: "quota exceeded" });
      const error = await rejectsWith(ctx.client.voices.list(), ApiError);
      check(error.status === 200 && error.code === 40010, `status ${error.status}, code ${error.code}`);
    },
  },
  {
    name: "retry (503, then 200)",
    fresh: true,
    run: async (ctx) => {
      await ctx.failNext("listVoices", { status: 503, retryAfter: 0, message: "busy" });
      const counter = countingFetch();
      const page = await ctx.client.voices.list({}, { fetch: counter.fetch });
      check(Array.isArray(page.voices), "the retried list has no voices array");
      check(counter.count === 2, `expected 2 requests, the client sent ${counter.count}`);
    },
  },
  {
    name: "timeout → TimeoutError",
    fresh: true,
    run: async (ctx) => {
      await ctx.failNext("listVoices", { hang: true });
      await rejectsWith(ctx.client.voices.list({}, { timeoutMs: 300, maxRetries: 0 }), TimeoutError);
    },
  },
  {
    name: "abort → AbortError",
    fresh: true,
    run: async (ctx) => {
      await ctx.failNext("listVoices", { hang: true });
      const controller = new AbortController();
      // Aborts once the request is on its way (the server holds it), not before it is sent.
      const counter = countingFetch(() => setTimeout(() => controller.abort(), 20));
      await rejectsWith(ctx.client.voices.list({}, { signal: controller.signal, fetch: counter.fetch }), AbortError);
      check(counter.count === 1, `expected 1 request, the client sent ${counter.count}`);
    },
  },
  {
    name: "browser guard (an apiKey, no opt-in)",
    fresh: true,
    run: async (ctx) => {
      let refused: unknown;
      let client: VoicesClient | undefined;
      try {
        client = createVoicesClient({ apiKey: ctx.apiKey, baseUrl: ctx.baseUrl });
      } catch (error) {
        refused = error;
      }
      if (ctx.webPage) {
        check(refused instanceof ValidationError, `in a web page the guard must fire; got ${describe(refused)}`);
        check(refused.field === "dangerouslyAllowBrowser", `field is ${refused.field}`);
        check(refused.message.includes("#keep-the-key-on-a-backend"), "the message links to the backend guide");
        check(!refused.message.includes(ctx.apiKey), "the API key leaked");
      } else {
        check(client, `outside a web page no guard may fire; got ${describe(refused)}`);
        check((await client.voices.list({ limit: 1 })).total_count >= 0, "list");
      }
    },
  },
  {
    name: "dangerouslyAllowBrowser: true",
    fresh: true,
    run: async (ctx) => {
      const client = createVoicesClient({ apiKey: ctx.apiKey, baseUrl: ctx.baseUrl, dangerouslyAllowBrowser: true });
      check((await client.voices.list({ limit: 1 })).total_count >= 0, "list");
    },
  },
  {
    name: "keyless client on a backend",
    fresh: true,
    run: async (ctx) => {
      // The backend stands in as a fetch that adds the key to what the client sent, as a proxy would.
      const sent: (string | null)[] = [];
      const backend: FetchLike = (request, init) => {
        sent.push(request.headers.get("authorization"));
        const headers = new Headers(request.headers);
        headers.set("Authorization", ctx.apiKey);
        return fetch(new Request(request, { headers }), init);
      };
      const client = createVoicesClient({ baseUrl: ctx.baseUrl, fetch: backend });
      check((await client.voices.list({ limit: 1 })).total_count >= 0, "list");
      check(sent.length === 1 && sent[0] === null, `the client sent Authorization: ${JSON.stringify(sent)}`);
    },
  },
];

async function control(baseUrl: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${baseUrl}/__fake/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  check(response.ok, `the fake's control API answered ${response.status} to ${path}`);
}

/** Runs every scenario in order; never throws (a failure is a result). */
export async function runScenarios({
  baseUrl,
  apiKey = "test-key",
  webPage = false,
}: ScenarioOptions): Promise<ScenarioResult[]> {
  const keyed = (options: VoicesClientOptions) =>
    createVoicesClient(webPage ? { ...options, dangerouslyAllowBrowser: true } : options);
  const ctx: Context = {
    baseUrl,
    apiKey,
    webPage,
    keyed,
    client: keyed({ apiKey, baseUrl }),
    failNext: (operation, fault) => control(baseUrl, "fail-next", { operation, fault }),
    reset: () => control(baseUrl, "reset", {}),
    cloned: [],
  };
  const results: ScenarioResult[] = [];
  for (const { name, fresh, run } of scenarios) {
    const started = Date.now();
    try {
      if (fresh) await ctx.reset();
      await run(ctx);
      results.push({ name, ok: true, ms: Date.now() - started });
    } catch (error) {
      results.push({ name, ok: false, ms: Date.now() - started, error: describe(error) });
    }
  }
  return results;
}
