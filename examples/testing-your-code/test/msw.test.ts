// A user's test file for code that calls the global fetch: the same fake, mocked at the network
// layer with msw (setupServer(...fake.handlers)).
import { createVoicesClient, ServerError } from "@noiz-voices/client";
import { createFakeVoices, makeWav } from "@noiz-voices/testing";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

const fake = createFakeVoices();
const server = setupServer(...fake.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => fake.reset());
afterAll(() => server.close());

// Made after listen(): a client takes the global fetch when it is created.
const newClient = () => createVoicesClient({ apiKey: fake.apiKey, maxRetries: 0 });

it("clones through the global fetch, and the clone's sample downloads with it too", async () => {
  const client = newClient();
  const upload = makeWav({ seconds: 1 });
  const cloned = await client.voices.clone({
    file: new Blob([upload], { type: "audio/wav" }),
    display_name: "Via msw",
  });
  const voice = await client.voices.get(cloned.voice_id);
  expect(voice.display_name).toBe("Via msw");
  const sample = new Uint8Array(await (await fetch(voice.sample ?? "")).arrayBuffer());
  expect(sample).toEqual(upload);
});

it("fails on demand", async () => {
  fake.failNext("listVoices", { status: 500, message: "database on fire" });
  const error = await newClient()
    .voices.list()
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServerError);
  expect((error as ServerError).message).toContain("database on fire");
});
