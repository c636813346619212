import { createVoicesClient } from "@noiz-voices/client";
import { VoicesProvider } from "@noiz-voices/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import "./styles.css";

// The page calls its own backend (/api on this origin), never the service directly: the backend
// adds the real API key, so no key is ever in this bundle, and the client needs none. See README.md.
const client = createVoicesClient({ baseUrl: new URL("/api", window.location.origin).href });

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000 } },
});

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <VoicesProvider client={client}>
        <App />
      </VoicesProvider>
    </QueryClientProvider>
  </StrictMode>,
);
