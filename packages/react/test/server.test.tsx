// @vitest-environment node
// On a server: no DOM, prefetch with the query options, render to a string, hydrate the cache.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dehydrate, HydrationBoundary, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  infiniteVoicesQueryOptions,
  useVoice,
  useVoices,
  VoicesProvider,
  voiceKeys,
  voiceQueryOptions,
  voicesQueryOptions,
} from "../src/index.js";
import { fakeClient } from "./helpers.js";

const packageDir = new URL("..", import.meta.url).pathname;

function VoiceNames() {
  const list = useVoices({ voice_type: "custom" });
  const voice = useVoice("warm-narrator");
  return (
    <p>
      {list.data?.voices.map((v) => v.display_name).join(", ") ?? "loading"} / {voice.data?.labels ?? "loading"}
    </p>
  );
}

describe("on a server", () => {
  it("runs without a DOM", () => {
    expect(typeof window).toBe("undefined");
    expect(typeof document).toBe("undefined");
  });

  it("prefetches with the query options and renders the data to HTML, then hands the cache over", async () => {
    const { client } = fakeClient();
    const serverCache = new QueryClient();
    await Promise.all([
      serverCache.prefetchQuery(voicesQueryOptions(client, { voice_type: "custom" })),
      serverCache.prefetchQuery(voiceQueryOptions(client, "warm-narrator")),
      serverCache.prefetchInfiniteQuery(infiniteVoicesQueryOptions(client, { limit: 1 })),
    ]);
    const state = dehydrate(serverCache);
    expect(state.queries.map((q) => q.queryKey)).toEqual([
      voiceKeys.list({ voice_type: "custom" }),
      voiceKeys.detail("warm-narrator"),
      voiceKeys.infiniteList({ limit: 1 }),
    ]);

    // What a browser would do with the dehydrated state: render from it without fetching.
    const browserCache = new QueryClient();
    const html = renderToString(
      <QueryClientProvider client={browserCache}>
        <VoicesProvider client={client}>
          <HydrationBoundary state={JSON.parse(JSON.stringify(state))}>
            <VoiceNames />
          </HydrationBoundary>
        </VoicesProvider>
      </QueryClientProvider>,
    );
    expect(html.replaceAll("<!-- -->", "")).toContain("<p>Warm Narrator, Podcast Host / warm, narration</p>");
  });

  it("imports the built ESM and CJS files in plain Node, where there is no window", () => {
    const dist = `${packageDir}dist`;
    expect(existsSync(`${dist}/index.js`), "run `pnpm build` first (turbo's test task does)").toBe(true);
    const check = (script: string) =>
      execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: packageDir, encoding: "utf8" });
    const names =
      "['VoicesProvider','useVoicesClient','useVoices','useInfiniteVoices','useVoice','useSuspenseVoices','useSuspenseInfiniteVoices','useSuspenseVoice','useCloneVoice','useDeleteVoice','cloneVoiceMutationOptions','deleteVoiceMutationOptions','voiceKeys','voicesQueryOptions','voiceQueryOptions']";
    const guard = "if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('a DOM');";
    const esm = check(
      `${guard} const m = await import('./dist/index.js'); console.log(${names}.filter(n => !(n in m)).join() || 'ok');`,
    );
    const cjs = check(
      `${guard} import { createRequire } from 'node:module'; const m = createRequire(process.cwd() + '/')('./dist/index.cjs'); console.log(${names}.filter(n => !(n in m)).join() || 'ok');`,
    );
    expect(esm.trim()).toBe("ok");
    expect(cjs.trim()).toBe("ok");
    // Nor does the package's own code reach for browser globals anywhere.
    for (const file of ["index.js", "index.cjs"]) {
      expect(readFileSync(`${dist}/${file}`, "utf8")).not.toMatch(/\b(window|document|localStorage)\b/);
    }
  });
});
