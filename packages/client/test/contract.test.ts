// The fetch client against Prism serving the spec: the shared scenarios (contract-scenarios.ts) on the
// default adapter, with each exchange observed through a passed-in fetch; and checks of the check itself.
// The same scenarios against the fake: packages/node/test/contract-fake.test.ts.
import { describe, expect, inject, it } from "vitest";
import * as sdk from "../src/index.js";
import { contractScenarios, createPrismRecorder, fetchClient, KEY, prismTarget } from "./contract-scenarios.js";

contractScenarios({
  sdk,
  target: () => prismTarget(inject("mockUrl")),
  makeClient: fetchClient(sdk),
});

describe("the contract check itself", () => {
  it("catches a request that breaks the spec, even when Prism answers a documented 400", async () => {
    const { violations, observe } = createPrismRecorder();
    const request = {
      method: "GET",
      url: `${inject("mockUrl")}/voices?limit=0`,
      headers: new Headers({ Authorization: KEY }),
    };
    const response = await fetch(request.url, { headers: request.headers });
    observe(request, response);
    expect(response.status).toBe(400);
    expect(violations).toEqual([expect.stringContaining("limit must be >= 1")]);
  });

  it("Prism rejects a request with no key: the client always sends one", async () => {
    const response = await fetch(`${inject("mockUrl")}/voices`);
    expect(response.status).toBe(401);
  });

  it("Prism reaches no operation by the unencoded path /voices/a/b (so the encoded one is what it checked)", async () => {
    const response = await fetch(`${inject("mockUrl")}/voices/a/b`, { headers: { Authorization: KEY } });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('"code":0');
  });
});
