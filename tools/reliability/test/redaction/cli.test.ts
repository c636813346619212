// The `noiz-voices` command against servers that echo the key everywhere they can: the key is in
// none of its output, plain, with --json or with --debug, given by env or by --api-key.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FaultServer, hang, reply, resetOnHeaders, type Step, startFaultServer } from "@noiz-voices/fault-server";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../cli-helpers.js";
import { wavBytes } from "../helpers.js";

const KEY = "sk-noiz-CLIREDACT-5d8e1f";
const KEY_JSON_ESCAPED = KEY.replace("-", "\\u002d");
const dir = mkdtempSync(join(tmpdir(), "noiz-redact-cli-"));
const audio = join(dir, "voice.wav");
writeFileSync(audio, wavBytes(2048));
const servers: FaultServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(dir, { recursive: true, force: true });
});

const echoHeaders = { "x-echo": KEY, "www-authenticate": `key="${KEY}"` };
const STEPS: [string, Step][] = [
  ["401 envelope", reply(401, { code: 40100, message: `invalid api key ${KEY}`, data: null }, echoHeaders)],
  ["500 text", reply(500, `upstream rejected Authorization: ${KEY}`, { ...echoHeaders, "retry-after": "0" })],
  ["400 JSON-escaped", reply(400, `{"code":40000,"message":"bad ${KEY_JSON_ESCAPED}","data":null}`)],
  ["200 non-zero code", reply(200, { code: 7, message: `key ${KEY} disabled`, data: null })],
  ["200 not JSON", reply(200, `<html>${KEY}</html>`, { "content-type": "text/html" })],
  ["reset", resetOnHeaders()],
];
const COMMANDS: string[][] = [
  ["list"],
  ["list", "--all"],
  ["get", "abc"],
  ["delete", "abc", "--yes"],
  ["clone", audio, "--name", "x"],
  ["sample", "abc", "--out", join(dir, "s.wav")],
];
// Each command runs once per step, the variants taking turns: every pair is covered across the suite.
const VARIANTS: { extra: string[]; env: Record<string, string>; keyArgs: string[] }[] = [
  { extra: [], env: { NOIZ_API_KEY: KEY }, keyArgs: [] },
  { extra: ["--json"], env: { NOIZ_API_KEY: KEY }, keyArgs: [] },
  { extra: ["--debug"], env: {}, keyArgs: ["--api-key", KEY] },
];

describe("the noiz-voices command never prints the key", () => {
  it.each(STEPS.map(([name, step], i) => [name, step, i] as const))("server answers %s", async (_name, step, i) => {
    // Every request gets the same answer, so the commands can run side by side.
    const server = await startFaultServer({ hardTimeoutMs: 120_000, fallback: step });
    servers.push(server);
    const runs = COMMANDS.map((args, j) => {
      const { extra, env, keyArgs } = VARIANTS[(i + j) % VARIANTS.length]!;
      return runCli([...keyArgs, "--base-url", server.url, "--timeout", "5s", ...extra, ...args], env);
    });
    for (const { code, stdout, stderr } of await Promise.all(runs)) {
      expect(code, stderr).toBe(1);
      expect(stderr.length).toBeGreaterThan(0);
      expect(stdout + stderr).not.toContain(KEY);
    }
  });

  it("a request that times out, with --debug", async () => {
    const server = await startFaultServer({ hardTimeoutMs: 60_000, fallback: hang() });
    servers.push(server);
    const { code, stdout, stderr } = await runCli(
      ["--api-key", KEY, "--base-url", server.url, "--timeout", "300ms", "--debug", "get", "abc"],
      {},
    );
    expect(code).toBe(1);
    expect(stdout + stderr).not.toContain(KEY);
  });
});
