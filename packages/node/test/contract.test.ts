// The Node client against Prism serving the spec: the same scenarios as the fetch client's
// (packages/client/test/contract-scenarios.ts), on the undici adapter. Each exchange is observed
// through undici's diagnostics channel, so the client under test is the public one, unchanged.
import * as sdk from "@noiz-voices/client";
import { inject } from "vitest";
import { contractScenarios, prismTarget } from "../../client/test/contract-scenarios.js";
import { nodeClient } from "./undici-observe.js";

contractScenarios({
  sdk,
  target: () => prismTarget(inject("mockUrl")),
  makeClient: nodeClient,
});
