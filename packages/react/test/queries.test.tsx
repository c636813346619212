// useVoices, useInfiniteVoices and useVoice against the Prism mock of the spec.
import { AuthenticationError, NotFoundError, type VoiceList } from "@noiz-voices/client";
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useInfiniteVoices, useVoice, useVoices, voiceKeys } from "../src/index.js";
import { deferred, listRequests, mockClient, providers, testQueryClient } from "./helpers.js";

describe("useVoices", () => {
  it("loads one page and sends the params as the query", async () => {
    const { client, sent } = mockClient();
    const queryClient = testQueryClient();
    const { result } = renderHook(() => useVoices({ voice_type: "custom", keyword: "warm", limit: 5 }), {
      wrapper: providers(client, queryClient),
    });
    expect(result.current.isPending).toBe(true);
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.total_count).toBe(2);
    expect(result.current.data?.voices.map((v) => v.display_name)).toEqual(["My Custom Voice", "Podcast Host"]);
    const [request] = listRequests(sent);
    expect(Object.fromEntries(request!.url.searchParams)).toEqual({
      voice_type: "custom",
      keyword: "warm",
      limit: "5",
    });
    // Cached under the factory's key, so other code can read and invalidate it.
    expect(queryClient.getQueryData(voiceKeys.list({ voice_type: "custom", keyword: "warm", limit: 5 }))).toEqual(
      result.current.data,
    );
  });

  it("surfaces the client's typed error without TanStack retries", async () => {
    const { client, sent } = mockClient({ headersFor: () => ({ Prefer: "code=401" }) });
    const { result } = renderHook(() => useVoices(), { wrapper: providers(client, testQueryClient()) });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(AuthenticationError);
    expect(result.current.error?.status).toBe(401);
    expect(sent).toHaveLength(1);
  });

  it("takes TanStack options such as select and enabled", async () => {
    const { client, sent } = mockClient();
    const { result, rerender } = renderHook(
      ({ enabled }) => useVoices({}, { enabled, select: (page: VoiceList) => page.voices.map((v) => v.voice_id) }),
      { wrapper: providers(client, testQueryClient()), initialProps: { enabled: false } },
    );
    expect(result.current.fetchStatus).toBe("idle");
    expect(sent).toHaveLength(0);
    rerender({ enabled: true });
    await waitFor(() => expect(result.current.data).toEqual(["abc123def456", "fed654cba321"]));
  });

  it("passes TanStack's AbortSignal to the client, so a cancelled query aborts its request", async () => {
    const hold = deferred();
    const { client, sent } = mockClient({ holdFor: () => hold.promise });
    const queryClient = testQueryClient();
    const { result } = renderHook(() => useVoices({ keyword: "slow" }), { wrapper: providers(client, queryClient) });
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.signal?.aborted).toBe(false);
    await act(() => queryClient.cancelQueries({ queryKey: voiceKeys.lists() }));
    expect(sent[0]!.signal?.aborted).toBe(true);
    hold.resolve();
    await waitFor(() => expect(result.current.fetchStatus).toBe("idle"));
    expect(result.current.isError).toBe(false);
  });
});

describe("useInfiniteVoices", () => {
  it("pages by skip as a page number and stops at total_count without an extra request", async () => {
    // Prism's example has total_count 2: with limit 1 that is pages 0 and 1.
    const { client, sent } = mockClient();
    const { result } = renderHook(() => useInfiniteVoices({ voice_type: "custom", limit: 1 }), {
      wrapper: providers(client, testQueryClient()),
    });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.hasNextPage).toBe(true);
    await act(() => result.current.fetchNextPage());
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(2));
    expect(result.current.hasNextPage).toBe(false);
    expect(result.current.data?.pageParams).toEqual([0, 1]);
    expect(listRequests(sent).map((r) => r.url.searchParams.get("skip"))).toEqual(["0", "1"]);
    // Asking again past the end sends nothing.
    await act(() => result.current.fetchNextPage());
    expect(listRequests(sent)).toHaveLength(2);
  });

  it("has no next page when the first page holds everything (default page size 10)", async () => {
    const { client, sent } = mockClient();
    const { result } = renderHook(() => useInfiniteVoices({ keyword: "host" }), {
      wrapper: providers(client, testQueryClient()),
    });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.hasNextPage).toBe(false);
    expect(listRequests(sent).map((r) => r.url.searchParams.get("keyword"))).toEqual(["host"]);
  });

  it("has no next page for an empty list", async () => {
    const { client } = mockClient({ headersFor: () => ({ Prefer: "example=emptyList" }) });
    const { result } = renderHook(() => useInfiniteVoices({ keyword: "nothing", limit: 1 }), {
      wrapper: providers(client, testQueryClient()),
    });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.pages[0]).toEqual({ total_count: 0, voices: [] });
    expect(result.current.hasNextPage).toBe(false);
  });
});

describe("useVoice", () => {
  it("does not fetch while the id is empty, then loads the voice", async () => {
    const { client, sent } = mockClient();
    const { result, rerender } = renderHook(({ id }) => useVoice(id), {
      wrapper: providers(client, testQueryClient()),
      initialProps: { id: "" as string | null },
    });
    expect(result.current.fetchStatus).toBe("idle");
    rerender({ id: null });
    expect(result.current.isLoading).toBe(false);
    expect(sent).toHaveLength(0);
    rerender({ id: "abc123def456" });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toMatchObject({ voice_id: "abc123def456", display_name: "My Custom Voice" });
    expect(sent.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["GET /voices/abc123def456"]);
  });

  it("surfaces a 404 as NotFoundError", async () => {
    const { client } = mockClient({ headersFor: () => ({ Prefer: "code=404" }) });
    const { result } = renderHook(() => useVoice("gone"), { wrapper: providers(client, testQueryClient()) });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(NotFoundError);
    expect(result.current.error?.message).toMatch(/voice not found/);
  });
});
