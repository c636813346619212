/**
 * Query options for prefetching, SSR and `useSuspenseQuery`; the hooks are built on them.
 * No React here: safe to call on a server.
 */
import type { ListVoicesParams, Voice, VoiceList, VoicesClient, VoicesError } from "@noiz-voices/client";
import {
  type InfiniteData,
  infiniteQueryOptions,
  type QueryKeyWithDataTag,
  queryOptions,
  type UnusedSkipTokenInfiniteOptions,
  type UnusedSkipTokenOptions,
} from "@tanstack/react-query";
import {
  type InfiniteVoiceListKey,
  type InfiniteVoicesParams,
  type VoiceDetailKey,
  type VoiceListKey,
  voiceKeys,
} from "./keys.js";

/** The service's page size when `limit` is not given (the spec's default). */
export const DEFAULT_PAGE_SIZE = 10;

// The client already retries what is worth retrying (network errors, 408/409/429/5xx, with
// backoff and Retry-After); TanStack's own default of 3 more tries would multiply those and
// also repeat 400/401/404s and ValidationErrors that cannot succeed. Callers can still set `retry`.
const retry = false;

// Explicit return types keep TanStack's data-tag symbols named in the emitted .d.ts
// (inferred ones inline them, and the bundled declarations then lack their import).

/** What `voicesQueryOptions` returns: query options whose key carries the data and error types. */
export type VoicesQueryOptions = UnusedSkipTokenOptions<VoiceList, VoicesError, VoiceList, VoiceListKey> &
  QueryKeyWithDataTag<VoiceListKey, VoiceList, VoicesError>;

/** What `voiceQueryOptions` returns. */
export type VoiceQueryOptions = UnusedSkipTokenOptions<Voice, VoicesError, Voice, VoiceDetailKey> &
  QueryKeyWithDataTag<VoiceDetailKey, Voice, VoicesError>;

/** What `infiniteVoicesQueryOptions` returns. */
export type InfiniteVoicesQueryOptions = UnusedSkipTokenInfiniteOptions<
  VoiceList,
  VoicesError,
  InfiniteData<VoiceList, number>,
  InfiniteVoiceListKey,
  number
> &
  QueryKeyWithDataTag<InfiniteVoiceListKey, InfiniteData<VoiceList>, VoicesError>;

/** Options for one page of voices: `useQuery(voicesQueryOptions(client, params))`, `prefetchQuery`, `useSuspenseQuery`. */
export function voicesQueryOptions(client: VoicesClient, params?: ListVoicesParams): VoicesQueryOptions {
  const queryKey = voiceKeys.list(params);
  const query = queryKey[3];
  return queryOptions<VoiceList, VoicesError, VoiceList, VoiceListKey>({
    queryKey,
    queryFn: ({ signal }) => client.voices.list(query, { signal }),
    retry,
  });
}

/** Options for one voice's details by `voice_id`: `useSuspenseQuery(voiceQueryOptions(client, id))`, `prefetchQuery`. */
export function voiceQueryOptions(client: VoicesClient, voice_id: string): VoiceQueryOptions {
  return queryOptions<Voice, VoicesError, Voice, VoiceDetailKey>({
    queryKey: voiceKeys.detail(voice_id),
    queryFn: ({ signal }) => client.voices.get(voice_id, { signal }),
    retry,
  });
}

/** The page after `lastPageParam`, or `undefined` once `total_count` says every voice has been fetched. */
export function nextVoicesPage(lastPage: VoiceList, lastPageParam: number, limit?: number): number | undefined {
  const pageSize = limit ?? DEFAULT_PAGE_SIZE;
  const next = lastPageParam + 1;
  // An empty page also ends the list: the service may have fewer voices than its count said.
  return lastPage.voices.length > 0 && next * pageSize < lastPage.total_count ? next : undefined;
}

/**
 * Options for an infinite list that pages by `skip` (a page number, from 0):
 * `useInfiniteQuery`, `prefetchInfiniteQuery`, `useSuspenseInfiniteQuery`.
 */
export function infiniteVoicesQueryOptions(
  client: VoicesClient,
  params?: InfiniteVoicesParams,
): InfiniteVoicesQueryOptions {
  // `skip` is the page parameter here; one passed in anyway (untyped callers) is ignored.
  const { skip: _ignored, ...filters } = { ...params } as ListVoicesParams;
  const queryKey = voiceKeys.infiniteList(filters);
  return infiniteQueryOptions<VoiceList, VoicesError, InfiniteData<VoiceList, number>, InfiniteVoiceListKey, number>({
    queryKey,
    queryFn: ({ pageParam, signal }) => client.voices.list({ ...filters, skip: pageParam }, { signal }),
    initialPageParam: 0,
    getNextPageParam: (lastPage, _pages, lastPageParam) => nextVoicesPage(lastPage, lastPageParam, filters.limit),
    getPreviousPageParam: (_firstPage, _pages, firstPageParam) => (firstPageParam > 0 ? firstPageParam - 1 : undefined),
    retry,
  });
}
