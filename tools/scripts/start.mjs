#!/usr/bin/env node
// The main job (`pnpm start`): walks the whole flow with the real, built `noiz-voices` command, each
// step a child process: list built-in voices, clone tools/fixtures/sample.wav, find the clone in the
// list, show it, download its sample, delete it, and see it gone.
//
//   pnpm start           against the fake service of @noiz-voices/testing on 127.0.0.1 (startFakeServer):
//                        it keeps state, so the clone is listed, its sample is the uploaded file, and
//                        after the delete the voice answers 404
//   pnpm start --live    against the real service; needs NOIZ_API_KEY (and NOIZ_BASE_URL if not the default)
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);
const nodePackage = require.resolve("@noiz-voices/node/package.json");
const cli = join(dirname(nodePackage), require(nodePackage).bin["noiz-voices"]);
const mcpPackage = require.resolve("@noiz-voices/mcp/package.json");
const mcpBin = join(dirname(mcpPackage), require(mcpPackage).bin["noiz-voices-mcp"]);
const samplePath = join(root, "tools/fixtures/sample.wav");
const live = process.argv.includes("--live");
const NAME = "pnpm start demo";

function say(line = "") {
  process.stdout.write(`${line}\n`);
}

/**
 * Runs `noiz-voices args…`, echoing the command and its output. Throws unless it exits with
 * `expectCode` (0 by default); resolves with its stdout and stderr.
 */
function noizVoices(args, env, expectCode = 0) {
  say(`\n$ noiz-voices ${args.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(" ")}`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === expectCode) resolvePromise({ stdout, stderr });
      else reject(new Error(`noiz-voices ${args[0]} exited with code ${code}, expected ${expectCode}`));
    });
  });
}

const check = (condition, what) => {
  if (!condition) throw new Error(`check failed: ${what}`);
};

async function flow(env, { fake } = {}) {
  const work = await mkdtemp(join(tmpdir(), "noiz-voices-start-"));
  try {
    await noizVoices(["list", "--type", "built-in", "--limit", "5"], env);
    const file = relative(process.cwd(), samplePath) || samplePath;
    const { stdout } = await noizVoices(["clone", file, "--name", NAME, "--language", "en", "--json"], env);
    const cloned = JSON.parse(stdout);

    const listed = await noizVoices(["list", "--keyword", NAME], env);
    if (fake) {
      check(listed.stdout.includes(cloned.voice_id), `the list shows the new voice ${cloned.voice_id}`);
      say(`(checked: the list holds the voice just cloned, ${cloned.voice_id})`);
    }
    await noizVoices(["get", cloned.voice_id], env);

    const out = join(work, `${cloned.voice_id}.wav`);
    const saved = JSON.parse((await noizVoices(["sample", cloned.voice_id, "--out", out, "--json"], env)).stdout);
    const size = (await stat(out)).size;
    check(size === saved.bytes, `the saved sample has ${size} bytes, the command said ${saved.bytes}`);
    if (fake) {
      // The fake serves a clone's upload back as its sample, from its own origin.
      check((await readFile(out)).equals(await readFile(samplePath)), "the downloaded sample is the uploaded WAV");
      const download = fake.requests.find((r) => r.operation === null && r.path.endsWith(`/${cloned.voice_id}.wav`));
      check(download?.status === 200, "the fake served the sample");
      say(
        `(checked: the ${size}-byte file on disk is tools/fixtures/sample.wav, served by the fake at ${download.path})`,
      );
    }

    await noizVoices(["delete", cloned.voice_id, "--yes"], env);
    if (fake) {
      // A soft delete: the voice leaves the list, and get answers 404 (exit code 1).
      const gone = await noizVoices(["get", cloned.voice_id], env, 1);
      check(/404/.test(gone.stderr), "get after delete is a 404");
      const after = await noizVoices(["list", "--keyword", NAME], env);
      check(!after.stdout.includes(cloned.voice_id), "the deleted voice left the list");
      say("(checked: once deleted, the voice answers 404 and is no longer listed)");
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Starts `noiz-voices-mcp` over stdio with the SDK's Client, prints its tools and one list_voices (no file is touched). */
async function mcpFlow(env, { fake } = {}) {
  const [{ Client }, { StdioClientTransport }] = await Promise.all([
    import("@modelcontextprotocol/sdk/client/index.js"),
    import("@modelcontextprotocol/sdk/client/stdio.js"),
  ]);
  say("\n$ noiz-voices-mcp   (an MCP client lists its tools over stdio)");
  const transport = new StdioClientTransport({ command: process.execPath, args: [mcpBin], env, stderr: "pipe" });
  const client = new Client({ name: "pnpm-start", version: "1.0.0" });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    for (const tool of tools) say(`  ${tool.name.padEnd(22)} ${tool.title ?? ""}`);
    const page = await client.callTool({ name: "list_voices", arguments: { voice_type: "built-in", limit: 3 } });
    check(!page.isError, "list_voices answered without an error");
    say(`  list_voices: ${page.content[0]?.text.split("\n")[0]}`);
    if (fake) {
      check(tools.length === 5, "the MCP server offers its five tools");
      say("(checked: the MCP server offers its five tools and answers from the fake)");
    }
  } finally {
    await client.close();
  }
}

async function fakeFlow() {
  const [{ createFakeVoices }, { startFakeServer }] = await Promise.all([
    import("@noiz-voices/testing"),
    import("@noiz-voices/testing/server"),
  ]);
  const fake = createFakeVoices();
  const server = await startFakeServer(fake);
  try {
    say(`fake: @noiz-voices/testing serves the Voices API on ${server.url} (startFakeServer), the same fake as`);
    say("      `noiz-voices mock`. It keeps state: what you clone is listed, its sample is served by the fake");
    say("      itself, and a deleted voice is gone. Every request is checked against spec/voices.openapi.yaml.");
    // A config folder of our own, so a key stored by `noiz-voices login` is never read or shown here.
    const config = await mkdtemp(join(tmpdir(), "noiz-voices-start-config-"));
    try {
      const env = { ...process.env, NOIZ_API_KEY: fake.apiKey, NOIZ_BASE_URL: server.url, NOIZ_CONFIG_DIR: config };
      await flow(env, { fake });
      await mcpFlow(env, { fake });
    } finally {
      await rm(config, { recursive: true, force: true });
    }
    const seen = fake.requests.map((r) => `${r.operation ?? "sample"} ${r.status}`);
    say(`\nfake: it answered ${seen.length} requests: ${seen.join(", ")}.`);
  } finally {
    await server.close();
    say("fake: stopped.");
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
  await mcpFlow({ ...process.env });
}

try {
  await (live ? liveFlow() : fakeFlow());
  if (!process.exitCode) {
    say(`\nThe whole flow worked${live ? " against the real service" : " against the fake service"}.`);
  }
} catch (error) {
  process.stderr.write(`start: ${error.message}\n`);
  process.exitCode = 1;
}
