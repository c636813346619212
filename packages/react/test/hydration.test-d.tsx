import type { VoiceList, VoicesClient } from "@noiz-voices/client";
import { type DehydratedState, dehydrate, QueryClient } from "@tanstack/react-query";
import { describe, expectTypeOf, it } from "vitest";
import { infiniteVoicesQueryOptions, voiceKeys, voiceQueryOptions, voicesQueryOptions } from "../src/index.js";
import { renderVoicesPage } from "./ssr-example.js";

declare const client: VoicesClient;

describe("prefetching for server rendering", () => {
  it("prefetches with the query options and dehydrates the cache", async () => {
    const queryClient = new QueryClient();
    expectTypeOf(queryClient.prefetchQuery(voicesQueryOptions(client, { limit: 20 }))).toEqualTypeOf<Promise<void>>();
    await queryClient.prefetchQuery(voiceQueryOptions(client, "abc"));
    await queryClient.prefetchInfiniteQuery(infiniteVoicesQueryOptions(client, { limit: 20 }));
    // @ts-expect-error an infinite list is prefetched with prefetchInfiniteQuery
    await queryClient.prefetchQuery(infiniteVoicesQueryOptions(client));
    expectTypeOf(dehydrate(queryClient)).toEqualTypeOf<DehydratedState>();
    expectTypeOf(queryClient.getQueryData(voiceKeys.list({ limit: 20 }))).toEqualTypeOf<VoiceList | undefined>();
  });

  it("the README example renders from a client that the caller passes in", () => {
    expectTypeOf(renderVoicesPage).parameter(0).toEqualTypeOf<VoicesClient>();
    expectTypeOf(renderVoicesPage).returns.resolves.toEqualTypeOf<{ html: string; state: DehydratedState }>();
  });
});
