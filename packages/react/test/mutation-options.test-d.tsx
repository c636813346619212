import type { ClonedVoice, CloneVoiceBody, DeletedVoice, VoicesClient, VoicesError } from "@noiz-voices/client";
import { type QueryClient, useMutation } from "@tanstack/react-query";
import { describe, expectTypeOf, it } from "vitest";
import { cloneVoiceMutationOptions, type DeleteVoiceContext, deleteVoiceMutationOptions } from "../src/index.js";

declare const client: VoicesClient;
declare const queryClient: QueryClient;

describe("cloneVoiceMutationOptions", () => {
  it("types useMutation with the clone body, the cloned voice and VoicesError", () => {
    const options = cloneVoiceMutationOptions(client, queryClient);
    expectTypeOf(options.mutationKey).toEqualTypeOf<readonly unknown[]>();
    const clone = useMutation(options);
    expectTypeOf(clone.data).toEqualTypeOf<ClonedVoice | undefined>();
    expectTypeOf(clone.error).toEqualTypeOf<VoicesError | null>();
    expectTypeOf(clone.mutate).parameter(0).toEqualTypeOf<CloneVoiceBody>();
    clone.mutate({ voice_url: "https://example.com/a.wav" });
    // @ts-expect-error file or voice_url is required
    clone.mutate({ display_name: "Me" });
  });

  it("passes the caller's onMutate result to its callbacks, and keeps the key and function its own", () => {
    cloneVoiceMutationOptions(client, queryClient, {
      onMutate: () => ({ startedAt: 1 }),
      onSettled: (data, error, body, onMutateResult) => {
        expectTypeOf(data).toEqualTypeOf<ClonedVoice | undefined>();
        expectTypeOf(error).toEqualTypeOf<VoicesError | null>();
        expectTypeOf(body).toEqualTypeOf<CloneVoiceBody>();
        expectTypeOf(onMutateResult).toEqualTypeOf<{ startedAt: number } | undefined>();
      },
    });
    // @ts-expect-error the key is voiceKeys.clone()
    cloneVoiceMutationOptions(client, queryClient, { mutationKey: ["mine"] });
    // @ts-expect-error the cache updates need the QueryClient the mutation runs on
    cloneVoiceMutationOptions(client);
  });
});

describe("deleteVoiceMutationOptions", () => {
  it("types useMutation with a voice_id, the deleted voice and the rollback context", () => {
    const remove = useMutation(
      deleteVoiceMutationOptions(client, queryClient, {
        onError: (error, voice_id, context) => {
          expectTypeOf(error).toEqualTypeOf<VoicesError>();
          expectTypeOf(voice_id).toEqualTypeOf<string>();
          expectTypeOf(context).toEqualTypeOf<DeleteVoiceContext | undefined>();
        },
      }),
    );
    expectTypeOf(remove.data).toEqualTypeOf<DeletedVoice | undefined>();
    expectTypeOf(remove.context).toEqualTypeOf<DeleteVoiceContext | undefined>();
    remove.mutate("abc123def456");
    // @ts-expect-error a voice_id is a string
    remove.mutate(42);
    // @ts-expect-error onMutate is the optimistic removal
    deleteVoiceMutationOptions(client, queryClient, { onMutate: () => undefined });
  });
});
