// consumer-deps: react@19.3.1 react-dom@19.3.1 @tanstack/react-query@5.108.0 @types/react@19.3.0 @types/react-dom@19.3.0
// The consumer smoke test's program for @noiz-voices/react: the query options through a real
// QueryClient against the Prism mock, then every hook rendered on the server from that cache.
import { createVoicesClient, type Voice, type VoiceList } from "@noiz-voices/client";
import {
  cloneVoiceMutationOptions,
  DEFAULT_PAGE_SIZE,
  deleteVoiceMutationOptions,
  infiniteVoicesQueryOptions,
  nextVoicesPage,
  useCloneVoice,
  useDeleteVoice,
  useInfiniteVoices,
  useSuspenseInfiniteVoices,
  useSuspenseVoice,
  useSuspenseVoices,
  useVoice,
  useVoices,
  useVoicesClient,
  VoicesProvider,
  voiceKeys,
  voiceQueryOptions,
  voicesQueryOptions,
} from "@noiz-voices/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToString } from "react-dom/server";

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
}

function Probe({ voiceId }: { voiceId: string }) {
  const client = useVoicesClient();
  const page = useVoices({ limit: DEFAULT_PAGE_SIZE });
  const voice = useVoice(voiceId);
  const infinite = useInfiniteVoices({ limit: DEFAULT_PAGE_SIZE });
  const clone = useCloneVoice();
  const remove = useDeleteVoice();
  const name: string | undefined = voice.data?.display_name;
  // The Suspense hooks read the same cache entries: filled, so nothing suspends.
  const suspended = useSuspenseVoices({ limit: DEFAULT_PAGE_SIZE }).data.total_count;
  const suspendedName: string = useSuspenseVoice(voiceId).data.display_name;
  const suspendedPages = useSuspenseInfiniteVoices({ limit: DEFAULT_PAGE_SIZE }).data.pages.length;
  return (
    <p>
      {typeof client.voices.get === "function" ? "client" : "none"}|{page.data?.total_count}|{name}|
      {infinite.data?.pages.length}|{clone.status}|{remove.status}|{suspended}|{suspendedName}|{suspendedPages}
    </p>
  );
}

/** Fetches through the query options, then renders every hook from the filled cache. */
export async function run(baseUrl: string): Promise<string[]> {
  const client = createVoicesClient({ apiKey: "consumer-key", baseUrl, maxRetries: 0 });
  const queryClient = new QueryClient();
  const page: VoiceList = await queryClient.fetchQuery(voicesQueryOptions(client, { limit: DEFAULT_PAGE_SIZE }));
  const first = page.voices[0];
  check(first !== undefined, "voicesQueryOptions fetched a page");
  const voice: Voice = await queryClient.fetchQuery(voiceQueryOptions(client, first.voice_id));
  check(queryClient.getQueryData(voiceKeys.detail(first.voice_id))?.voice_id === voice.voice_id, "voiceKeys.detail");
  const infinite = await queryClient.fetchInfiniteQuery(
    infiniteVoicesQueryOptions(client, { limit: DEFAULT_PAGE_SIZE }),
  );
  check(infinite.pages.length === 1, "infiniteVoicesQueryOptions fetched the first page");
  check(nextVoicesPage(page, 0, DEFAULT_PAGE_SIZE) === undefined, "nextVoicesPage: one page only");
  // The mutation options, as a plain useMutation or mutation defaults (offline resume) take them.
  queryClient.setMutationDefaults(voiceKeys.clone(), cloneVoiceMutationOptions(client, queryClient));
  const remove = deleteVoiceMutationOptions(client, queryClient);
  check(typeof remove.mutationFn === "function" && typeof remove.onMutate === "function", "deleteVoiceMutationOptions");

  const html = renderToString(
    <QueryClientProvider client={queryClient}>
      <VoicesProvider client={client}>
        <Probe voiceId={first.voice_id} />
      </VoicesProvider>
    </QueryClientProvider>,
  );
  check(html.includes(voice.display_name), "the hooks rendered the cached voice");
  check(html.includes("idle"), "the mutation hooks rendered");

  // Misuse the types must reject (strict mode).
  // @ts-expect-error voice_type is an enum
  void (() => voicesQueryOptions(client, { voice_type: "everything" }));
  return [`react: ${page.total_count} voice(s), ${voice.voice_id}`, "render: ok"];
}
