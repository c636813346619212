// One Prism for the whole run (the repository's own contract mock, tools/mock), provided as
// inject("mockUrl") to the contract runs. Behaviour tests (the CLI's included) start
// @noiz-voices/testing's fake server themselves.
import { type MockServer, startMockServer } from "@noiz-voices/mock";
// `mockUrl` is declared with the repository's other provided values.
import type {} from "@noiz-voices/mock/vitest-setup";
import type { TestProject } from "vitest/node";

let mock: MockServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  mock = await startMockServer({ startTimeoutMs: 120_000 });
  project.provide("mockUrl", mock.url);
}

export async function teardown(): Promise<void> {
  await mock?.stop();
}
