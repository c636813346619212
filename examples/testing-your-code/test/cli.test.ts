// A user's test file for scripts around the `noiz-voices` command: the fake over loopback HTTP, from
// `noiz-voices mock` (a process, as a shell script would start it) and from startFakeServer (in the
// test's own process), with samples downloaded from it. No sleeps: each step waits for its process.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createVoicesClient } from "@noiz-voices/client";
import { downloadVoiceSample } from "@noiz-voices/node";
import { createFakeVoices, makeWav } from "@noiz-voices/testing";
import { startFakeServer } from "@noiz-voices/testing/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The built `noiz-voices` of @noiz-voices/node, run as `npx noiz-voices` would run it.
const require = createRequire(import.meta.url);
const manifest = require.resolve("@noiz-voices/node/package.json");
const bin = join(dirname(manifest), (require(manifest) as { bin: Record<string, string> }).bin["noiz-voices"] ?? "");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `noiz-voices args` and resolves when it exits (whatever the code). */
function noizVoices(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH ?? "", ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "testing-your-code-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe("noiz-voices mock, and the CLI against it", () => {
  let mock: ChildProcess;
  let url: string;
  beforeAll(async () => {
    mock = spawn(process.execPath, [bin, "mock", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    // Its first line on stdout is its base URL.
    url = await new Promise<string>((resolve, reject) => {
      let out = "";
      mock.stdout?.on("data", (chunk) => {
        out += chunk;
        if (out.includes("\n")) resolve(out.split("\n")[0]?.trim() ?? "");
      });
      mock.on("exit", (code) => reject(new Error(`noiz-voices mock exited with ${code}`)));
    });
  });
  afterAll(async () => {
    const exited = new Promise((resolve) => mock.once("exit", resolve));
    mock.kill("SIGTERM");
    await exited;
  });
  const cli = (args: string[]) => noizVoices(["--base-url", url, "--api-key", "any-key", ...args]);

  it("clones, lists, downloads the sample, deletes, and then the voice is not found", async () => {
    const audio = join(work, "me.wav");
    await writeFile(audio, makeWav({ seconds: 2 }));
    const cloned = await cli(["clone", audio, "--name", "From a script", "--json"]);
    expect(cloned.code, cloned.stderr).toBe(0);
    const { voice_id: id, duration } = JSON.parse(cloned.stdout) as { voice_id: string; duration: number };
    expect(duration).toBe(2);

    const listed = JSON.parse((await cli(["list", "--json"])).stdout) as { voices: { voice_id: string }[] };
    expect(listed.voices.map((voice) => voice.voice_id)).toEqual([id]);

    const out = join(work, "sample.wav");
    expect((await cli(["sample", id, "--out", out])).code).toBe(0);
    expect((await readFile(out)).equals(await readFile(audio))).toBe(true);

    expect((await cli(["delete", id, "--yes"])).code).toBe(0);
    const gone = await cli(["get", id]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/HTTP 404.*voice not found/);
  });

  it("takes faults over its control API, which the CLI reports (exit 1)", async () => {
    const injected = await fetch(`${url}/__fake/fail-next`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ operation: "listVoices", fault: { status: 503, retryAfter: 0, times: 3 } }),
    });
    expect(injected.status).toBe(204);
    const failed = await cli(["list"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/HTTP 503/);
    const { requests } = (await (await fetch(`${url}/__fake/requests`)).json()) as { requests: { status: number }[] };
    expect(requests.slice(-3).map((request) => request.status)).toEqual([503, 503, 503]);
    expect((await fetch(`${url}/__fake/reset`, { method: "POST" })).status).toBe(204);
    expect((await cli(["list", "--type", "built-in", "--json"])).code).toBe(0);
  });
});

describe("startFakeServer in the test's process", () => {
  const fake = createFakeVoices();
  let server: Awaited<ReturnType<typeof startFakeServer>>;
  beforeAll(async () => {
    server = await startFakeServer(fake);
  });
  afterAll(() => server.close());

  it("serves samples: downloadVoiceSample writes the uploaded audio to disk", async () => {
    const client = createVoicesClient({ apiKey: fake.apiKey, baseUrl: server.url });
    const upload = makeWav({ seconds: 1.5 });
    const cloned = await client.voices.clone({ file: new Blob([upload], { type: "audio/wav" }), display_name: "Mine" });
    const voice = await client.voices.get(cloned.voice_id);
    expect(voice.sample).toBe(`${server.url}/__fake/samples/${cloned.voice_id}.wav`);
    const saved = await downloadVoiceSample(voice, join(work, "mine.wav"));
    expect(saved).toMatchObject({ bytes: upload.byteLength, contentType: "audio/wav" });
    expect(new Uint8Array(await readFile(saved.path))).toEqual(upload);
  });

  it("is the same fake the test holds: the CLI sees what the test seeded and changed", async () => {
    const client = createVoicesClient({ apiKey: fake.apiKey, baseUrl: server.url });
    await client.voices.clone({ voice_url: "https://example.com/a.mp3", display_name: "Seen by the CLI" });
    const listed = await noizVoices(["list", "--json"], { NOIZ_BASE_URL: server.url, NOIZ_API_KEY: fake.apiKey });
    expect(listed.code, listed.stderr).toBe(0);
    const names = (JSON.parse(listed.stdout) as { voices: { display_name: string }[] }).voices.map(
      (v) => v.display_name,
    );
    expect(names).toContain("Seen by the CLI");
  });
});
