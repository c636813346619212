// The Suspense hooks on the fake service: suspend, render with data, errors to the error boundary.
import { NotFoundError, type VoicesError } from "@noiz-voices/client";
import { act, cleanup, render, screen } from "@testing-library/react";
import { Component, type ReactNode, Suspense } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { useSuspenseInfiniteVoices, useSuspenseVoice, useSuspenseVoices, useVoices, voiceKeys } from "../src/index.js";
import {
  deferred,
  type FakeClientOptions,
  fakeClient,
  listRequests,
  providers,
  received,
  testQueryClient,
} from "./helpers.js";

afterEach(cleanup);

class Boundary extends Component<{ children: ReactNode }, { error: VoicesError | null }> {
  override state = { error: null as VoicesError | null };
  static getDerivedStateFromError(error: VoicesError) {
    return { error };
  }
  override render() {
    return this.state.error ? <p>failed: {this.state.error.name}</p> : this.props.children;
  }
}

// The components under test: each reads through one Suspense hook.
function Names() {
  const { data } = useSuspenseVoices({ voice_type: "custom", limit: 5 });
  return <p>{data.voices.map((voice) => voice.display_name).join(", ")}</p>;
}

function Title({ id }: { id: string }) {
  const { data } = useSuspenseVoice(id, { select: (voice) => voice.display_name });
  return <h2>{data}</h2>;
}

function Both() {
  // useVoices fills the cache in the same tree; useSuspenseVoices reads the same key.
  const page = useVoices({ voice_type: "custom", limit: 5 });
  return page.isSuccess ? <Names /> : <p>waiting</p>;
}

// The infinite list's fetchNextPage, for the test to call.
let loadMore: () => Promise<unknown> = async () => undefined;
function List() {
  const list = useSuspenseInfiniteVoices({ voice_type: "custom", limit: 1 });
  loadMore = list.fetchNextPage;
  const names = list.data.pages.flatMap((page) => page.voices.map((voice) => voice.display_name));
  return <p>{`${names.join(", ")}${list.hasNextPage ? " (more)" : ""}`}</p>;
}

function renderSuspended(ui: ReactNode, options: FakeClientOptions = {}) {
  const { client, fake } = fakeClient(options);
  const queryClient = testQueryClient();
  const Providers = providers(client, queryClient);
  // What the boundary caught (React would otherwise log it to the console).
  const caught: unknown[] = [];
  render(
    <Providers>
      <Boundary>
        <Suspense fallback={<p>loading</p>}>{ui}</Suspense>
      </Boundary>
    </Providers>,
    { onCaughtError: (error) => caught.push(error) },
  );
  return { fake, queryClient, caught };
}

describe("useSuspenseVoices", () => {
  it("suspends until the page is loaded, then renders it from the same cache entry as useVoices", async () => {
    const hold = deferred();
    const { fake, queryClient } = renderSuspended(<Names />, { gate: () => hold.promise });
    expect(screen.getByText("loading")).toBeDefined();
    hold.resolve();
    expect(await screen.findByText("Warm Narrator, Podcast Host")).toBeDefined();
    expect(listRequests(fake)).toHaveLength(1);
    expect(queryClient.getQueryData(voiceKeys.list({ voice_type: "custom", limit: 5 }))?.total_count).toBe(2);
  });

  it("renders at once, without a request, when the page is already cached", async () => {
    const { fake } = renderSuspended(<Both />);
    expect(await screen.findByText("Warm Narrator, Podcast Host")).toBeDefined();
    expect(listRequests(fake)).toHaveLength(1);
  });
});

describe("useSuspenseVoice", () => {
  it("suspends until the voice is loaded", async () => {
    const { fake } = renderSuspended(<Title id="podcast-host" />);
    expect(screen.getByText("loading")).toBeDefined();
    expect(await screen.findByRole("heading", { name: "Podcast Host" })).toBeDefined();
    expect(received(fake)).toEqual(["GET /voices/podcast-host 200"]);
  });

  it("sends a typed error to the error boundary, without a TanStack retry", async () => {
    const { fake, caught } = renderSuspended(<Title id="gone" />);
    expect(await screen.findByText("failed: NotFoundError")).toBeDefined();
    expect(caught).toHaveLength(1);
    expect(caught[0]).toBeInstanceOf(NotFoundError);
    expect((caught[0] as NotFoundError).message).toMatch(/voice not found/);
    expect(received(fake)).toEqual(["GET /voices/gone 404"]);
  });
});

describe("useSuspenseInfiniteVoices", () => {
  it("suspends for the first page only; the next page loads while the list stays on screen", async () => {
    const { fake } = renderSuspended(<List />);
    expect(screen.getByText("loading")).toBeDefined();
    // Two custom voices, one a page: two pages.
    expect(await screen.findByText("Warm Narrator (more)")).toBeDefined();
    await act(() => loadMore());
    expect(await screen.findByText("Warm Narrator, Podcast Host")).toBeDefined();
    expect(screen.queryByText("loading")).toBeNull();
    expect(listRequests(fake).map((r) => r.query.skip)).toEqual(["0", "1"]);
  });
});
