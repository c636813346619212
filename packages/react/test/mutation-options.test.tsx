// cloneVoiceMutationOptions / deleteVoiceMutationOptions in the caller's own useMutation: the same key,
// call and cache updates as useCloneVoice / useDeleteVoice (whose behaviour mutations.test.tsx covers).
import type { ClonedVoice, CloneVoiceBody, VoiceList, VoicesError } from "@noiz-voices/client";
import { useIsMutating, useMutation, useQueryClient } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  cloneVoiceMutationOptions,
  deleteVoiceMutationOptions,
  useVoices,
  useVoicesClient,
  voiceKeys,
} from "../src/index.js";
import { deferred, listRequests, mockClient, providers, testQueryClient, wavFile } from "./helpers.js";

const ids = (page: VoiceList | undefined) => page?.voices.map((v) => v.voice_id);

describe("deleteVoiceMutationOptions", () => {
  it("gives a plain useMutation the optimistic delete, the key and the caller's callbacks", async () => {
    const hold = deferred();
    const { client, sent } = mockClient({ holdFor: (method) => (method === "DELETE" ? hold.promise : undefined) });
    const queryClient = testQueryClient();
    const wrapper = providers(client, queryClient);
    const list = renderHook(() => useVoices({ voice_type: "custom" }), { wrapper });
    await waitFor(() => expect(list.result.current.isSuccess).toBe(true));

    const calls: string[] = [];
    const { result } = renderHook(
      () => ({
        remove: useMutation({
          ...deleteVoiceMutationOptions(useVoicesClient(), useQueryClient(), {
            onSuccess: (data, voice_id, context) => {
              calls.push(`success ${data.voice_id} ${voice_id} ${context.previousLists.length}`);
            },
          }),
          meta: { screen: "test" },
        }),
        deleting: useIsMutating({ mutationKey: voiceKeys.delete() }),
      }),
      { wrapper },
    );
    act(() => result.current.remove.mutate("abc123def456"));
    await waitFor(() => expect(ids(list.result.current.data)).toEqual(["fed654cba321"]));
    expect(result.current.deleting).toBe(1);
    expect(sent.filter((r) => r.method === "DELETE").map((r) => r.url.pathname)).toEqual(["/voices/abc123def456"]);

    hold.resolve();
    await waitFor(() => expect(result.current.remove.isSuccess).toBe(true));
    expect(calls).toEqual(["success abc123def456 abc123def456 1"]);
    // Settled: the list was refetched (Prism is stateless, so the voice is back).
    await waitFor(() => expect(listRequests(sent)).toHaveLength(2));
  });
});

describe("cloneVoiceMutationOptions", () => {
  it("serves as mutation defaults for its key, so useMutation({ mutationKey }) clones with the cache updates", async () => {
    const { client, sent } = mockClient();
    const queryClient = testQueryClient();
    // setMutationDefaults is how TanStack resumes paused (offline) mutations: it finds the function by key.
    queryClient.setMutationDefaults(voiceKeys.clone(), cloneVoiceMutationOptions(client, queryClient));
    queryClient.setQueryData(voiceKeys.list({}), { total_count: 0, voices: [] });

    const { result } = renderHook(
      () => useMutation<ClonedVoice, VoicesError, CloneVoiceBody>({ mutationKey: voiceKeys.clone() }),
      { wrapper: providers(client, queryClient) },
    );
    const cloned = await act(() => result.current.mutateAsync({ file: wavFile(), display_name: "My Custom Voice" }));
    expect(cloned).toMatchObject({ voice_id: "abc123def456" });
    expect(sent.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["POST /voices"]);
    // The cache updates ran: the new voice's detail is seeded, every list invalidated.
    expect(queryClient.getQueryData(voiceKeys.detail("abc123def456"))?.display_name).toBe("My Custom Voice");
    expect(queryClient.getQueryState(voiceKeys.list({}))?.isInvalidated).toBe(true);
  });
});
