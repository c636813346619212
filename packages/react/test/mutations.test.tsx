// useCloneVoice and useDeleteVoice on the fake service, which keeps state: cache invalidation and
// seeding, the optimistic delete, its rollback, and that the lists refetched afterwards agree with
// what the service now holds (a clone is listed, a deleted voice stays out).
import { ConnectionError, ServerError, ValidationError, type VoiceList } from "@noiz-voices/client";
import type { FakeVoices } from "@noiz-voices/testing";
import type { InfiniteData } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useCloneVoice, useDeleteVoice, useInfiniteVoices, useVoice, useVoices, voiceKeys } from "../src/index.js";
import {
  deferred,
  type FakeClientOptions,
  fakeClient,
  listedIds,
  listRequests,
  providers,
  received,
  testQueryClient,
  wavFile,
} from "./helpers.js";

const ids = (page: VoiceList | undefined) => page?.voices.map((v) => v.voice_id);
const infiniteIds = (data: InfiniteData<VoiceList, number> | undefined) =>
  data?.pages.flatMap((page) => page.voices.map((v) => v.voice_id));

describe("useCloneVoice", () => {
  it("rejects a body without file or voice_url with a ValidationError, before any request", async () => {
    const { client, signals } = fakeClient();
    const { result } = renderHook(() => useCloneVoice(), { wrapper: providers(client, testQueryClient()) });
    await act(async () => {
      await result.current.mutateAsync({ display_name: "No audio" } as never).catch(() => {});
    });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(ValidationError);
    expect((result.current.error as ValidationError).field).toBe("file");
    expect(signals).toHaveLength(0);
  });

  it("invalidates every cached list, which then shows the clone, and seeds its detail, marked stale", async () => {
    const { client, fake } = fakeClient();
    const queryClient = testQueryClient();
    const wrapper = providers(client, queryClient);
    const lists = renderHook(() => ({ page: useVoices({ keyword: "warm" }), infinite: useInfiniteVoices({}) }), {
      wrapper,
    });
    await waitFor(() =>
      expect(lists.result.current.page.isSuccess && lists.result.current.infinite.isSuccess).toBe(true),
    );
    expect(listRequests(fake)).toHaveLength(2);
    expect(ids(lists.result.current.page.data)).toEqual(["warm-narrator", "podcast-host"]);
    expect(infiniteIds(lists.result.current.infinite.data)).toEqual(["warm-narrator", "podcast-host"]);

    let seen: { onSuccess?: string } = {};
    const { result } = renderHook(
      () =>
        useCloneVoice({
          onSuccess: (data) => {
            seen = { onSuccess: data.voice_id };
          },
        }),
      { wrapper },
    );
    const cloned = await act(() =>
      result.current.mutateAsync({ file: wavFile(), display_name: "Warm Clone", language: "en" }),
    );
    expect(cloned).toMatchObject({ voice_display_name: "Warm Clone", duration: 1 });
    const id = cloned.voice_id;
    expect(seen).toEqual({ onSuccess: id });
    // Both lists were refetched before the mutation settled, and both now hold the new voice.
    expect(listRequests(fake)).toHaveLength(4);
    await waitFor(() => expect(ids(lists.result.current.page.data)).toEqual(["warm-narrator", "podcast-host", id]));
    expect(infiniteIds(lists.result.current.infinite.data)).toEqual(["warm-narrator", "podcast-host", id]);
    expect(received(fake, "cloneVoice")).toEqual(["POST /voices 200"]);

    const detail = queryClient.getQueryState(voiceKeys.detail(id));
    expect(queryClient.getQueryData(voiceKeys.detail(id))).toEqual({
      voice_id: id,
      display_name: "Warm Clone",
      voice_type: "custom",
    });
    expect(detail?.isInvalidated).toBe(true);

    // The first reader shows the seeded name at once, then fetches the full voice (sample included).
    const voice = renderHook(() => useVoice(id), { wrapper });
    expect(voice.result.current.data?.display_name).toBe("Warm Clone");
    await waitFor(() => expect(voice.result.current.data?.sample).toBe(`${fake.baseUrl}/__fake/samples/${id}.wav`));
  });

  it("leaves the lists alone when the service rejects the clone", async () => {
    const { client, fake } = fakeClient();
    fake.failNext("cloneVoice", { status: 400, code: 40002, message: "unsupported audio format" });
    const queryClient = testQueryClient();
    const wrapper = providers(client, queryClient);
    const list = renderHook(() => useVoices(), { wrapper });
    await waitFor(() => expect(list.result.current.isSuccess).toBe(true));
    const { result } = renderHook(() => useCloneVoice(), { wrapper });
    await act(() => result.current.mutateAsync({ voice_url: "https://example.com/a.wav" }).catch(() => {}));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error?.status).toBe(400);
    expect(listRequests(fake)).toHaveLength(1);
    expect(listedIds(fake)).toEqual(["warm-narrator", "podcast-host"]);
  });
});

describe("useCloneVoice when the connection fails", () => {
  async function cloneWhile(options: FakeClientOptions, injectFault?: (fake: FakeVoices) => void) {
    const { client, fake } = fakeClient(options);
    injectFault?.(fake);
    const queryClient = testQueryClient();
    const wrapper = providers(client, queryClient);
    const list = renderHook(() => useVoices(), { wrapper });
    await waitFor(() => expect(list.result.current.isSuccess).toBe(true));
    const { result } = renderHook(() => useCloneVoice(), { wrapper });
    await act(() => result.current.mutateAsync({ file: wavFile() }).catch(() => {}));
    await waitFor(() => expect(result.current.isError).toBe(true));
    return { error: result.current.error, listFetches: listRequests(fake).length };
  }

  it("refreshes the lists when the clone may have arrived (a reset: outcome unknown)", async () => {
    const { error, listFetches } = await cloneWhile({}, (fake) => fake.failNext("cloneVoice", { network: "reset" }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).outcomeUnknown).toBe(true);
    expect(listFetches).toBe(2);
  });

  it("refreshes the lists when the service failed with a 5xx after the clone arrived (outcome unknown)", async () => {
    const { error, listFetches } = await cloneWhile({}, (fake) => fake.failNext("cloneVoice", { status: 503 }));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).outcomeUnknown).toBe(true);
    expect(listFetches).toBe(2);
  });

  it("leaves the lists alone when the request never reached the service (connection refused)", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    const { error, listFetches } = await cloneWhile({
      gate: (method) =>
        method === "POST" ? Promise.reject(new TypeError("fetch failed", { cause: refused })) : undefined,
    });
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).outcomeUnknown).toBe(false);
    expect(listFetches).toBe(1);
  });
});

describe("useDeleteVoice", () => {
  async function withCachedLists(options: FakeClientOptions = {}) {
    const { client, fake } = fakeClient(options);
    const queryClient = testQueryClient();
    const wrapper = providers(client, queryClient);
    const lists = renderHook(() => ({ page: useVoices({ voice_type: "custom" }), infinite: useInfiniteVoices({}) }), {
      wrapper,
    });
    await waitFor(() =>
      expect(lists.result.current.page.isSuccess && lists.result.current.infinite.isSuccess).toBe(true),
    );
    const { result } = renderHook(() => useDeleteVoice(), { wrapper });
    return { queryClient, lists, result, fake };
  }

  it("removes the voice from every cached list at once; the refetch agrees, as the service deleted it", async () => {
    const hold = deferred();
    const gated: string[] = [];
    const { lists, result, fake } = await withCachedLists({
      gate: (method, url) => {
        if (method !== "DELETE") return undefined;
        gated.push(url.pathname);
        return hold.promise;
      },
    });
    expect(ids(lists.result.current.page.data)).toEqual(["warm-narrator", "podcast-host"]);

    act(() => result.current.mutate("warm-narrator"));
    // While the DELETE is still held: gone from the page and from the infinite list, counts adjusted.
    await waitFor(() => expect(ids(lists.result.current.page.data)).toEqual(["podcast-host"]));
    expect(lists.result.current.page.data?.total_count).toBe(1);
    expect(infiniteIds(lists.result.current.infinite.data)).toEqual(["podcast-host"]);
    expect(lists.result.current.infinite.data?.pages[0]?.total_count).toBe(1);
    expect(result.current.isPending).toBe(true);
    expect(gated).toEqual(["/v1/voices/warm-narrator"]);
    expect(received(fake, "deleteVoice")).toEqual([]);

    const before = listRequests(fake).length;
    hold.resolve();
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toMatchObject({ voice_id: "warm-narrator", display_name: "Warm Narrator" });
    expect(result.current.data?.delete_time).toBeGreaterThan(0);
    // Settled: both lists refetched, and the service's answer keeps the voice out.
    expect(listRequests(fake).length).toBe(before + 2);
    await waitFor(() => expect(lists.result.current.page.isFetching).toBe(false));
    expect(ids(lists.result.current.page.data)).toEqual(["podcast-host"]);
    expect(infiniteIds(lists.result.current.infinite.data)).toEqual(["podcast-host"]);
    expect(listedIds(fake)).toEqual(["podcast-host"]);
  });

  it("rolls the lists back when the delete fails, and surfaces the typed error", async () => {
    const { queryClient, lists, result, fake } = await withCachedLists();
    fake.failNext("deleteVoice", { status: 503 });
    const page = queryClient.getQueryData(voiceKeys.list({ voice_type: "custom" }));
    const infinite = queryClient.getQueryData(voiceKeys.infiniteList({}));

    let rolledBackBeforeOnError = false;
    await act(() =>
      result.current
        .mutateAsync("podcast-host", {
          onError: () => {
            rolledBackBeforeOnError =
              ids(queryClient.getQueryData(voiceKeys.list({ voice_type: "custom" })))?.length === 2;
          },
        })
        .catch(() => {}),
    );
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(ServerError);
    expect(rolledBackBeforeOnError).toBe(true);
    await waitFor(() => expect(lists.result.current.page.isFetching).toBe(false));
    expect(queryClient.getQueryData(voiceKeys.list({ voice_type: "custom" }))).toEqual(page);
    expect(infiniteIds(queryClient.getQueryData(voiceKeys.infiniteList({})))).toEqual(infiniteIds(infinite));
    expect(listedIds(fake)).toEqual(["warm-narrator", "podcast-host"]);
  });

  it("keeps a voice out when an earlier delete rolls back while its own delete is in flight", async () => {
    const holdFirst = deferred();
    const holdSecond = deferred();
    const { queryClient, result, fake } = await withCachedLists({
      gate: (method, url) =>
        method !== "DELETE"
          ? undefined
          : url.pathname.endsWith("podcast-host")
            ? holdFirst.promise
            : holdSecond.promise,
    });
    // The first DELETE to reach the service fails: podcast-host's, released first below.
    fake.failNext("deleteVoice", { status: 503 });
    const pageIds = () => ids(queryClient.getQueryData(voiceKeys.list({ voice_type: "custom" })));
    // First delete: snapshot holds both voices. Second delete: starts while the first is in flight.
    act(() => result.current.mutate("podcast-host"));
    await waitFor(() => expect(pageIds()).toEqual(["warm-narrator"]));
    act(() => result.current.mutate("warm-narrator"));
    await waitFor(() => expect(pageIds()).toEqual([]));

    const listFetchesBefore = listRequests(fake).length;
    holdFirst.resolve();
    await waitFor(() => expect(queryClient.isMutating()).toBe(1));
    // podcast-host is back (its delete failed); warm-narrator stays out (its delete is still pending),
    // and nothing was refetched yet, which would have brought it back too.
    expect(pageIds()).toEqual(["podcast-host"]);
    expect(listRequests(fake)).toHaveLength(listFetchesBefore);

    holdSecond.resolve();
    await waitFor(() => expect(queryClient.isMutating()).toBe(0));
    // The last delete to settle refetches both lists, which agree with the service.
    await waitFor(() => expect(listRequests(fake)).toHaveLength(listFetchesBefore + 2));
    await waitFor(() => expect(pageIds()).toEqual(["podcast-host"]));
    expect(received(fake, "deleteVoice")).toEqual([
      "DELETE /voices/podcast-host 503",
      "DELETE /voices/warm-narrator 200",
    ]);
  });

  it("drops the deleted voice's detail from the cache", async () => {
    const { queryClient, result } = await withCachedLists();
    queryClient.setQueryData(voiceKeys.detail("warm-narrator"), {
      voice_id: "warm-narrator",
      display_name: "Warm Narrator",
      voice_type: "custom",
    });
    await act(() => result.current.mutateAsync("warm-narrator"));
    expect(queryClient.getQueryState(voiceKeys.detail("warm-narrator"))).toBeUndefined();
  });
});
