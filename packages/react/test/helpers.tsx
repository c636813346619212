// Shared test wiring: the real client against Prism, a recording fetch, and the providers.
import { createVoicesClient, type VoicesClient } from "@noiz-voices/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { inject } from "vitest";
import { VoicesProvider } from "../src/index.js";

/** One request the client sent, as the passed-in fetch saw it. */
export interface SentRequest {
  method: string;
  url: URL;
  signal: AbortSignal | undefined;
}

export interface RecordingFetchOptions {
  /** Extra headers for requests of a method, such as Prism's `Prefer: code=404` for DELETE. */
  headersFor?: (method: string, url: URL) => Record<string, string> | undefined;
  /** Waits before a request of this method is sent (to hold a mutation in flight). */
  holdFor?: (method: string, url: URL) => Promise<void> | undefined;
  /** Fails the request with this error instead of sending it (a dropped or refused connection). */
  failFor?: (method: string, url: URL) => Error | undefined;
}

/** A fetch that records every request and forwards it to Prism, optionally adding headers or waiting first. */
export function recordingFetch(options: RecordingFetchOptions = {}) {
  const sent: SentRequest[] = [];
  const fetchImpl = async (request: Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(request.url);
    sent.push({ method: request.method, url, signal: init?.signal ?? undefined });
    await options.holdFor?.(request.method, url);
    const failure = options.failFor?.(request.method, url);
    if (failure) throw failure;
    const extra = options.headersFor?.(request.method, url);
    if (!extra) return fetch(request, init);
    const headers = new Headers(request.headers);
    for (const [name, value] of Object.entries(extra)) headers.set(name, value);
    return fetch(new Request(request, { headers }), init);
  };
  return { fetch: fetchImpl, sent };
}

/** The real client against the Prism mock, with a passed-in fetch. */
export function mockClient(fetchOptions: RecordingFetchOptions = {}) {
  const recorder = recordingFetch(fetchOptions);
  const client = createVoicesClient({
    apiKey: "react-test-key",
    baseUrl: inject("mockUrl"),
    maxRetries: 0,
    fetch: recorder.fetch,
  });
  return { client, sent: recorder.sent };
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

/** A few bytes with a WAV header: enough for the client's format check and for Prism. */
export function wavFile(name = "sample.wav"): File {
  const bytes = new Uint8Array(64);
  bytes.set([0x52, 0x49, 0x46, 0x46], 0);
  bytes.set([0x57, 0x41, 0x56, 0x45], 8);
  return new File([bytes], name, { type: "audio/wav" });
}

/** GET /voices requests among those sent. */
export const listRequests = (sent: SentRequest[]) =>
  sent.filter((r) => r.method === "GET" && r.url.pathname.endsWith("/voices"));
