// The contract check's self-test: `pnpm contract:check` run against a local upstream of our own.
// A conforming upstream passes; one response that breaks the spec is named field by field and
// fails the check. The API key never appears in the output.
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeUpstream, startFakeUpstream } from "./fake-upstream.js";

const run = promisify(execFile);
const cli = resolve(import.meta.dirname, "../src/cli.mjs");
const API_KEY = "contract-self-test-key-7f3a9c";

async function contractCheck(upstream: string, env: Record<string, string> = { NOIZ_API_KEY: API_KEY }) {
  const { NOIZ_API_KEY: _ignored, ...base } = process.env;
  return run(process.execPath, [cli, "--upstream", upstream], { env: { ...base, ...env }, timeout: 240_000 })
    .then(({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }))
    .catch((error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? -1,
      output: (error.stdout ?? "") + (error.stderr ?? ""),
    }));
}

describe("pnpm contract:check against a local upstream", () => {
  let upstream: FakeUpstream | undefined;
  afterEach(async () => {
    await upstream?.close();
    upstream = undefined;
  });

  it("passes when every response conforms, after running the whole flow", async () => {
    upstream = await startFakeUpstream({ apiKey: API_KEY, broken: false });
    const { code, output } = await contractCheck(upstream.url);
    expect(output).toContain("Every request and response conformed to");
    expect(code).toBe(0);
    expect(upstream.requests).toEqual([
      "GET /v1/voices",
      "GET /v1/voices",
      "GET /v1/voices/up-voice-1",
      "POST /v1/voices",
      "GET /v1/voices/up-clone-1",
      "DELETE /v1/voices/up-clone-1",
    ]);
    expect(output).not.toContain(API_KEY);
  }, 120_000);

  it("names each violation of a response that breaks the spec, and exits non-zero", async () => {
    upstream = await startFakeUpstream({ apiKey: API_KEY, broken: true });
    const { code, output } = await contractCheck(upstream.url);
    expect(code).toBe(1);
    expect(output).toMatch(/FAIL get voice up-voice-1/);
    expect(output).toMatch(/GET \/voices\/up-voice-1 -> 500, from Prism: .*VIOLATIONS/);
    expect(output).toMatch(/response\.body\.data: .*required property 'voice_id' \[required\]/);
    expect(output).toMatch(/response\.body\.data\.create_time: .*must be integer \[type\]/);
    expect(output).toMatch(/2 violation\(s\) of .*voices\.openapi\.yaml in 1 exchange\(s\)/);
    // The rest of the flow still ran and conformed.
    expect(output).toMatch(/ok {3}delete the clone up-clone-1/);
    expect(output).not.toContain(API_KEY);
  }, 120_000);

  it("exits 2 when the flow cannot complete for another reason (a key the service rejects)", async () => {
    upstream = await startFakeUpstream({ apiKey: "the-service-wants-another-key", broken: false });
    const { code, output } = await contractCheck(upstream.url);
    expect(output).toMatch(/FAIL list custom voices: AuthenticationError/);
    expect(output).toContain("the flow did not complete");
    expect(code).toBe(2);
  }, 120_000);

  it("refuses to run without NOIZ_API_KEY", async () => {
    const { code, output } = await contractCheck("http://127.0.0.1:9/v1", {});
    expect(code).toBe(2);
    expect(output).toContain("set NOIZ_API_KEY");
  });
});
