/** The query hooks: one page, an infinite list, one voice; each also as a Suspense hook. */
import type { ListVoicesParams, Voice, VoiceList, VoicesError } from "@noiz-voices/client";
import {
  type InfiniteData,
  type UseInfiniteQueryOptions,
  type UseInfiniteQueryResult,
  type UseQueryOptions,
  type UseQueryResult,
  type UseSuspenseInfiniteQueryOptions,
  type UseSuspenseInfiniteQueryResult,
  type UseSuspenseQueryOptions,
  type UseSuspenseQueryResult,
  useInfiniteQuery,
  useQuery,
  useSuspenseInfiniteQuery,
  useSuspenseQuery,
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

// The caller's options sit between the package's default (`retry: false`, see options.ts) and
// what the hook owns (the key, the query function and, for infinite lists, the paging).
function withOptions<TOwned extends { retry?: unknown }, TOptions>(
  owned: TOwned,
  options: TOptions | undefined,
): TOwned & TOptions {
  const { retry, ...rest } = owned;
  return { retry, ...options, ...rest } as TOwned & TOptions;
}

/** One page of voices (`skip` is the page number). Errors are the client's `VoicesError` subclasses. */
export function useVoices<TData = VoiceList>(
  params?: ListVoicesParams,
  options?: UseVoicesOptions<TData>,
): UseQueryResult<TData, VoicesError> {
  return useQuery<VoiceList, VoicesError, TData, VoiceListKey>(
    withOptions(voicesQueryOptions(useVoicesClient(), params), options),
  );
}

/**
 * Every page of a list, one "load more" at a time: `fetchNextPage()` asks for the next `skip`,
 * and `hasNextPage` turns false once `total_count` voices have been fetched.
 */
export function useInfiniteVoices<TData = InfiniteData<VoiceList, number>>(
  params?: InfiniteVoicesParams,
  options?: UseInfiniteVoicesOptions<TData>,
): UseInfiniteQueryResult<TData, VoicesError> {
  return useInfiniteQuery<VoiceList, VoicesError, TData, InfiniteVoiceListKey, number>(
    withOptions(infiniteVoicesQueryOptions(useVoicesClient(), params), options),
  );
}

/** One voice's details; it does not fetch while `voice_id` is empty, `null` or `undefined`. */
export function useVoice<TData = Voice>(
  voice_id: string | null | undefined,
  options?: UseVoiceOptions<TData>,
): UseQueryResult<TData, VoicesError> {
  const id = voice_id ?? "";
  return useQuery<Voice, VoicesError, TData, VoiceDetailKey>({
    ...withOptions(voiceQueryOptions(useVoicesClient(), id), options),
    // An explicit refetch() with no id still runs, and fails with the client's ValidationError.
    enabled: id === "" ? false : (options?.enabled ?? true),
  });
}

/** TanStack Query options `useSuspenseVoices` accepts (everything but the key and the query function). */
export type UseSuspenseVoicesOptions<TData = VoiceList> = Omit<
  UseSuspenseQueryOptions<VoiceList, VoicesError, TData, VoiceListKey>,
  "queryKey" | "queryFn"
>;

/** TanStack Query options `useSuspenseVoice` accepts (everything but the key and the query function). */
export type UseSuspenseVoiceOptions<TData = Voice> = Omit<
  UseSuspenseQueryOptions<Voice, VoicesError, TData, VoiceDetailKey>,
  "queryKey" | "queryFn"
>;

/** TanStack Query options `useSuspenseInfiniteVoices` accepts (everything but the key, the query function and the paging). */
export type UseSuspenseInfiniteVoicesOptions<TData = InfiniteData<VoiceList, number>> = Omit<
  UseSuspenseInfiniteQueryOptions<VoiceList, VoicesError, TData, InfiniteVoiceListKey, number>,
  "queryKey" | "queryFn" | "initialPageParam" | "getNextPageParam" | "getPreviousPageParam"
>;

/**
 * `useVoices` for Suspense: suspends until the page is loaded, so `data` is always defined; an error
 * goes to the nearest error boundary. Same key as `useVoices`, so prefetched or hydrated pages render at once.
 */
export function useSuspenseVoices<TData = VoiceList>(
  params?: ListVoicesParams,
  options?: UseSuspenseVoicesOptions<TData>,
): UseSuspenseQueryResult<TData, VoicesError> {
  return useSuspenseQuery<VoiceList, VoicesError, TData, VoiceListKey>(
    withOptions(voicesQueryOptions(useVoicesClient(), params), options),
  );
}

/**
 * `useInfiniteVoices` for Suspense: suspends until the first page is loaded; later pages load with
 * `fetchNextPage()` without suspending again.
 */
export function useSuspenseInfiniteVoices<TData = InfiniteData<VoiceList, number>>(
  params?: InfiniteVoicesParams,
  options?: UseSuspenseInfiniteVoicesOptions<TData>,
): UseSuspenseInfiniteQueryResult<TData, VoicesError> {
  return useSuspenseInfiniteQuery<VoiceList, VoicesError, TData, InfiniteVoiceListKey, number>(
    withOptions(infiniteVoicesQueryOptions(useVoicesClient(), params), options),
  );
}

/**
 * `useVoice` for Suspense: suspends until the voice is loaded. A Suspense query cannot wait for an
 * id, so `voice_id` is required: render this only once you have one (an empty id reaches the error
 * boundary as the client's `ValidationError`).
 */
export function useSuspenseVoice<TData = Voice>(
  voice_id: string,
  options?: UseSuspenseVoiceOptions<TData>,
): UseSuspenseQueryResult<TData, VoicesError> {
  return useSuspenseQuery<Voice, VoicesError, TData, VoiceDetailKey>(
    withOptions(voiceQueryOptions(useVoicesClient(), voice_id), options),
  );
}
