// useVoices, useInfiniteVoices and useVoice on the fake service: it filters and pages for real, so the
// data asserted here is what the hooks asked for.
import { AuthenticationError, NotFoundError, type VoiceList } from "@noiz-voices/client";
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useInfiniteVoices, useVoice, useVoices, voiceKeys } from "../src/index.js";
import { deferred, fakeClient, listRequests, providers, received, testQueryClient } from "./helpers.js";

describe("useVoices", () => {
  it("loads one page and sends the params as the query", async () => {
    const { client, fake } = fakeClient();
    const queryClient = testQueryClient();
    const params = { voice_type: "custom", keyword: "narration", limit: 5 } as const;
    const { result } = renderHook(() => useVoices(params), { wrapper: providers(client, queryClient) });
    expect(result.current.isPending).toBe(true);
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    // Of the two seeded voices, only one has "narration" in its labels.
    expect(result.current.data?.total_count).toBe(1);
    expect(result.current.data?.voices.map((v) => v.display_name)).toEqual(["Warm Narrator"]);
    expect(listRequests(fake).map((r) => r.query)).toEqual([
      { voice_type: "custom", keyword: "narration", limit: "5" },
    ]);
    // Cached under the factory's key, so other code can read and invalidate it.
    expect(queryClient.getQueryData(voiceKeys.list(params))).toEqual(result.current.data);
  });

  it("surfaces the client's typed error without TanStack retries", async () => {
    const { client, fake } = fakeClient();
    // Only the first request fails: a TanStack retry would have succeeded.
    fake.failNext("listVoices", { status: 401, message: "invalid api key" });
    const { result } = renderHook(() => useVoices(), { wrapper: providers(client, testQueryClient()) });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(AuthenticationError);
    expect(result.current.error?.status).toBe(401);
    expect(received(fake)).toEqual(["GET /voices 401"]);
  });

  it("takes TanStack options such as select and enabled", async () => {
    const { client, fake } = fakeClient();
    const { result, rerender } = renderHook(
      ({ enabled }) => useVoices({}, { enabled, select: (page: VoiceList) => page.voices.map((v) => v.voice_id) }),
      { wrapper: providers(client, testQueryClient()), initialProps: { enabled: false } },
    );
    expect(result.current.fetchStatus).toBe("idle");
    expect(fake.requests).toHaveLength(0);
    rerender({ enabled: true });
    await waitFor(() => expect(result.current.data).toEqual(["warm-narrator", "podcast-host"]));
  });

  it("passes TanStack's AbortSignal to the client, so a cancelled query aborts its request", async () => {
    const hold = deferred();
    const { client, fake, signals } = fakeClient({ gate: () => hold.promise });
    const queryClient = testQueryClient();
    const { result } = renderHook(() => useVoices({ keyword: "slow" }), { wrapper: providers(client, queryClient) });
    await waitFor(() => expect(signals).toHaveLength(1));
    expect(signals[0]?.aborted).toBe(false);
    await act(() => queryClient.cancelQueries({ queryKey: voiceKeys.lists() }));
    expect(signals[0]?.aborted).toBe(true);
    hold.resolve();
    await waitFor(() => expect(result.current.fetchStatus).toBe("idle"));
    expect(result.current.isError).toBe(false);
    // The aborted request never reached the service.
    expect(fake.requests).toEqual([]);
  });
});

describe("useInfiniteVoices", () => {
  it("pages by skip as a page number and stops at total_count without an extra request", async () => {
    const { client, fake } = fakeClient();
    const { result } = renderHook(() => useInfiniteVoices({ voice_type: "built-in", limit: 5 }), {
      wrapper: providers(client, testQueryClient()),
    });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    // 12 built-in voices, 5 a page: pages 0, 1 and 2.
    for (const pages of [2, 3]) {
      expect(result.current.data?.pages).toHaveLength(pages - 1);
      expect(result.current.hasNextPage).toBe(true);
      await act(() => result.current.fetchNextPage());
      await waitFor(() => expect(result.current.data?.pages).toHaveLength(pages));
    }
    expect(result.current.hasNextPage).toBe(false);
    expect(result.current.data?.pageParams).toEqual([0, 1, 2]);
    expect(result.current.data?.pages.map((page) => page.voices.length)).toEqual([5, 5, 2]);
    const ids = result.current.data?.pages.flatMap((page) => page.voices.map((v) => v.voice_id));
    expect(new Set(ids).size).toBe(12);
    expect(listRequests(fake).map((r) => r.query.skip)).toEqual(["0", "1", "2"]);
    // Asking again past the end sends nothing.
    await act(() => result.current.fetchNextPage());
    expect(listRequests(fake)).toHaveLength(3);
  });

  it("has no next page when the first page holds everything (default page size 10)", async () => {
    const { client, fake } = fakeClient();
    const { result } = renderHook(() => useInfiniteVoices({ keyword: "host" }), {
      wrapper: providers(client, testQueryClient()),
    });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.pages[0]?.voices.map((v) => v.voice_id)).toEqual(["podcast-host"]);
    expect(result.current.hasNextPage).toBe(false);
    expect(listRequests(fake).map((r) => r.query.keyword)).toEqual(["host"]);
  });

  it("has no next page for an empty list", async () => {
    const { client } = fakeClient();
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
    const { client, fake } = fakeClient();
    const { result, rerender } = renderHook(({ id }) => useVoice(id), {
      wrapper: providers(client, testQueryClient()),
      initialProps: { id: "" as string | null },
    });
    expect(result.current.fetchStatus).toBe("idle");
    rerender({ id: null });
    expect(result.current.isLoading).toBe(false);
    expect(fake.requests).toHaveLength(0);
    rerender({ id: "podcast-host" });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toMatchObject({ voice_id: "podcast-host", display_name: "Podcast Host" });
    expect(received(fake)).toEqual(["GET /voices/podcast-host 200"]);
  });

  it("surfaces a 404 for an unknown voice as NotFoundError", async () => {
    const { client } = fakeClient();
    const { result } = renderHook(() => useVoice("gone"), { wrapper: providers(client, testQueryClient()) });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(NotFoundError);
    expect(result.current.error?.message).toMatch(/voice not found/);
  });
});
