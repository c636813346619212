import type {
  ClonedVoice,
  DeletedVoice,
  ValidationError,
  Voice,
  VoiceList,
  VoicesClient,
  VoicesError,
} from "@noiz-voices/client";
import {
  type InfiniteData,
  QueryClient,
  useQuery,
  useSuspenseInfiniteQuery,
  useSuspenseQuery,
} from "@tanstack/react-query";
import { describe, expectTypeOf, it } from "vitest";
import {
  type DeleteVoiceContext,
  infiniteVoicesQueryOptions,
  useCloneVoice,
  useDeleteVoice,
  useInfiniteVoices,
  useVoice,
  useVoices,
  useVoicesClient,
  VoicesProvider,
  voiceKeys,
  voiceQueryOptions,
  voicesQueryOptions,
} from "../src/index.js";

declare const client: VoicesClient;

describe("VoicesProvider / useVoicesClient", () => {
  it("requires a client and returns it", () => {
    expectTypeOf(useVoicesClient()).toEqualTypeOf<VoicesClient>();
    <VoicesProvider client={client}>app</VoicesProvider>;
    // @ts-expect-error the provider handles no API key: it takes a client
    <VoicesProvider apiKey="k">app</VoicesProvider>;
  });
});

describe("useVoices", () => {
  it("types data as VoiceList and errors as VoicesError", () => {
    const result = useVoices({ voice_type: "built-in", keyword: "calm", skip: 0, limit: 20 });
    expectTypeOf(result.data).toEqualTypeOf<VoiceList | undefined>();
    expectTypeOf(result.error).toEqualTypeOf<VoicesError | null>();
    if (result.isSuccess) expectTypeOf(result.data).toEqualTypeOf<VoiceList>();
  });

  it("checks the params against the spec", () => {
    // @ts-expect-error voice_type is custom or built-in
    useVoices({ voice_type: "system" });
    // @ts-expect-error skip is a page number
    useVoices({ skip: "1" });
  });

  it("takes TanStack options, select changing the data type", () => {
    const ids = useVoices({}, { select: (page) => page.voices.map((v) => v.voice_id), staleTime: 5_000 });
    expectTypeOf(ids.data).toEqualTypeOf<string[] | undefined>();
    // @ts-expect-error the key and the query function are the hook's
    useVoices({}, { queryKey: ["x"] });
  });
});

describe("useInfiniteVoices", () => {
  it("types pages of VoiceList with number page params, and owns skip", () => {
    const result = useInfiniteVoices({ voice_type: "custom", limit: 10 });
    expectTypeOf(result.data).toEqualTypeOf<InfiniteData<VoiceList, number> | undefined>();
    expectTypeOf(result.error).toEqualTypeOf<VoicesError | null>();
    expectTypeOf(result.hasNextPage).toEqualTypeOf<boolean>();
    // @ts-expect-error skip is the hook's page parameter
    useInfiniteVoices({ skip: 2 });
    // @ts-expect-error the paging is the hook's
    useInfiniteVoices({}, { getNextPageParam: () => 1 });
    const flat = useInfiniteVoices({}, { select: (data) => data.pages.flatMap((page) => page.voices) });
    expectTypeOf(flat.data).toEqualTypeOf<Voice[] | undefined>();
  });
});

describe("useVoice", () => {
  it("takes an id that may be missing and types data as Voice", () => {
    expectTypeOf(useVoice("abc").data).toEqualTypeOf<Voice | undefined>();
    useVoice(null);
    useVoice(undefined);
    expectTypeOf(useVoice("abc", { select: (voice) => voice.display_name }).data).toEqualTypeOf<string | undefined>();
    // @ts-expect-error a voice_id is a string
    useVoice(42);
  });
});

describe("useCloneVoice", () => {
  it("takes a clone body and resolves to the cloned voice", () => {
    const clone = useCloneVoice();
    expectTypeOf(clone.mutateAsync).parameter(0).toEqualTypeOf<Parameters<VoicesClient["voices"]["clone"]>[0]>();
    expectTypeOf(clone.data).toEqualTypeOf<ClonedVoice | undefined>();
    expectTypeOf(clone.error).toEqualTypeOf<VoicesError | null>();
    clone.mutate({ file: new Blob(), display_name: "Me", denoise: true, language: "en" });
    clone.mutate({ voice_url: "https://example.com/a.wav" });
    // @ts-expect-error file or voice_url is required
    clone.mutate({ display_name: "Me" });
    // @ts-expect-error denoise is a boolean
    clone.mutate({ voice_url: "https://example.com/a.wav", denoise: "yes" });
  });

  it("narrows a ValidationError to its field", () => {
    const { error } = useCloneVoice();
    if (error && error.name === "ValidationError") {
      expectTypeOf((error as ValidationError).field).toEqualTypeOf<string>();
    }
  });

  it("passes the caller's onMutate result to its callbacks", () => {
    useCloneVoice({
      onMutate: () => ({ startedAt: 1 }),
      onSuccess: (data, body, onMutateResult) => {
        expectTypeOf(data).toEqualTypeOf<ClonedVoice>();
        expectTypeOf(body.display_name).toEqualTypeOf<string | undefined>();
        expectTypeOf(onMutateResult).toEqualTypeOf<{ startedAt: number }>();
      },
    });
  });
});

describe("useDeleteVoice", () => {
  it("takes a voice_id and resolves to the deleted voice", () => {
    const remove = useDeleteVoice({
      onError: (error, voice_id, context) => {
        expectTypeOf(error).toEqualTypeOf<VoicesError>();
        expectTypeOf(voice_id).toEqualTypeOf<string>();
        expectTypeOf(context).toEqualTypeOf<DeleteVoiceContext | undefined>();
      },
    });
    expectTypeOf(remove.data).toEqualTypeOf<DeletedVoice | undefined>();
    remove.mutate("abc123def456");
    // @ts-expect-error a voice_id is a string
    remove.mutate(42);
    // @ts-expect-error onMutate is the hook's own: the optimistic removal
    useDeleteVoice({ onMutate: () => undefined });
    // @ts-expect-error the key is the hook's: voiceKeys.delete()
    useDeleteVoice({ mutationKey: ["mine"] });
  });
});

describe("voiceKeys and query options", () => {
  it("types the cache through the keys", () => {
    const queryClient = new QueryClient();
    expectTypeOf(queryClient.getQueryData(voiceKeys.detail("abc"))).toEqualTypeOf<Voice | undefined>();
    expectTypeOf(queryClient.getQueryData(voiceKeys.list({ keyword: "a" }))).toEqualTypeOf<VoiceList | undefined>();
    expectTypeOf(queryClient.getQueryData(voiceKeys.infiniteList({}))).toEqualTypeOf<
      InfiniteData<VoiceList, number> | undefined
    >();
    // @ts-expect-error a detail holds a Voice, not a list
    queryClient.setQueryData(voiceKeys.detail("abc"), { total_count: 0, voices: [] });
  });

  it("feed useSuspenseQuery, useQuery and prefetching", async () => {
    expectTypeOf(useSuspenseQuery(voicesQueryOptions(client, { limit: 5 })).data).toEqualTypeOf<VoiceList>();
    expectTypeOf(useSuspenseQuery(voiceQueryOptions(client, "abc")).data).toEqualTypeOf<Voice>();
    expectTypeOf(useQuery(voiceQueryOptions(client, "abc")).error).toEqualTypeOf<VoicesError | null>();
    expectTypeOf(useSuspenseInfiniteQuery(infiniteVoicesQueryOptions(client)).data.pages).toEqualTypeOf<VoiceList[]>();
    const queryClient = new QueryClient();
    expectTypeOf(await queryClient.fetchQuery(voicesQueryOptions(client))).toEqualTypeOf<VoiceList>();
  });
});
