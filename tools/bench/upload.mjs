#!/usr/bin/env node
// Upload benchmark for @noiz-voices/node: memory and throughput of a plain `client.voices.clone({ file:
// await fileFromPath(p) })` on the Node client, for a large file, against a plain fetch + FormData upload
// of the same file, in the same run.
//
//   pnpm bench:upload                      (builds, then: node --expose-gc tools/bench/upload.mjs)
//   node --expose-gc tools/bench/upload.mjs --size-mib 500 --rounds 3 [--file PATH] [--keep]
//
// Targets (issues #3, #10): peak RSS <= baseline + 48 MiB while cloning a 500 MiB file, and throughput
// >= 1.5x the plain fetch + FormData upload. Exits 1 when a target is missed.
//
// Each upload runs in a fresh child process, so one variant's garbage never counts against another:
// the child loads everything, makes one small request (sockets, parsers and the like are warm), collects
// garbage, takes its baseline RSS, then samples RSS every 5 ms during the upload. The server is the
// benchmarks' own (server.mjs, another process on 127.0.0.1): it drains the body, counts its bytes and
// answers like POST /voices.
import { fork } from "node:child_process";
import { createWriteStream, existsSync, openAsBlob, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startServer } from "./lib.mjs";

const MiB = 1024 * 1024;
const self = fileURLToPath(import.meta.url);
const [role] = process.argv.slice(2);

/** One upload in a fresh process; reports time, bytes and memory to the parent. */
async function child(variant, url, file) {
  const core = await import("@noiz-voices/client");
  const { createVoicesClient, fileFromPath } = await import("@noiz-voices/node");
  const options = { apiKey: "bench-key", baseUrl: url, timeoutMs: 600_000, maxRetries: 0 };
  const client = createVoicesClient(options);
  const fetchClient = core.createVoicesClient(options);
  const tiny = join(tmpdir(), `noiz-bench-tiny-${process.pid}.wav`);
  const { writeFile, unlink } = await import("node:fs/promises");
  await writeFile(tiny, Buffer.concat([Buffer.from("RIFF\0\0\0\0WAVE"), Buffer.alloc(1024)]));

  const upload = {
    // What a Node user writes: the Node client's plain clone, the file streamed from disk over undici.
    "node-clone": async (path) => client.voices.clone({ file: await fileFromPath(path), display_name: "bench" }),
    // The obvious way on Node 20: a file-backed Blob in a FormData, sent with the global fetch.
    "fetch-formdata": async (path) => {
      const form = new FormData();
      form.append("file", await openAsBlob(path, { type: "audio/wav" }), "bench.wav");
      form.append("display_name", "bench");
      const response = await fetch(`${url}/voices`, { method: "POST", body: form, headers: { Authorization: "k" } });
      return (await response.json()).data;
    },
    // For the record: the fetch client's clone with fileFromPath, through the global fetch.
    "client-clone": async (path) => fetchClient.voices.clone({ file: await fileFromPath(path), display_name: "bench" }),
  }[variant];

  await upload(tiny); // warm-up: modules, sockets, parsers
  await unlink(tiny);
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 100));
  globalThis.gc?.();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  const started = performance.now();
  const result = await upload(file);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  process.send({ seconds, baseline, peak, received: result.received, expected: result.expected });
}

function runChild(variant, url, file) {
  return new Promise((resolve, reject) => {
    const proc = fork(self, ["--child", variant, url, file], { execArgv: ["--expose-gc"] });
    let report;
    proc.on("message", (message) => {
      report = message;
    });
    proc.on("error", reject);
    proc.on("exit", (code) =>
      report ? resolve(report) : reject(new Error(`${variant} child exited with ${code} and no report`)),
    );
  });
}

async function makeFile(path, bytes) {
  // A WAV header, then incompressible bytes (a repeated 1 MiB random block, written in 1 MiB chunks).
  const { randomBytes } = await import("node:crypto");
  const block = randomBytes(MiB);
  const header = Buffer.from("RIFF\0\0\0\0WAVEfmt ");
  header.copy(block);
  const out = createWriteStream(path);
  for (let written = 0; written < bytes; written += MiB) {
    const chunk = written === 0 ? block : block.subarray(0, Math.min(MiB, bytes - written));
    if (!out.write(chunk)) await new Promise((resolve) => out.once("drain", resolve));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mib = (bytes) => (bytes / MiB).toFixed(1);

async function main() {
  const { values } = parseArgs({
    options: {
      "size-mib": { type: "string", default: "500" },
      rounds: { type: "string", default: "3" },
      file: { type: "string" },
      keep: { type: "boolean", default: false },
      "with-client-clone": { type: "boolean", default: false },
    },
  });
  const sizeMiB = Number(values["size-mib"]);
  const rounds = Number(values.rounds);
  const file = values.file ?? join(tmpdir(), `noiz-bench-upload-${sizeMiB}MiB.wav`);
  if (!existsSync(file) || statSync(file).size !== sizeMiB * MiB) {
    console.log(`writing a ${sizeMiB} MiB WAV-headed file at ${file} ...`);
    await makeFile(file, sizeMiB * MiB);
  }
  const size = statSync(file).size;

  // The benchmarks' one server (server.mjs), given the time a slow disk may need for every round.
  const server = await startServer({ HARD_LIMIT_MS: 3_600_000 });
  const { url } = server;
  const variants = ["fetch-formdata", "node-clone"];
  if (values["with-client-clone"]) variants.push("client-clone");
  const results = Object.fromEntries(variants.map((v) => [v, []]));
  console.log(`node ${process.version}, ${rounds} round(s), file ${mib(size)} MiB, server ${url}\n`);
  try {
    for (let round = 1; round <= rounds; round++) {
      // Alternate the order each round, so neither variant always runs on a warmer page cache.
      const order = round % 2 ? variants : [...variants].reverse();
      for (const variant of order) {
        const r = await runChild(variant, url, file);
        if (r.received !== r.expected)
          throw new Error(`${variant}: the server got ${r.received} of ${r.expected} bytes`);
        r.mibps = size / MiB / r.seconds;
        r.growth = r.peak - r.baseline;
        results[variant].push(r);
        console.log(
          `round ${round} ${variant.padEnd(14)} ${r.seconds.toFixed(2)} s  ${r.mibps.toFixed(0).padStart(4)} MiB/s  ` +
            `RSS baseline ${mib(r.baseline)} MiB, peak ${mib(r.peak)} MiB (+${mib(r.growth)} MiB)`,
        );
      }
    }
  } finally {
    await server.stop();
    if (!values.keep && !values.file) await rm(file, { force: true });
  }

  const node = results["node-clone"];
  const plain = results["fetch-formdata"];
  const nodeSpeed = median(node.map((r) => r.mibps));
  const plainSpeed = median(plain.map((r) => r.mibps));
  const worstGrowth = Math.max(...node.map((r) => r.growth));
  const ratio = nodeSpeed / plainSpeed;
  const memoryOk = worstGrowth <= 48 * MiB;
  const speedOk = ratio >= 1.5;
  console.log(
    `\nmemory:     Node client clone peak RSS growth ${mib(worstGrowth)} MiB (worst of ${rounds}; target <= 48 MiB) ${memoryOk ? "PASS" : "FAIL"}` +
      `\n            plain fetch + FormData: +${mib(Math.max(...plain.map((r) => r.growth)))} MiB` +
      `\nthroughput: Node client clone ${nodeSpeed.toFixed(0)} MiB/s vs plain fetch + FormData ${plainSpeed.toFixed(0)} MiB/s` +
      ` (medians): ${ratio.toFixed(2)}x (target >= 1.5x) ${speedOk ? "PASS" : "FAIL"}`,
  );
  process.exitCode = memoryOk && speedOk ? 0 : 1;
}

if (role === "--child") await child(process.argv[3], process.argv[4], process.argv[5]);
else await main();
