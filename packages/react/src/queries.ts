/** The query hooks: one page, an infinite list, one voice. */
import type { ListVoicesParams, Voice, VoiceList, VoicesError } from "@noiz-voices/client";
import {
  type InfiniteData,
  type UseInfiniteQueryOptions,
  type UseInfiniteQueryResult,
  type UseQueryOptions,
  type UseQueryResult,
  useInfiniteQuery,
  useQuery,
} from "@tanstack/react-query";
import type { InfiniteVoiceListKey, InfiniteVoicesParams, VoiceDetailKey, VoiceListKey } from "./keys.js";
import { infiniteVoicesQueryOptions, voiceQueryOptions, voicesQueryOptions } from "./options.js";
import { useVoicesClient } from "./provider.js";

/** TanStack Query options `useVoices` accepts (everything but the key and the query function). */
export type UseVoicesOptions<TData = VoiceList> = Omit<
  UseQueryOptions<VoiceList, VoicesError, TData, VoiceListKey>,
  "queryKey" | "queryFn"
>;

/** TanStack Query options `useVoice` accepts (everything but the key and the query function). */
export type UseVoiceOptions<TData = Voice> = Omit<
  UseQueryOptions<Voice, VoicesError, TData, VoiceDetailKey>,
  "queryKey" | "queryFn"
>;

/** TanStack Query options `useInfiniteVoices` accepts (everything but the key, the query function and the paging). */
export type UseInfiniteVoicesOptions<TData = InfiniteData<VoiceList, number>> = Omit<
  UseInfiniteQueryOptions<VoiceList, VoicesError, TData, InfiniteVoiceListKey, number>,
  "queryKey" | "queryFn" | "initialPageParam" | "getNextPageParam" | "getPreviousPageParam"
>;

/** One page of voices (`skip` is the page number). Errors are the client's `VoicesError` subclasses. */
export function useVoices<TData = VoiceList>(
  params?: ListVoicesParams,
  options?: UseVoicesOptions<TData>,
): UseQueryResult<TData, VoicesError> {
  const { queryKey, queryFn, retry } = voicesQueryOptions(useVoicesClient(), params);
  return useQuery<VoiceList, VoicesError, TData, VoiceListKey>({ retry, ...options, queryKey, queryFn });
}

/**
 * Every page of a list, one "load more" at a time: `fetchNextPage()` asks for the next `skip`,
 * and `hasNextPage` turns false once `total_count` voices have been fetched.
 */
export function useInfiniteVoices<TData = InfiniteData<VoiceList, number>>(
  params?: InfiniteVoicesParams,
  options?: UseInfiniteVoicesOptions<TData>,
): UseInfiniteQueryResult<TData, VoicesError> {
  const { queryKey, queryFn, retry, initialPageParam, getNextPageParam, getPreviousPageParam } =
    infiniteVoicesQueryOptions(useVoicesClient(), params);
  return useInfiniteQuery<VoiceList, VoicesError, TData, InfiniteVoiceListKey, number>({
    retry,
    ...options,
    queryKey,
    queryFn,
    initialPageParam,
    getNextPageParam,
    getPreviousPageParam,
  });
}

/** One voice's details; it does not fetch while `voice_id` is empty, `null` or `undefined`. */
export function useVoice<TData = Voice>(
  voice_id: string | null | undefined,
  options?: UseVoiceOptions<TData>,
): UseQueryResult<TData, VoicesError> {
  const id = voice_id ?? "";
  const { queryKey, queryFn, retry } = voiceQueryOptions(useVoicesClient(), id);
  return useQuery<Voice, VoicesError, TData, VoiceDetailKey>({
    retry,
    ...options,
    queryKey,
    queryFn,
    // An explicit refetch() with no id still runs, and fails with the client's ValidationError.
    enabled: id === "" ? false : (options?.enabled ?? true),
  });
}
