/**
 * The mutations: option builders for composing your own `useMutation`, and the hooks built on them.
 * Clone a voice; delete a voice (optimistically).
 */
import {
  type ClonedVoice,
  type CloneVoiceBody,
  ConnectionError,
  type DeletedVoice,
  ServerError,
  type VoicesClient,
  type VoicesError,
} from "@noiz-voices/client";
import {
  type QueryClient,
  type UseMutationOptions,
  type UseMutationResult,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { type ListSnapshot, removeFromLists, restoreLists, seedClonedVoice } from "./cache.js";
import { voiceKeys } from "./keys.js";
import { useVoicesClient } from "./provider.js";

/** TanStack Query options `useCloneVoice` and `cloneVoiceMutationOptions` accept; callbacks run after the cache updates; the key is `voiceKeys.clone()`. */
export type UseCloneVoiceOptions<TOnMutateResult = unknown> = Omit<
  UseMutationOptions<ClonedVoice, VoicesError, CloneVoiceBody, TOnMutateResult>,
  "mutationFn" | "mutationKey"
>;

/** What `cloneVoiceMutationOptions` returns: `useMutation` options with the key and the function set. */
export type CloneVoiceMutationOptions<TOnMutateResult = unknown> = UseMutationOptions<
  ClonedVoice,
  VoicesError,
  CloneVoiceBody,
  TOnMutateResult
> &
  Required<
    Pick<UseMutationOptions<ClonedVoice, VoicesError, CloneVoiceBody, TOnMutateResult>, "mutationKey" | "mutationFn">
  >;

/**
 * Options for `useMutation` that clone a voice and keep `queryClient`'s cache right: when the clone
 * may have created a voice, every list is invalidated (awaited, so `isPending` lasts until they are
 * fresh) and the new voice's detail is seeded. Give your callbacks in `options`: spreading your own
 * over the result replaces the cache updates. `queryClient` must be the one `useMutation` runs on.
 */
export function cloneVoiceMutationOptions<TOnMutateResult = unknown>(
  client: VoicesClient,
  queryClient: QueryClient,
  options?: UseCloneVoiceOptions<TOnMutateResult>,
): CloneVoiceMutationOptions<TOnMutateResult> {
  return {
    ...options,
    // Fixed, so useIsMutating / useMutationState / setMutationDefaults can find it by voiceKeys.clone().
    mutationKey: voiceKeys.clone(),
    mutationFn: (body) => client.voices.clone(body),
    onSuccess: async (...args) => {
      const [cloned, body] = args;
      seedClonedVoice(queryClient, cloned, body);
      await options?.onSuccess?.(...args);
    },
    onSettled: async (...args) => {
      const [data, error] = args;
      // A clone is not retried once it may have arrived: a connection lost mid-request or a 5xx
      // after it arrived may still have created the voice, so the lists are refreshed then too.
      const mayHaveCreated =
        data !== undefined ||
        ((error instanceof ConnectionError || error instanceof ServerError) && error.outcomeUnknown === true);
      await Promise.all([
        mayHaveCreated ? queryClient.invalidateQueries({ queryKey: voiceKeys.lists() }) : undefined,
        options?.onSettled?.(...args),
      ]);
    },
  };
}

/**
 * Clones a voice: `mutate({ file, display_name })` or `mutate({ voice_url })`. When it may have
 * created a voice it invalidates every list (awaited, so `isPending` lasts until they are fresh)
 * and seeds the new voice's detail. A `ValidationError` (with `field`) arrives before any request.
 */
export function useCloneVoice<TOnMutateResult = unknown>(
  options?: UseCloneVoiceOptions<TOnMutateResult>,
): UseMutationResult<ClonedVoice, VoicesError, CloneVoiceBody, TOnMutateResult> {
  return useMutation(cloneVoiceMutationOptions(useVoicesClient(), useQueryClient(), options));
}

/** What a voice delete remembers between `mutate` and settling; callbacks receive it as `onMutateResult`. */
export interface DeleteVoiceContext {
  /** The cached lists as they were before the voice was removed from them. */
  readonly previousLists: ListSnapshot;
}

/** TanStack Query options `useDeleteVoice` and `deleteVoiceMutationOptions` accept; `onMutate` is the optimistic removal, the key `voiceKeys.delete()`. */
export type UseDeleteVoiceOptions = Omit<
  UseMutationOptions<DeletedVoice, VoicesError, string, DeleteVoiceContext>,
  "mutationFn" | "mutationKey" | "onMutate"
>;

/** What `deleteVoiceMutationOptions` returns: `useMutation` options with the key, the function and the optimistic removal set. */
export type DeleteVoiceMutationOptions = UseMutationOptions<DeletedVoice, VoicesError, string, DeleteVoiceContext> &
  Required<
    Pick<
      UseMutationOptions<DeletedVoice, VoicesError, string, DeleteVoiceContext>,
      "mutationKey" | "mutationFn" | "onMutate"
    >
  >;

/**
 * Options for `useMutation` that delete a voice by id, optimistically: it disappears from every
 * list cached in `queryClient` at once (paged and infinite), comes back if the delete fails, and
 * the lists are refetched once no other delete is in flight; its detail is dropped. Give your
 * callbacks in `options`: spreading your own over the result replaces the rollback.
 * `queryClient` must be the one `useMutation` runs on.
 */
export function deleteVoiceMutationOptions(
  client: VoicesClient,
  queryClient: QueryClient,
  options?: UseDeleteVoiceOptions,
): DeleteVoiceMutationOptions {
  const mutationKey = voiceKeys.delete();
  return {
    ...options,
    // Fixed: onSettled counts the deletes in flight by this key.
    mutationKey,
    mutationFn: (voice_id) => client.voices.delete(voice_id),
    onMutate: async (voice_id) => {
      // A list fetch already under way would land after the removal and bring the voice back.
      await queryClient.cancelQueries({ queryKey: voiceKeys.lists() });
      return { previousLists: removeFromLists(queryClient, voice_id) };
    },
    onSuccess: async (...args) => {
      const [, voice_id] = args;
      queryClient.removeQueries({ queryKey: voiceKeys.detail(voice_id), exact: true });
      await options?.onSuccess?.(...args);
    },
    onError: async (...args) => {
      const [, voice_id, context] = args;
      if (context) {
        restoreLists(queryClient, context.previousLists);
        // The snapshot predates other deletes still in flight: keep those voices out.
        for (const other of pendingDeletes(queryClient)) if (other !== voice_id) removeFromLists(queryClient, other);
      }
      await options?.onError?.(...args);
    },
    onSettled: async (...args) => {
      // Refetching while another delete is in flight would bring its voice back; the last one refetches.
      const last = queryClient.isMutating({ mutationKey }) <= 1;
      await Promise.all([
        last ? queryClient.invalidateQueries({ queryKey: voiceKeys.lists() }) : undefined,
        options?.onSettled?.(...args),
      ]);
    },
  };
}

/**
 * Deletes a voice by id: `mutate(voice_id)`. It disappears from every cached list at once
 * (paged and infinite), comes back if the delete fails, and the lists are refetched once no
 * other delete is in flight. The deleted voice's detail is dropped from the cache.
 */
export function useDeleteVoice(
  options?: UseDeleteVoiceOptions,
): UseMutationResult<DeletedVoice, VoicesError, string, DeleteVoiceContext> {
  return useMutation(deleteVoiceMutationOptions(useVoicesClient(), useQueryClient(), options));
}

function pendingDeletes(queryClient: QueryClient): string[] {
  return queryClient
    .getMutationCache()
    .findAll({ mutationKey: voiceKeys.delete(), status: "pending" })
    .map((mutation) => mutation.state.variables)
    .filter((id): id is string => typeof id === "string");
}
