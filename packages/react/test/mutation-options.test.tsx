// cloneVoiceMutationOptions / deleteVoiceMutationOptions in the caller's own useMutation: the same key,
// call and cache updates as useCloneVoice / useDeleteVoice (whose behaviour mutations.test.tsx covers), on the fake service.
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
import {
  deferred,
  fakeClient,
  listedIds,
  listRequests,
  providers,
  received,
  testQueryClient,
  wavFile,
} from "./helpers.js";

const ids = (page: VoiceList | undefined) => page?.voices.map((v) => v.voice_id);

describe("deleteVoiceMutationOptions", () => {
  it("gives a plain useMutation the optimistic delete, the key and the caller's callbacks", async () => {
    const hold = deferred();
    const { client, fake } = fakeClient({ gate: (method) => (method === "DELETE" ? hold.promise : undefined) });
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
    act(() => result.current.remove.mutate("warm-narrator"));
    await waitFor(() => expect(ids(list.result.current.data)).toEqual(["podcast-host"]));
    expect(result.current.deleting).toBe(1);

    hold.resolve();
    await waitFor(() => expect(result.current.remove.isSuccess).toBe(true));
    expect(calls).toEqual(["success warm-narrator warm-narrator 1"]);
    expect(received(fake, "deleteVoice")).toEqual(["DELETE /voices/warm-narrator 200"]);
    // Settled: the list was refetched, and the service's answer keeps the voice out.
    await waitFor(() => expect(listRequests(fake)).toHaveLength(2));
    await waitFor(() => expect(list.result.current.isFetching).toBe(false));
    expect(ids(list.result.current.data)).toEqual(["podcast-host"]);
    expect(listedIds(fake)).toEqual(["podcast-host"]);
  });
});

describe("cloneVoiceMutationOptions", () => {
  it("serves as mutation defaults for its key, so useMutation({ mutationKey }) clones with the cache updates", async () => {
    const { client, fake } = fakeClient();
    const queryClient = testQueryClient();
    // setMutationDefaults is how TanStack resumes paused (offline) mutations: it finds the function by key.
    queryClient.setMutationDefaults(voiceKeys.clone(), cloneVoiceMutationOptions(client, queryClient));
    queryClient.setQueryData(voiceKeys.list({}), { total_count: 0, voices: [] });

    const { result } = renderHook(
      () => useMutation<ClonedVoice, VoicesError, CloneVoiceBody>({ mutationKey: voiceKeys.clone() }),
      { wrapper: providers(client, queryClient) },
    );
    const cloned = await act(() => result.current.mutateAsync({ file: wavFile(), display_name: "Keyed Clone" }));
    expect(cloned).toMatchObject({ voice_display_name: "Keyed Clone" });
    expect(received(fake)).toEqual(["POST /voices 200"]);
    expect(listedIds(fake)).toContain(cloned.voice_id);
    // The cache updates ran: the new voice's detail is seeded, every list invalidated.
    expect(queryClient.getQueryData(voiceKeys.detail(cloned.voice_id))?.display_name).toBe("Keyed Clone");
    expect(queryClient.getQueryState(voiceKeys.list({}))?.isInvalidated).toBe(true);
  });
});
