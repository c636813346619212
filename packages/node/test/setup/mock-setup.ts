// One Prism for the whole run (the repository's own contract mock, tools/mock), plus the loopback
// sample host and the proxy that points the examples' sample URLs at it.
import { fileURLToPath } from "node:url";
import { type MockServer, startMockServer } from "@noiz-voices/mock";
// `mockUrl` and `proxyUrl` are declared with the repository's other provided values.
import type {} from "@noiz-voices/mock/vitest-setup";
import type { TestProject } from "vitest/node";
import { startSampleHost, startSampleRewritingProxy } from "../../../../tools/scripts/demo-servers.mjs";

const stops: (() => Promise<void>)[] = [];

export async function setup(project: TestProject): Promise<void> {
  const mock: MockServer = await startMockServer({ startTimeoutMs: 120_000 });
  stops.push(() => mock.stop());
  const host = await startSampleHost(fileURLToPath(new URL("../../../../tools/fixtures/sample.wav", import.meta.url)));
  stops.push(host.stop);
  const proxy = await startSampleRewritingProxy(mock.url, host.url);
  stops.push(proxy.stop);
  project.provide("mockUrl", mock.url);
  project.provide("proxyUrl", proxy.url);
}

export async function teardown(): Promise<void> {
  for (const stop of stops.reverse()) await stop();
}
