#!/usr/bin/env node
// The main job (`pnpm start`): walks the whole flow with the real, built `noiz-voices` command, each
// step a child process: list built-in voices, clone tools/fixtures/sample.wav, show the new voice,
// download its sample, delete it.
//
//   pnpm start           against the embedded mock: Prism serving spec/voices.openapi.yaml on 127.0.0.1
//   pnpm start --live    against the real service; needs NOIZ_API_KEY (and NOIZ_BASE_URL if not the default)
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startSampleHost, startSampleRewritingProxy } from "./demo-servers.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const nodePackage = require.resolve("@noiz-voices/node/package.json");
const cli = join(dirname(nodePackage), require(nodePackage).bin["noiz-voices"]);
const samplePath = join(root, "tools/fixtures/sample.wav");
const live = process.argv.includes("--live");
const MOCK_KEY = "mock-key-for-the-demo";

function say(line = "") {
  process.stdout.write(`${line}\n`);
}

/** Runs `noiz-voices args…`, echoing the command and its output; throws on a non-zero exit. */
function noizVoices(args, env) {
  say(`\n$ noiz-voices ${args.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(" ")}`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => process.stderr.write(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolvePromise(stdout);
      else reject(new Error(`noiz-voices ${args[0]} exited with code ${code}`));
    });
  });
}

async function flow(env, { sampleHost } = {}) {
  const work = await mkdtemp(join(tmpdir(), "noiz-voices-start-"));
  try {
    await noizVoices(["list", "--type", "built-in", "--limit", "5"], env);
    const cloned = JSON.parse(
      await noizVoices(
        [
          "clone",
          relative(process.cwd(), samplePath) || samplePath,
          "--name",
          "pnpm start demo",
          "--language",
          "en",
          "--json",
        ],
        env,
      ),
    );
    await noizVoices(["get", cloned.voice_id], env);
    const out = join(work, `${cloned.voice_id}.wav`);
    const saved = JSON.parse(await noizVoices(["sample", cloned.voice_id, "--out", out, "--json"], env));
    const size = (await stat(out)).size;
    if (size !== saved.bytes) throw new Error(`the saved sample has ${size} bytes, the command said ${saved.bytes}`);
    if (sampleHost) {
      const same = (await readFile(out)).equals(sampleHost.bytes);
      const keySent = sampleHost.requests.some((r) => r.authorization !== undefined);
      if (!same) throw new Error("the downloaded sample differs from the served file");
      if (keySent) throw new Error("the sample host received an Authorization header");
      say(`(checked: the ${size}-byte file on disk is the served WAV, and its host received no Authorization header)`);
    }
    await noizVoices(["delete", cloned.voice_id, "--yes"], env);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function mockFlow() {
  // The repository's Prism mock (tools/mock); @noiz-voices/node no longer ships one.
  const { startMockServer } = await import("@noiz-voices/mock");
  // Generous: on a busy CI machine Prism can take far longer than its usual 3 s to start.
  const mock = await startMockServer({ startTimeoutMs: 120_000 });
  const servers = [];
  try {
    const sampleHost = await startSampleHost(samplePath);
    servers.push(sampleHost);
    const proxy = await startSampleRewritingProxy(mock.url, sampleHost.url);
    servers.push(proxy);
    say(`mock: Prism serves spec/voices.openapi.yaml on ${mock.url} and checks every request against it.`);
    say("mock: its examples point each voice's sample at https://cdn.noiz.ai/..., which this offline demo");
    say(`      cannot reach. So the command talks to a loopback proxy (${proxy.url}) that passes every`);
    say(`      request to Prism unchanged and rewrites those sample URLs to ${sampleHost.url}/..., where`);
    say("      tools/fixtures/sample.wav is served; it also asks Prism for the built-in example when the");
    say("      query says --type built-in. Every id and voice below is one of the spec's examples.");
    const env = { ...process.env, NOIZ_API_KEY: MOCK_KEY, NOIZ_BASE_URL: proxy.url };
    await flow(env, { sampleHost });
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await mock.stop();
    say("\nmock: stopped.");
  }
}

async function liveFlow() {
  if (!process.env.NOIZ_API_KEY) {
    process.stderr.write("start: --live needs NOIZ_API_KEY set to your API key.\n");
    process.exitCode = 2;
    return;
  }
  say(`live: the real service at ${process.env.NOIZ_BASE_URL || "https://noiz.ai/v1"} with NOIZ_API_KEY.`);
  say("live: this creates a voice from tools/fixtures/sample.wav (a 3 s chirp, not speech: the service may");
  say("      reject it) and deletes it at the end.");
  await flow({ ...process.env });
}

try {
  await (live ? liveFlow() : mockFlow());
  if (!process.exitCode) say(`\nThe whole flow worked${live ? " against the real service" : " against the mock"}.`);
} catch (error) {
  process.stderr.write(`start: ${error.message}\n`);
  process.exitCode = 1;
}
