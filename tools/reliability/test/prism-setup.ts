// Two Prism mocks of the spec for the whole run: one serving the examples (the contract check
// for fuzzed requests) and one with --dynamic (random responses that still match the schemas).
// `mockUrl` and `dynamicMockUrl` are declared with the repository's other provided values.

import { type MockServer, startMockServer } from "@noiz-voices/mock";
import type {} from "@noiz-voices/mock/vitest-setup";
import type { TestProject } from "vitest/node";

let servers: MockServer[] = [];

export async function setup(project: TestProject): Promise<void> {
  const started = await Promise.allSettled([startMockServer(), startMockServer({ dynamic: true })]);
  servers = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const [examples, dynamic] = started;
  if (examples.status === "rejected" || dynamic.status === "rejected") {
    await teardown();
    throw examples.status === "rejected" ? examples.reason : (dynamic as PromiseRejectedResult).reason;
  }
  project.provide("mockUrl", examples.value.url);
  project.provide("dynamicMockUrl", dynamic.value.url);
}

export async function teardown(): Promise<void> {
  await Promise.all(servers.map((server) => server.stop()));
}
