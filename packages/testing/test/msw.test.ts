// fake.handlers: the same fake at the network layer, for code that calls the global fetch.
import { ConnectionError, createVoicesClient, NotFoundError, ServerError } from "@noiz-voices/client";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFakeVoices, makeWav } from "../src/index.js";

const fake = createFakeVoices();
const server = setupServer(...fake.handlers);

let client: ReturnType<typeof createVoicesClient>;
beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  // No `fetch` option: the client takes the global fetch, which msw has replaced by now (a client
  // made before listen() holds the original one).
  client = createVoicesClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, maxRetries: 0 });
});
afterEach(() => fake.reset());
afterAll(() => server.close());

describe("fake.handlers with msw's setupServer", () => {
  it("serves clone, list, get, delete and the 404 after it", async () => {
    const cloned = await client.voices.clone({ file: new Blob([makeWav()]), display_name: "Through msw" });
    expect((await client.voices.list()).voices.map((voice) => voice.display_name)).toEqual(["Through msw"]);
    expect((await client.voices.get(cloned.voice_id)).voice_id).toBe(cloned.voice_id);
    await client.voices.delete(cloned.voice_id);
    await expect(client.voices.get(cloned.voice_id)).rejects.toBeInstanceOf(NotFoundError);
    expect(fake.requests.map((request) => `${request.operation} ${request.status}`)).toEqual([
      "cloneVoice 200",
      "listVoices 200",
      "getVoice 200",
      "deleteVoice 200",
      "getVoice 404",
    ]);
  });

  it("serves samples with the global fetch", async () => {
    const { sample } = await client.voices.get("builtin-aria");
    const response = await fetch(sample ?? "");
    expect(response.headers.get("content-type")).toBe("audio/wav");
    expect(new Uint8Array(await response.arrayBuffer()).subarray(0, 4)).toEqual(new TextEncoder().encode("RIFF"));
  });

  it("injects faults: a status, and a reset as msw's network error", async () => {
    fake.failNext("getVoice", { status: 503 });
    await expect(client.voices.get("builtin-aria")).rejects.toBeInstanceOf(ServerError);
    fake.failNext("listVoices", { network: "reset" });
    await expect(client.voices.list()).rejects.toBeInstanceOf(ConnectionError);
  });

  it("serves a base URL whose path holds characters msw's path patterns give a meaning (+, parentheses, :)", async () => {
    for (const baseUrl of [
      "https://api.example.com/a+b/v1",
      "https://api.example.com/(x)/v1",
      "https://api.example.com/api:v1",
    ]) {
      const other = createFakeVoices({ baseUrl });
      server.use(...other.handlers);
      const otherClient = createVoicesClient({ apiKey: other.apiKey, baseUrl: other.baseUrl, maxRetries: 0 });
      const page = await otherClient.voices.list({ voice_type: "built-in", limit: 1 });
      expect(page.total_count).toBe(12);
      expect(other.requests.map((request) => `${request.path} ${request.status}`)).toEqual(["/voices 200"]);
      server.resetHandlers();
    }
  });

  it("builds its handlers once", () => {
    expect(fake.handlers).toBe(fake.handlers);
    expect(fake.handlers).toHaveLength(1);
  });
});
