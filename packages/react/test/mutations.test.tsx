// useCloneVoice and useDeleteVoice against the Prism mock: cache invalidation, seeding, optimistic delete, rollback.
import { ConnectionError, NotFoundError, ValidationError, type VoiceList } from "@noiz-voices/client";
import type { InfiniteData } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useCloneVoice, useDeleteVoice, useInfiniteVoices, useVoice, useVoices, voiceKeys } from "../src/index.js";
import { deferred, listRequests, mockClient, providers, testQueryClient, wavFile } from "./helpers.js";

const ids = (page: VoiceList | undefined) => page?.voices.map((v) => v.voice_id);
const infiniteIds = (data: InfiniteData<VoiceList, number> | undefined) =>
  data?.pages.flatMap((page) => page.voices.map((v) => v.voice_id));

describe("useCloneVoice", () => {
  it("rejects a body without file or voice_url with a ValidationError, before any request", async () => {
    const { client, sent } = mockClient();
    const { result } = renderHook(() => useCloneVoice(), { wrapper: providers(client, testQueryClient()) });
    await act(async () => {
      await result.current.mutateAsync({ display_name: "No audio" } as never).catch(() => {});
    });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(ValidationError);
    expect((result.current.error as ValidationError).field).toBe("file");
    expect(sent).toHaveLength(0);
  });

  it("invalidates every cached list and seeds the new voice's detail, marked stale", async () => {
    const { client, sent } = mockClient();
    const queryClient = testQueryClient();
    const wrapper = providers(client, queryClient);
    const lists = renderHook(() => ({ page: useVoices({ keyword: "warm" }), infinite: useInfiniteVoices({}) }), {
      wrapper,
    });
    await waitFor(() =>
      expect(lists.result.current.page.isSuccess && lists.result.current.infinite.isSuccess).toBe(true),
    );
    expect(listRequests(sent)).toHaveLength(2);

    let seen: { onSuccess?: string } = {};
    const { result } = renderHook(
      () =>
        useCloneVoice({
          onSuccess: (data) => {
            seen = { onSuccess: data.voice_id };
          },
        }),
      {
        wrapper,
      },
    );
    await act(() => result.current.mutateAsync({ file: wavFile(), display_name: "My Custom Voice", language: "en" }));
    await waitFor(() =>
      expect(result.current.data).toMatchObject({ voice_id: "abc123def456", voice_display_name: "My Custom Voice" }),
    );
    expect(seen).toEqual({ onSuccess: "abc123def456" });
    // Both lists were refetched before the mutation settled.
    expect(listRequests(sent)).toHaveLength(4);
    const post = sent.find((r) => r.method === "POST");
    expect(post?.url.pathname).toBe("/voices");

    const detail = queryClient.getQueryState(voiceKeys.detail("abc123def456"));
    expect(queryClient.getQueryData(voiceKeys.detail("abc123def456"))).toEqual({
      voice_id: "abc123def456",
      display_name: "My Custom Voice",
      voice_type: "custom",
    });
    expect(detail?.isInvalidated).toBe(true);

    // The first reader shows the seeded name at once, then fetches the full voice (sample included).
    const voice = renderHook(() => useVoice("abc123def456"), { wrapper });
    expect(voice.result.current.data?.display_name).toBe("My Custom Voice");
    await waitFor(() => expect(voice.result.current.data?.sample).toBe("https://cdn.noiz.ai/samples/abc123def456.wav"));
  });

  it("leaves the lists alone when the service rejects the clone", async () => {
    const { client, sent } = mockClient({
      headersFor: (method) => (method === "POST" ? { Prefer: "example=unsupportedFormat, code=400" } : undefined),
    });
    const queryClient = testQueryClient();
    const wrapper = providers(client, queryClient);
    const list = renderHook(() => useVoices(), { wrapper });
    await waitFor(() => expect(list.result.current.isSuccess).toBe(true));
    const { result } = renderHook(() => useCloneVoice(), { wrapper });
    await act(() => result.current.mutateAsync({ voice_url: "https://example.com/a.wav" }).catch(() => {}));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error?.status).toBe(400);
    expect(listRequests(sent)).toHaveLength(1);
    expect(queryClient.getQueryData(voiceKeys.detail("abc123def456"))).toBeUndefined();
  });
});

describe("useCloneVoice when the connection fails", () => {
  async function cloneWhile(failure: Error) {
    const { client, sent } = mockClient({ failFor: (method) => (method === "POST" ? failure : undefined) });
    const queryClient = testQueryClient();
    const wrapper = providers(client, queryClient);
    const list = renderHook(() => useVoices(), { wrapper });
    await waitFor(() => expect(list.result.current.isSuccess).toBe(true));
    const { result } = renderHook(() => useCloneVoice(), { wrapper });
    await act(() => result.current.mutateAsync({ file: wavFile() }).catch(() => {}));
    await waitFor(() => expect(result.current.isError).toBe(true));
    return { error: result.current.error, listFetches: listRequests(sent).length };
  }

  it("refreshes the lists when the clone may have arrived (outcome unknown)", async () => {
    const { error, listFetches } = await cloneWhile(
      new TypeError("fetch failed", { cause: new Error("socket hang up") }),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).outcomeUnknown).toBe(true);
    expect(listFetches).toBe(2);
  });

  it("leaves the lists alone when the request never reached the service", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    const { error, listFetches } = await cloneWhile(new TypeError("fetch failed", { cause: refused }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).outcomeUnknown).toBe(false);
    expect(listFetches).toBe(1);
  });
});

describe("useDeleteVoice", () => {
  async function withCachedLists(options: Parameters<typeof mockClient>[0]) {
    const { client, sent } = mockClient(options);
    const queryClient = testQueryClient();
    const wrapper = providers(client, queryClient);
    const lists = renderHook(
      () => ({ page: useVoices({ voice_type: "custom" }), infinite: useInfiniteVoices({ limit: 1 }) }),
      { wrapper },
    );
    await waitFor(() =>
      expect(lists.result.current.page.isSuccess && lists.result.current.infinite.isSuccess).toBe(true),
    );
    const { result } = renderHook(() => useDeleteVoice(), { wrapper });
    return { queryClient, lists, result, sent };
  }

  it("removes the voice from every cached list at once, then refetches them", async () => {
    const hold = deferred();
    const { lists, result, sent } = await withCachedLists({
      holdFor: (method) => (method === "DELETE" ? hold.promise : undefined),
    });
    expect(ids(lists.result.current.page.data)).toEqual(["abc123def456", "fed654cba321"]);

    act(() => result.current.mutate("abc123def456"));
    // While the DELETE is still held: gone from the page and from the infinite list, counts adjusted.
    await waitFor(() => expect(ids(lists.result.current.page.data)).toEqual(["fed654cba321"]));
    expect(lists.result.current.page.data?.total_count).toBe(1);
    expect(infiniteIds(lists.result.current.infinite.data)).toEqual(["fed654cba321"]);
    expect(lists.result.current.infinite.data?.pages[0]?.total_count).toBe(1);
    expect(result.current.isPending).toBe(true);
    expect(sent.filter((r) => r.method === "DELETE").map((r) => r.url.pathname)).toEqual(["/voices/abc123def456"]);

    const before = listRequests(sent).length;
    hold.resolve();
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toMatchObject({ voice_id: "abc123def456", delete_time: 1738664823 });
    // Settled: both lists refetched (Prism is stateless, so the voice is back in its answer).
    expect(listRequests(sent).length).toBe(before + 2);
  });

  it("rolls the lists back when the delete fails, and surfaces the typed error", async () => {
    const { queryClient, lists, result } = await withCachedLists({
      headersFor: (method) => (method === "DELETE" ? { Prefer: "code=404" } : undefined),
    });
    const page = queryClient.getQueryData(voiceKeys.list({ voice_type: "custom" }));
    const infinite = queryClient.getQueryData(voiceKeys.infiniteList({ limit: 1 }));

    let rolledBackBeforeOnError = false;
    await act(() =>
      result.current
        .mutateAsync("fed654cba321", {
          onError: () => {
            rolledBackBeforeOnError =
              ids(queryClient.getQueryData(voiceKeys.list({ voice_type: "custom" })))?.length === 2;
          },
        })
        .catch(() => {}),
    );
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(NotFoundError);
    expect(rolledBackBeforeOnError).toBe(true);
    await waitFor(() => expect(lists.result.current.page.isFetching).toBe(false));
    expect(queryClient.getQueryData(voiceKeys.list({ voice_type: "custom" }))).toEqual(page);
    expect(infiniteIds(queryClient.getQueryData(voiceKeys.infiniteList({ limit: 1 })))).toEqual(infiniteIds(infinite));
  });

  it("keeps a voice out when an earlier delete rolls back while its own delete is in flight", async () => {
    const holdFirst = deferred();
    const holdSecond = deferred();
    const { queryClient, result, sent } = await withCachedLists({
      holdFor: (method, url) =>
        method !== "DELETE"
          ? undefined
          : url.pathname.endsWith("fed654cba321")
            ? holdFirst.promise
            : holdSecond.promise,
      headersFor: (method, url) =>
        method === "DELETE" && url.pathname.endsWith("fed654cba321") ? { Prefer: "code=404" } : undefined,
    });
    const pageIds = () => ids(queryClient.getQueryData(voiceKeys.list({ voice_type: "custom" })));
    // First delete: snapshot holds both voices. Second delete: starts while the first is in flight.
    act(() => result.current.mutate("fed654cba321"));
    await waitFor(() => expect(pageIds()).toEqual(["abc123def456"]));
    act(() => result.current.mutate("abc123def456"));
    await waitFor(() => expect(pageIds()).toEqual([]));
    await waitFor(() => expect(sent.filter((r) => r.method === "DELETE")).toHaveLength(2));

    const listFetchesBefore = listRequests(sent).length;
    holdFirst.resolve();
    await waitFor(() => expect(queryClient.isMutating()).toBe(1));
    // fed654… is back (its delete failed); abc123… stays out (its delete is still pending),
    // and nothing was refetched yet, which would have brought it back too.
    expect(pageIds()).toEqual(["fed654cba321"]);
    expect(listRequests(sent)).toHaveLength(listFetchesBefore);

    holdSecond.resolve();
    await waitFor(() => expect(queryClient.isMutating()).toBe(0));
    // The last delete to settle refetches both lists.
    await waitFor(() => expect(listRequests(sent)).toHaveLength(listFetchesBefore + 2));
  });

  it("drops the deleted voice's detail from the cache", async () => {
    const { queryClient, result } = await withCachedLists({});
    queryClient.setQueryData(voiceKeys.detail("abc123def456"), {
      voice_id: "abc123def456",
      display_name: "My Custom Voice",
      voice_type: "custom",
    });
    await act(() => result.current.mutateAsync("abc123def456"));
    expect(queryClient.getQueryState(voiceKeys.detail("abc123def456"))).toBeUndefined();
  });
});
