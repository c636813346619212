/** VoicesProvider and useVoicesClient: hands one VoicesClient to the hooks below it. */
import { type VoicesClient, VoicesError } from "@noiz-voices/client";
import * as React from "react";

// Created on first use, not at import: React's server build (React Server Components) has no
// createContext, and importing this package there for voicesQueryOptions must not throw.
// The value when no provider is above; a provider given no client holds `undefined` or `null`.
const NO_PROVIDER = Symbol("no VoicesProvider");
let VoicesContext: React.Context<VoicesClient | null | undefined | typeof NO_PROVIDER> | undefined;
function voicesContext(): React.Context<VoicesClient | null | undefined | typeof NO_PROVIDER> {
  VoicesContext ??= React.createContext<VoicesClient | null | undefined | typeof NO_PROVIDER>(NO_PROVIDER);
  return VoicesContext;
}

/** Props of `VoicesProvider`. */
export interface VoicesProviderProps {
  /** The client the hooks call, from `createVoicesClient()`; the provider never sees or stores an API key itself. */
  client: VoicesClient;
  /** The part of the app that uses the hooks. */
  children?: React.ReactNode;
}

/**
 * Makes `client` available to the voices hooks below it. Put it inside TanStack Query's
 * `QueryClientProvider`: the hooks cache through that QueryClient.
 */
export function VoicesProvider({ client, children }: VoicesProviderProps): React.JSX.Element {
  const Context = voicesContext();
  return <Context.Provider value={client}>{children}</Context.Provider>;
}

/** Returns the client of the nearest `VoicesProvider`; throws a `VoicesError` when there is none, or it holds no client. */
export function useVoicesClient(): VoicesClient {
  const client = React.useContext(voicesContext());
  if (client === undefined || client === null) {
    throw new VoicesError(
      "<VoicesProvider> got no client: pass the one createVoicesClient(…) made, as <VoicesProvider client={client}>.",
    );
  }
  if (client === NO_PROVIDER) {
    throw new VoicesError(
      "useVoicesClient() found no VoicesProvider: wrap your app in <VoicesProvider client={createVoicesClient(…)}> " +
        "inside TanStack Query's <QueryClientProvider>.",
    );
  }
  return client;
}
