// One scenario, run by test/runtimes.test.ts in Node, Bun, Deno and Chromium: the built package,
// bundled with the client into one ES module, on fake.fetch (no server, no network, no eval).
import {
  ApiError,
  ConnectionError,
  createVoicesClient,
  NotFoundError,
  RateLimitError,
  TimeoutError,
} from "@noiz-voices/client";
import { createFakeVoices, makeWav } from "@noiz-voices/testing";

/** A test's client holds the fake's key in every runtime, a web page included. */
const inAnyRuntime = { dangerouslyAllowBrowser: true };

/** What the scenario saw; every runtime must see the same. */
export async function scenario(): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = {};
  const fake = createFakeVoices({ voices: [{ voice_id: "seeded-1", display_name: "Seeded" }] });
  const client = createVoicesClient({
    ...inAnyRuntime,
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    maxRetries: 0,
  });
  const nameOf = (error: unknown) => (error instanceof Error ? error.constructor.name : typeof error);

  const cloned = await client.voices.clone({
    file: new Blob([makeWav({ seconds: 2 })]),
    display_name: "Mine",
    language: "fr",
  });
  seen.clone = { name: cloned.voice_display_name, duration: cloned.duration, language: cloned.language };
  seen.list = (await client.voices.list()).voices.map((voice) => voice.display_name);
  seen.get = (await client.voices.get(cloned.voice_id)).display_name;
  const { sample } = await client.voices.get(cloned.voice_id);
  seen.sampleBytes = (await (await fake.fetch(sample ?? "")).arrayBuffer()).byteLength;
  seen.deleted = (await client.voices.delete(cloned.voice_id)).voice_id === cloned.voice_id;
  seen.afterDelete = await client.voices.get(cloned.voice_id).catch((error: unknown) => error instanceof NotFoundError);
  let pages = 0;
  for await (const _ of client.voices.listAll({ voice_type: "built-in", limit: 5 })) pages++;
  seen.builtIn = pages;

  const retrying = createVoicesClient({
    ...inAnyRuntime,
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    maxRetries: 2,
  });
  fake.failNext("getVoice", { status: 429, times: 3 });
  seen.rateLimited = await retrying.voices
    .get("builtin-aria")
    .catch((error: unknown) => [error instanceof RateLimitError, (error as RateLimitError).retryAfterMs]);
  fake.failNext("listVoices", { envelopeCode: 777 });
  seen.envelope = await client.voices.list().catch((error: unknown) => error instanceof ApiError && error.code);
  fake.failNext("getVoice", { network: "reset" });
  seen.reset = await client.voices.get("builtin-aria").catch((error: unknown) => error instanceof ConnectionError);
  fake.failNext("*", { hang: true });
  const impatient = createVoicesClient({
    ...inAnyRuntime,
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    fetch: fake.fetch,
    maxRetries: 0,
    timeoutMs: 50,
  });
  seen.hang = await impatient.voices.list().catch((error: unknown) => error instanceof TimeoutError);
  const offContract = await fake.fetch(`${fake.baseUrl}/voices?limit=0`, { headers: { Authorization: fake.apiKey } });
  seen.offContract = [offContract.status, ((await offContract.json()) as { message: string }).message];
  seen.retries = fake.requests.filter((request) => request.status === 429).length;
  try {
    seen.handlers = fake.handlers.length;
  } catch (error) {
    seen.handlers = `${nameOf(error)}: ${/msw/.test((error as Error).message) ? "names msw" : (error as Error).message}`;
  }
  return seen;
}

/** What every runtime must print. */
export const expected = {
  clone: { name: "Mine", duration: 2, language: "fr" },
  list: ["Seeded", "Mine"],
  get: "Mine",
  sampleBytes: 44 + 2 * 16_000 * 2,
  deleted: true,
  afterDelete: true,
  builtIn: 12,
  rateLimited: [true, 0],
  envelope: 777,
  reset: true,
  hang: true,
  offContract: [400, 'listVoices: query parameter "limit" must be >= 1.'],
  retries: 3,
  handlers: "Error: names msw",
};
