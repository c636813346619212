// The contract scenarios (packages/client/test/contract-scenarios.ts) against the fake,
// @noiz-voices/testing: the same suite the Prism runs use, with the fake as the target. Here rather than
// in the client package because @noiz-voices/testing depends on @noiz-voices/client, and this package
// already has both. Runs the fetch client on `fake.fetch` and the Node client on `startFakeServer`.
import * as sdk from "@noiz-voices/client";
import { createFakeVoices, type FakeVoices } from "@noiz-voices/testing";
import { type FakeServer, startFakeServer } from "@noiz-voices/testing/server";
import { afterAll, describe, expect, it } from "vitest";
import {
  type ContractTarget,
  contractScenarios,
  fetchClient,
  KEY,
  VOICE_IDS,
} from "../../client/test/contract-scenarios.js";
import { nodeClient } from "./undici-observe.js";

/** A fake that knows the scenarios' voice ids and key. */
const seededFake = () =>
  createFakeVoices({ apiKey: KEY, voices: VOICE_IDS.map((voice_id) => ({ voice_id, display_name: voice_id })) });

/**
 * The fake as a target: `failNext` queues the documented status (it has no named examples), and it
 * answers an off-contract request with a 400 naming the violation, so a 400 the suite did not inject is
 * one (its message reaches the scenario as the error's; `fake.requests` shows which request it was).
 */
function fakeTarget(fake: FakeVoices, baseUrl = fake.baseUrl): ContractTarget {
  let injected400 = 0;
  let checked = 0;
  return {
    baseUrl,
    apiKey: fake.apiKey,
    fetch: fake.fetch,
    example: () => ({}),
    failNext(operation, status) {
      fake.failNext(operation, { status });
      if (status === 400) injected400 += 1;
      return {};
    },
    takeViolations() {
      const refused = fake.requests.slice(checked).filter((request) => request.status === 400);
      const injected = injected400;
      checked = fake.requests.length;
      injected400 = 0;
      if (refused.length <= injected) return [];
      return refused.map((request) => `${request.method} ${request.path} → 400 (${injected} injected)`);
    },
    reset() {
      fake.reset();
      injected400 = 0;
      checked = 0;
    },
  };
}

describe("the fetch client on fake.fetch", () => {
  contractScenarios({
    sdk,
    target: () => fakeTarget(seededFake()),
    makeClient: fetchClient(sdk),
  });
});

describe("the Node client on startFakeServer", () => {
  let server: FakeServer | undefined;
  afterAll(() => server?.close());
  contractScenarios({
    sdk,
    target: async () => {
      const fake = seededFake();
      server = await startFakeServer(fake);
      return fakeTarget(fake, server.url);
    },
    makeClient: nodeClient,
  });
});

describe("the fake target's contract check", () => {
  it("reports a 400 the suite did not inject, and not one it did", async () => {
    const target = fakeTarget(seededFake());
    const send = (query: string) =>
      target.fetch(`${target.baseUrl}/voices${query}`, { headers: { Authorization: KEY } });
    target.failNext("listVoices", 400);
    expect((await send("")).status).toBe(400);
    expect(target.takeViolations()).toEqual([]);
    const refused = await send("?limit=0");
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/^listVoices: .*limit/);
    expect(target.takeViolations()).toEqual(["GET /voices → 400 (0 injected)"]);
  });
});
