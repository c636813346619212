// Server rendering: the README's example (ssr-example.tsx) prefetches on a "server" client on the fake service,
// renders HTML, and a browser tree hydrates that HTML from the dehydrated state without fetching.
import { readFileSync } from "node:fs";
import { act } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { voiceKeys } from "../src/index.js";
import { fakeClient, listRequests } from "./helpers.js";
import { hydrateVoicesPage, renderVoicesPage } from "./ssr-example.js";

const here = (name: string) => new URL(name, import.meta.url);

afterEach(() => {
  vi.useRealTimers();
});

describe("server rendering with prefetchQuery, dehydrate and HydrationBoundary", () => {
  it("hydrates the server's HTML from the dehydrated state with no request from the browser", async () => {
    const server = fakeClient();
    const { html, state } = await renderVoicesPage(server.client);
    expect(listRequests(server.fake)).toHaveLength(1);
    expect(state.queries.map((query) => query.queryKey)).toEqual([voiceKeys.list({ voice_type: "custom", limit: 20 })]);
    expect(html).toBe("<ul><li>Warm Narrator</li><li>Podcast Host</li></ul>");

    // What reaches the browser, half a minute later: the HTML, and the state as JSON. (Within a
    // second TanStack would not refetch a Suspense query anyway: it keeps them fresh for 1 s at least.)
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 30_000);
    const container = document.createElement("div");
    container.innerHTML = html;
    document.body.append(container);
    const serverList = container.querySelector("ul");
    const browser = fakeClient();
    const root = await act(async () => hydrateVoicesPage(container, JSON.parse(JSON.stringify(state)), browser.client));

    expect(browser.signals).toHaveLength(0);
    // Hydrated, not rendered again: React kept the server's nodes (a mismatch would have replaced them).
    expect(container.querySelector("ul")).toBe(serverList);
    expect(container.innerHTML).toBe(html);
    act(() => root.unmount());
    container.remove();
  });

  it("is the README's example to the letter", () => {
    const source = readFileSync(here("./ssr-example.tsx"), "utf8");
    const example = /\/\/ #region readme\n([\s\S]*?)\/\/ #endregion readme/.exec(source)?.[1];
    expect(example).toBeDefined();
    const readme = readFileSync(here("../README.md"), "utf8");
    expect(readme).toContain(`\`\`\`tsx\n${example?.replace('"../src/index.js"', '"@noiz-voices/react"')}\`\`\``);
  });
});
