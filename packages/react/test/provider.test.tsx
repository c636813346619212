import { createVoicesClient, type VoicesClient, VoicesError } from "@noiz-voices/client";
import { QueryClientProvider } from "@tanstack/react-query";
import { renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useVoices, useVoicesClient } from "../src/index.js";
import { providers, testQueryClient } from "./helpers.js";

describe("VoicesProvider / useVoicesClient", () => {
  it("hands the provider's client to the hooks", () => {
    const client = createVoicesClient({ baseUrl: "http://127.0.0.1:9" }); // a backend's URL: no key
    const { result } = renderHook(() => useVoicesClient(), { wrapper: providers(client, testQueryClient()) });
    expect(result.current).toBe(client);
  });

  it("throws a VoicesError that says what to do when no provider is above", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const queryClient = testQueryClient();
    const render = () =>
      renderHook(() => useVoices(), {
        wrapper: ({ children }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>,
      });
    expect(render).toThrow(VoicesError);
    expect(render).toThrow(/wrap your app in <VoicesProvider/);
    vi.restoreAllMocks();
  });

  it("throws a VoicesError that names the missing client when a provider above has none", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    // A JavaScript app, or a client still undefined while it is being made.
    const client = undefined as unknown as VoicesClient;
    const render = () => renderHook(() => useVoices(), { wrapper: providers(client, testQueryClient()) });
    expect(render).toThrow(VoicesError);
    expect(render).toThrow(/<VoicesProvider> got no client/);
    vi.restoreAllMocks();
  });
});
