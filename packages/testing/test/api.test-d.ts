// The public types, as users see them through the package's exports.
import { createVoicesClient, type DeletedVoice, type Voice } from "@noiz-voices/client";
import type { HttpHandler } from "msw";
import { describe, expectTypeOf, it } from "vitest";
import {
  createFakeVoices,
  type FakeVoice,
  type FakeVoices,
  type Fault,
  type FaultTarget,
  type MakeWavOptions,
  makeWav,
  type OperationId,
  type RecordedRequest,
  type SeedVoice,
  writeWav,
} from "../src/index.js";
import { type FakeServer, startFakeServer } from "../src/server.js";

describe("createFakeVoices", () => {
  it("returns a fake whose fetch, baseUrl and apiKey fit createVoicesClient", () => {
    const fake = createFakeVoices();
    expectTypeOf(fake).toEqualTypeOf<FakeVoices>();
    createVoicesClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, fetch: fake.fetch });
    expectTypeOf(fake.fetch).toBeCallableWith("https://noiz.ai/v1/voices", { method: "GET" });
    expectTypeOf(fake.handlers).toEqualTypeOf<HttpHandler[]>();
  });

  it("takes voices, acceptAnyKey, baseUrl and apiKey, and nothing else", () => {
    createFakeVoices({ voices: [{ display_name: "x" }], acceptAnyKey: true, baseUrl: "http://x.test", apiKey: "k" });
    // @ts-expect-error a seeded voice needs display_name
    createFakeVoices({ voices: [{ voice_id: "x" }] });
    // @ts-expect-error voice_type is the spec's enum
    createFakeVoices({ voices: [{ display_name: "x", voice_type: "robot" }] });
    // @ts-expect-error no such option
    createFakeVoices({ latencyMs: 5 });
  });

  it("shows state read-only, as the spec's types plus delete_time", () => {
    const fake = createFakeVoices();
    expectTypeOf(fake.voices[0]!).toEqualTypeOf<Readonly<FakeVoice>>();
    expectTypeOf<FakeVoice["delete_time"]>().toEqualTypeOf<DeletedVoice["delete_time"] | undefined>();
    expectTypeOf<FakeVoice>().toMatchTypeOf<Voice>();
    expectTypeOf<SeedVoice["display_name"]>().toEqualTypeOf<Voice["display_name"]>();
    // @ts-expect-error the view is read-only
    fake.voices.push({ voice_id: "x", display_name: "x", voice_type: "custom" });
    // @ts-expect-error the view is read-only
    fake.requests[0]!.status = 200;
    expectTypeOf(fake.requests[0]!.operation).toEqualTypeOf<OperationId | null>();
    expectTypeOf<RecordedRequest["status"]>().toEqualTypeOf<number | null>();
  });
});

describe("failNext", () => {
  it("takes an operationId or '*'", () => {
    expectTypeOf<OperationId>().toEqualTypeOf<"listVoices" | "cloneVoice" | "getVoice" | "deleteVoice">();
    expectTypeOf<FaultTarget>().toEqualTypeOf<OperationId | "*">();
    const fake = createFakeVoices();
    fake.failNext("*", { status: 503 });
    // @ts-expect-error not an operationId of the spec
    fake.failNext("getVoices", { status: 503 });
  });

  it("takes exactly one kind of fault, each with times", () => {
    const fake = createFakeVoices();
    const faults: Fault[] = [
      { status: 503 },
      { status: 429, retryAfter: 2, code: 42900, message: "slow down", times: 3 },
      { status: 503, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT" },
      { envelopeCode: 50001, message: "busy" },
      { delayMs: 100, times: 2 },
      { network: "reset" },
      { hang: true, times: Number.POSITIVE_INFINITY },
    ];
    for (const fault of faults) fake.failNext("getVoice", fault);
    // @ts-expect-error a status and an envelope code at once
    fake.failNext("getVoice", { status: 503, envelopeCode: 1 });
    // @ts-expect-error a hang and a delay at once
    fake.failNext("getVoice", { hang: true, delayMs: 5 });
    // @ts-expect-error the only network fault is a reset
    fake.failNext("getVoice", { network: "timeout" });
    // @ts-expect-error code belongs to a status fault
    fake.failNext("getVoice", { delayMs: 5, code: 1 });
  });
});

describe("makeWav", () => {
  it("returns bytes that a Blob or File takes", () => {
    expectTypeOf(makeWav()).toEqualTypeOf<Uint8Array<ArrayBuffer>>();
    new File([makeWav({ seconds: 2, sampleRate: 8000 })], "me.wav");
    // @ts-expect-error no such option
    makeWav({ hz: 440 });
  });

  it("writeWav takes a path and makeWav's options, and resolves with the size", () => {
    expectTypeOf(writeWav).toEqualTypeOf<(path: string, options?: MakeWavOptions) => Promise<number>>();
  });
});

describe("startFakeServer", () => {
  it("takes an optional fake and port/host/allowedOrigins, and resolves with url, fake and close", async () => {
    expectTypeOf(startFakeServer).parameters.toEqualTypeOf<
      [fake?: FakeVoices, options?: { port?: number; host?: string; allowedOrigins?: readonly string[] }]
    >();
    const server = await startFakeServer(undefined, { port: 0, host: "127.0.0.1" });
    expectTypeOf(server).toEqualTypeOf<FakeServer>();
    expectTypeOf(server.url).toEqualTypeOf<string>();
    expectTypeOf(server.close).toEqualTypeOf<() => Promise<void>>();
  });
});
