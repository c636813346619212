// The README's "Server rendering" example: the part between the region markers is the README's code
// block to the letter, but for the import of "../src/index.js" that the README spells "@noiz-voices/react"
// (hydration.test.tsx checks it): the example users copy is the one tested.
// biome-ignore-all assist/source/organizeImports: the imports keep the README's order, where this one is "@noiz-voices/react".
// #region readme
import type { VoicesClient } from "@noiz-voices/client";
import { useSuspenseVoices, VoicesProvider, voicesQueryOptions } from "../src/index.js";
import {
  type DehydratedState,
  dehydrate,
  HydrationBoundary,
  QueryClient,
  QueryClientProvider,
} from "@tanstack/react-query";
import { hydrateRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";

const params = { voice_type: "custom", limit: 20 } as const;

function Voices() {
  // Suspends only while the cache has no data: after the prefetch it renders at once.
  const { data } = useSuspenseVoices(params);
  return (
    <ul>
      {data.voices.map((voice) => (
        <li key={voice.voice_id}>{voice.display_name}</li>
      ))}
    </ul>
  );
}

function Page(props: { client: VoicesClient; queryClient: QueryClient; state: DehydratedState }) {
  return (
    <QueryClientProvider client={props.queryClient}>
      <VoicesProvider client={props.client}>
        <HydrationBoundary state={props.state}>
          <Voices />
        </HydrationBoundary>
      </VoicesProvider>
    </QueryClientProvider>
  );
}

// On the server, with a client that holds the key: fetch first, then render with the data. Send
// `state` with the HTML (as JSON with `<` escaped) for the browser to hydrate from.
export async function renderVoicesPage(client: VoicesClient): Promise<{ html: string; state: DehydratedState }> {
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery(voicesQueryOptions(client, params));
  const state = dehydrate(queryClient);
  return { html: renderToString(<Page client={client} queryClient={queryClient} state={state} />), state };
}

// In the browser, with a client that calls your backend: the same tree over the same state. A
// staleTime keeps the hydrated data fresh; with TanStack's default of 0 every query refetches on mount.
export function hydrateVoicesPage(container: Element, state: DehydratedState, client: VoicesClient): Root {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 60_000 } } });
  return hydrateRoot(container, <Page client={client} queryClient={queryClient} state={state} />);
}
// #endregion readme
