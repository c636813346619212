import type { Voice, VoiceList, VoicesError } from "@noiz-voices/client";
import type { InfiniteData } from "@tanstack/react-query";
import { describe, expectTypeOf, it } from "vitest";
import {
  type UseSuspenseVoicesOptions,
  useSuspenseInfiniteVoices,
  useSuspenseVoice,
  useSuspenseVoices,
} from "../src/index.js";

describe("useSuspenseVoices", () => {
  it("types data as always defined and errors as VoicesError", () => {
    const result = useSuspenseVoices({ voice_type: "built-in", keyword: "calm", limit: 20 });
    expectTypeOf(result.data).toEqualTypeOf<VoiceList>();
    expectTypeOf(result.error).toEqualTypeOf<VoicesError | null>();
    expectTypeOf(useSuspenseVoices().data).toEqualTypeOf<VoiceList>();
  });

  it("checks params, takes select, and owns the key, the function and suspense-only settings", () => {
    expectTypeOf(useSuspenseVoices({}, { select: (page) => page.total_count }).data).toEqualTypeOf<number>();
    // @ts-expect-error voice_type is custom or built-in
    useSuspenseVoices({ voice_type: "system" });
    // @ts-expect-error the key is the hook's
    useSuspenseVoices({}, { queryKey: ["x"] });
    // @ts-expect-error a Suspense query cannot be disabled
    useSuspenseVoices({}, { enabled: false });
    // @ts-expect-error nor show placeholder data: it suspends instead
    useSuspenseVoices({}, { placeholderData: { total_count: 0, voices: [] } });
    expectTypeOf<UseSuspenseVoicesOptions>().not.toHaveProperty("queryFn");
  });
});

describe("useSuspenseVoice", () => {
  it("needs an id and types data as Voice", () => {
    expectTypeOf(useSuspenseVoice("abc").data).toEqualTypeOf<Voice>();
    expectTypeOf(useSuspenseVoice("abc", { select: (voice) => voice.voice_type }).data).toEqualTypeOf<
      Voice["voice_type"]
    >();
    // @ts-expect-error unlike useVoice it cannot wait for an id: render it once you have one
    useSuspenseVoice(null);
    // @ts-expect-error nor undefined
    useSuspenseVoice(undefined);
  });
});

describe("useSuspenseInfiniteVoices", () => {
  it("types pages as always defined and owns skip and the paging", () => {
    const result = useSuspenseInfiniteVoices({ voice_type: "custom", limit: 10 });
    expectTypeOf(result.data).toEqualTypeOf<InfiniteData<VoiceList, number>>();
    expectTypeOf(result.hasNextPage).toEqualTypeOf<boolean>();
    expectTypeOf(result.error).toEqualTypeOf<VoicesError | null>();
    const flat = useSuspenseInfiniteVoices({}, { select: (data) => data.pages.flatMap((page) => page.voices) });
    expectTypeOf(flat.data).toEqualTypeOf<Voice[]>();
    // @ts-expect-error skip is the hook's page parameter
    useSuspenseInfiniteVoices({ skip: 2 });
    // @ts-expect-error the paging is the hook's
    useSuspenseInfiniteVoices({}, { getNextPageParam: () => 1 });
  });
});
