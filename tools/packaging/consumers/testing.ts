// consumer-deps: msw@2.12.10
// The consumer smoke test's program for @noiz-voices/testing: the fake on fetch, its msw handlers,
// and the loopback server, with the packed client. It needs no Prism: the fake is the server.

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createVoicesClient, NotFoundError, ServerError } from "@noiz-voices/client";
import { createFakeVoices, DEFAULT_FAKE_API_KEY, DEFAULT_FAKE_BASE_URL, makeWav, writeWav } from "@noiz-voices/testing";
import { startFakeServer } from "@noiz-voices/testing/server";
import { setupServer } from "msw/node";

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
}

export async function run(_prismUrl: string): Promise<string[]> {
  const seen: string[] = [];
  const fake = createFakeVoices();
  check(fake.apiKey === DEFAULT_FAKE_API_KEY && fake.baseUrl === DEFAULT_FAKE_BASE_URL, "defaults");
  const client = createVoicesClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, fetch: fake.fetch, maxRetries: 0 });
  const cloned = await client.voices.clone({ file: new Blob([makeWav({ seconds: 1 })]), display_name: "Packed" });
  check((await client.voices.list()).voices[0]?.voice_id === cloned.voice_id, "the clone is listed");
  await client.voices.delete(cloned.voice_id);
  const gone = await client.voices.get(cloned.voice_id).catch((error: unknown) => error);
  check(gone instanceof NotFoundError, "404 after delete");
  fake.failNext("listVoices", { status: 503 });
  check((await client.voices.list().catch((error: unknown) => error)) instanceof ServerError, "injected 503");
  seen.push("fetch: ok");

  const msw = setupServer(...fake.handlers);
  msw.listen({ onUnhandledRequest: "error" });
  try {
    const global = createVoicesClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, maxRetries: 0 });
    seen.push(`msw: ${(await global.voices.list({ voice_type: "built-in" })).total_count} built-in voices`);
  } finally {
    msw.close();
  }

  const server = await startFakeServer(fake);
  try {
    const overHttp = createVoicesClient({ apiKey: fake.apiKey, baseUrl: server.url, maxRetries: 0 });
    const { sample } = await overHttp.voices.get("builtin-aria");
    const bytes = await (await fetch(sample ?? "")).arrayBuffer();
    check(bytes.byteLength > 44, "a sample from the server");
    // A file written by writeWav, uploaded over HTTP (the server streams it to disk).
    const dir = await mkdtemp(join(tmpdir(), "noiz-consumer-testing-"));
    try {
      const size = await writeWav(join(dir, "two.wav"), { seconds: 2 });
      const file = new File([await readFile(join(dir, "two.wav"))], "two.wav", { type: "audio/wav" });
      check(file.size === size, "writeWav's size");
      const uploaded = await overHttp.voices.clone({ file, display_name: "From disk" });
      check(uploaded.duration === 2, "the uploaded WAV's duration");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    seen.push("server: ok");
  } finally {
    await server.close();
  }
  return seen;
}
