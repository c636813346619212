/** The one query-key factory: every key this package reads or writes comes from here. */
import type { ListVoicesParams, Voice, VoiceList, VoicesError } from "@noiz-voices/client";
import type { DataTag, InfiniteData } from "@tanstack/react-query";

/** Filters of an infinite list: the list's parameters without `skip`, which the hook pages through. */
export type InfiniteVoicesParams = Omit<ListVoicesParams, "skip">;

const root = ["noiz-voices"] as const;

/** The key of one page of voices (`useVoices`), typed with the data it holds. */
export type VoiceListKey = DataTag<readonly ["noiz-voices", "list", "page", ListVoicesParams], VoiceList, VoicesError>;
/** The key of an infinite list (`useInfiniteVoices`), typed with the data it holds. */
export type InfiniteVoiceListKey = DataTag<
  readonly ["noiz-voices", "list", "infinite", InfiniteVoicesParams],
  InfiniteData<VoiceList, number>,
  VoicesError
>;
/** The key of one voice's details (`useVoice`), typed with the data it holds. */
export type VoiceDetailKey = DataTag<readonly ["noiz-voices", "detail", string], Voice, VoicesError>;

// A copy, so a caller mutating its params object later cannot change a key already in the cache.
const copy = <T extends object>(params: T | undefined): T => ({ ...params }) as T;

/**
 * Query and mutation keys. Prefixes match everything below them:
 * `invalidateQueries({ queryKey: voiceKeys.lists() })` refreshes every list, paged or infinite.
 */
export const voiceKeys = {
  /** Everything this package caches. */
  all: root,
  /** Every list of voices, paged (`useVoices`) and infinite (`useInfiniteVoices`). */
  lists: () => [...root, "list"] as const,
  /** One page of voices for these parameters. */
  list: (params?: ListVoicesParams) => [...root, "list", "page", copy(params)] as const as VoiceListKey,
  /** Every infinite list. */
  infiniteLists: () => [...root, "list", "infinite"] as const,
  /** The infinite list for these filters. */
  infiniteList: (params?: InfiniteVoicesParams) =>
    [...root, "list", "infinite", copy(params)] as const as InfiniteVoiceListKey,
  /** Every voice's details. */
  details: () => [...root, "detail"] as const,
  /** One voice's details. */
  detail: (voice_id: string) => [...root, "detail", voice_id] as const as VoiceDetailKey,
  /** The mutation key of `useCloneVoice` (for `useIsMutating`, `useMutationState`, mutation defaults). */
  clone: () => [...root, "clone"] as const,
  /** The mutation key of `useDeleteVoice`. */
  delete: () => [...root, "delete"] as const,
};
