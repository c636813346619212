#!/usr/bin/env node
// Memory of the built `noiz-voices-mcp` while `clone_voice` uploads a large file (issue 19: a 200 MiB
// clone keeps the server's RSS within its baseline + 48 MiB). Linux only: it reads /proc/PID/status.
//
//   pnpm --filter @noiz-voices/mcp build && node packages/mcp/scripts/rss.mjs [--size-mib 200]
//
// The server runs as the SDK's Client starts it (a child over stdio), against the fake of
// @noiz-voices/testing in this process. It first answers a list and a small clone (everything loaded,
// sockets warm); its RSS then is the baseline. During the large clone its RSS is sampled every 5 ms;
// the peak is the largest sample or the kernel's high-water mark (VmHWM), whichever is larger.
// Exits 1 when the peak is more than 48 MiB over the baseline.
import { mkdtemp, open, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { createFakeVoices } from "@noiz-voices/testing";
import { startFakeServer } from "@noiz-voices/testing/server";

const MiB = 1024 * 1024;
const LIMIT_MIB = 48;
const { values } = parseArgs({ options: { "size-mib": { type: "string", default: "200" } } });
const sizeMiB = Number(values["size-mib"]);
const bin = resolve(dirname(fileURLToPath(import.meta.url)), "../bin/noiz-voices-mcp.mjs");

/** A WAV header, then zeros up to `bytes`: a sparse file, so it costs no disk. */
async function wavFile(path, bytes) {
  const file = await open(path, "w");
  try {
    await file.write(Buffer.concat([Buffer.from("RIFF\0\0\0\0WAVEfmt "), Buffer.alloc(32)]));
    await file.truncate(bytes);
  } finally {
    await file.close();
  }
}

async function memory(pid) {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rss: kib("VmRSS") * 1024, hwm: kib("VmHWM") * 1024 };
}

const work = await mkdtemp(join(tmpdir(), "noiz-mcp-rss-"));
const fake = createFakeVoices({ apiKey: "rss-key" });
const server = await startFakeServer(fake);
const transport = new StdioClientTransport({
  command: process.execPath,
  args: [bin, "--base-url", server.url, "--allow-dir", work],
  env: { PATH: process.env.PATH ?? "", NOIZ_API_KEY: "rss-key", NOIZ_CONFIG_DIR: work },
  stderr: "pipe",
});
const client = new Client({ name: "rss", version: "1.0.0" });
try {
  await client.connect(transport);
  const pid = transport.pid;
  await wavFile(join(work, "small.wav"), 64 * 1024);
  await wavFile(join(work, "large.wav"), sizeMiB * MiB);
  await client.callTool({ name: "list_voices", arguments: {} });
  const warm = await client.callTool({ name: "clone_voice", arguments: { file_path: join(work, "small.wav") } });
  if (warm.isError) throw new Error(`the warm-up clone failed: ${JSON.stringify(warm.content)}`);
  const baseline = await memory(pid);
  let peak = baseline.rss;
  const sampler = setInterval(() => {
    memory(pid)
      .then(({ rss }) => {
        peak = Math.max(peak, rss);
      })
      .catch(() => {});
  }, 5);
  const started = performance.now();
  const result = await client.callTool(
    { name: "clone_voice", arguments: { file_path: join(work, "large.wav"), display_name: "rss" } },
    undefined,
    { timeout: 600_000 },
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (result.isError) throw new Error(`the large clone failed: ${JSON.stringify(result.content)}`);
  const after = await memory(pid);
  peak = Math.max(peak, after.hwm);
  const uploaded = fake.requests.at(-1)?.form?.file?.size;
  const growth = (peak - baseline.rss) / MiB;
  console.log(
    [
      `clone_voice of a ${sizeMiB} MiB WAV through noiz-voices-mcp (pid ${pid}), ${seconds.toFixed(1)} s`,
      `  the fake received a ${(uploaded / MiB).toFixed(1)} MiB file part`,
      `  server RSS: baseline ${(baseline.rss / MiB).toFixed(1)} MiB, peak ${(peak / MiB).toFixed(1)} MiB (+${growth.toFixed(1)} MiB; limit +${LIMIT_MIB} MiB)`,
    ].join("\n"),
  );
  if (uploaded !== sizeMiB * MiB) throw new Error(`the fake received ${uploaded} bytes, not ${sizeMiB * MiB}`);
  if (growth > LIMIT_MIB) process.exitCode = 1;
} finally {
  await client.close();
  await server.close();
  await rm(work, { recursive: true, force: true });
}
