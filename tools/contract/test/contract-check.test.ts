// The contract check's self-test: `pnpm contract:check` run against local upstreams. A conforming
// upstream is @noiz-voices/testing's fake server (it keeps the contract by construction) and passes;
// a 401 from it is a flow that cannot complete. An upstream whose one answer breaks the spec is the
// fault server, scripted answer by answer (the fake never breaks the spec): the violations are named
// field by field and fail the check. The API key never appears in the output.
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { type FaultServer, startFaultServer, success } from "@noiz-voices/fault-server";
import { createFakeVoices } from "@noiz-voices/testing";
import { type FakeServer, startFakeServer } from "@noiz-voices/testing/server";
import { afterEach, describe, expect, it } from "vitest";
import { asciiWav } from "../src/check.mjs";

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

/** The custom voice the upstreams hold. */
const voice = {
  id: 7,
  voice_id: "up-voice-1",
  display_name: "Upstream voice",
  voice_type: "custom" as const,
  labels: "calm",
  sample: "https://cdn.noiz.ai/samples/up-voice-1.wav",
  meta: { text: "Hello." },
  url: "https://cdn.noiz.ai/voices/up-voice-1.wav",
  create_time: 1738664000,
};

describe("pnpm contract:check against a local upstream", () => {
  let upstream: FakeServer | FaultServer | undefined;
  afterEach(async () => {
    await upstream?.close();
    upstream = undefined;
  });

  /** The fake server holding `voice`, taking only `apiKey`. */
  const fakeUpstream = (apiKey: string) => startFakeServer(createFakeVoices({ apiKey, voices: [voice] }));

  it("passes when every response conforms, after running the whole flow", async () => {
    const fake = await fakeUpstream(API_KEY);
    upstream = fake;
    const { code, output } = await contractCheck(fake.url);
    expect(output).toContain("Every request and response conformed to");
    expect(code).toBe(0);
    // The whole flow reached the upstream, and the clone it made is gone again.
    const clone = fake.fake.voices.find((held) => held.display_name.startsWith("contract check"));
    expect(clone?.delete_time).toEqual(expect.any(Number));
    expect(fake.fake.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
      "GET /voices",
      "GET /voices",
      "GET /voices/up-voice-1",
      "POST /voices",
      `GET /voices/${clone?.voice_id}`,
      `DELETE /voices/${clone?.voice_id}`,
    ]);
    // The upload reached the upstream whole, through Prism (which re-encodes bodies as UTF-8 text).
    expect(fake.fake.requests[3]?.form?.file).toMatchObject({ type: "audio/wav", size: asciiWav(2).length });
    expect(output).not.toContain(API_KEY);
  }, 120_000);

  it("names each violation of a response that breaks the spec, and exits non-zero", async () => {
    const server = await startFaultServer({ hardTimeoutMs: 120_000 });
    upstream = server;
    const { voice_id: _dropped, ...broken } = voice;
    server.script([
      success({ total_count: 1, voices: [voice] }),
      success({ total_count: 1, voices: [{ ...voice, voice_id: "builtin-aria", voice_type: "built-in" }] }),
      // GET /voices/up-voice-1: without `voice_id`, and `create_time` a string.
      success({ ...broken, create_time: "1738664000" }),
      success({ voice_id: "up-clone-1", voice_display_name: "contract check", duration: 1.5, language: "en" }),
      success({ ...voice, voice_id: "up-clone-1" }),
      success({ voice_id: "up-clone-1", display_name: "contract check", delete_time: 1738664823 }),
    ]);
    const { code, output } = await contractCheck(server.url);
    expect(code).toBe(1);
    expect(output).toMatch(/FAIL get voice up-voice-1/);
    expect(output).toMatch(/GET \/voices\/up-voice-1 -> 500, from Prism: .*VIOLATIONS/);
    expect(output).toMatch(/response\.body\.data: .*required property 'voice_id' \[required\]/);
    expect(output).toMatch(/response\.body\.data\.create_time: .*must be integer \[type\]/);
    expect(output).toMatch(/2 violation\(s\) of .*voices\.openapi\.yaml in 1 exchange\(s\)/);
    // The rest of the flow still ran and conformed.
    expect(output).toMatch(/ok {3}delete the clone up-clone-1/);
    expect(server.count).toBe(6);
    expect(output).not.toContain(API_KEY);
  }, 120_000);

  it("exits 2 when the flow cannot complete for another reason (a key the service rejects)", async () => {
    upstream = await fakeUpstream("the-service-wants-another-key");
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
