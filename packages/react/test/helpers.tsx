// Shared test wiring: the real client on the fake service of @noiz-voices/testing (which keeps state:
// a clone is listed, a delete sticks), a gate in front of it to hold a request in flight, and the providers.
import { createVoicesClient, type VoicesClient } from "@noiz-voices/client";
import { createFakeVoices, type FakeVoices, makeWav, type SeedVoice } from "@noiz-voices/testing";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { VoicesProvider } from "../src/index.js";

/** The custom voices every test starts with, beside the fake's 12 built-in ones. */
export const SEED: readonly SeedVoice[] = [
  { voice_id: "warm-narrator", display_name: "Warm Narrator", labels: "warm, narration" },
  { voice_id: "podcast-host", display_name: "Podcast Host", labels: "warm, conversational" },
];

export interface FakeClientOptions {
  /** Custom voices to start with (default `SEED`). */
  voices?: readonly SeedVoice[];
  /**
   * A request waits for this promise before it reaches the fake (to hold a mutation in flight); a
   * rejection fails it with that error, as a connection that failed before anything was sent.
   */
  gate?: (method: string, url: URL) => Promise<void> | undefined;
}

/** The real client (no retries) on a fake of the service; `signals` are the AbortSignals of its requests. */
export function fakeClient(options: FakeClientOptions = {}) {
  const fake = createFakeVoices({ voices: options.voices ?? SEED });
  const signals: AbortSignal[] = [];
  const fetchThroughGate = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    signals.push(request.signal);
    await options.gate?.(request.method, new URL(request.url));
    return fake.fetch(request);
  };
  const client = createVoicesClient({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    maxRetries: 0,
    fetch: fetchThroughGate,
    // happy-dom is a web page (a window with a document): the fake's key needs the opt-in there.
    dangerouslyAllowBrowser: true,
  });
  return { client, fake, signals };
}

/** A QueryClient for one test: no TanStack retries, nothing garbage-collected mid-test. */
export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { gcTime: Number.POSITIVE_INFINITY } } });
}

/** A wrapper for renderHook/render: QueryClientProvider with VoicesProvider inside. */
export function providers(client: VoicesClient, queryClient: QueryClient) {
  // biome-ignore lint/correctness/noComponentHookFactories: made once per test and kept for the test's renders.
  return function Providers({ children }: { children: ReactNode }) {
    return (
      <QueryClientProvider client={queryClient}>
        <VoicesProvider client={client}>{children}</VoicesProvider>
      </QueryClientProvider>
    );
  };
}

/** A deferred promise, to hold a request in flight until the test lets it go. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A WAV file to clone from. */
export const wavFile = (name = "sample.wav") => new File([makeWav({ seconds: 1 })], name, { type: "audio/wav" });

/** What the fake received for an operation, as `METHOD path status` (`status` null while pending). */
export const received = (fake: FakeVoices, operation?: string) =>
  fake.requests
    .filter((r) => operation === undefined || r.operation === operation)
    .map((r) => `${r.method} ${r.path} ${r.status}`);

/** The list requests the fake received. */
export const listRequests = (fake: FakeVoices) => fake.requests.filter((r) => r.operation === "listVoices");

/** The voice_ids of the custom voices the fake lists now (deleted ones left out). */
export const listedIds = (fake: FakeVoices) =>
  fake.voices.filter((v) => v.voice_type === "custom" && v.delete_time === undefined).map((v) => v.voice_id);
