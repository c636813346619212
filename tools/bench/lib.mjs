// Shared pieces of the benchmarks: the server child process, timing, statistics and tables.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** Starts server.mjs in a child process; resolves with its base URL and a stop function. */
export function startServer(env = {}) {
  const child = spawn(process.execPath, [resolve(here, "server.mjs")], {
    env: { ...process.env, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const stop = () =>
    new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.once("exit", () => done());
      child.stdin.end();
      setTimeout(() => child.kill("SIGKILL"), 3_000).unref();
    });
  process.once("exit", () => child.kill("SIGKILL"));
  return new Promise((ready, fail) => {
    child.once("error", fail);
    child.stdout.once("data", (chunk) => {
      const { port } = JSON.parse(String(chunk));
      ready({ url: `http://127.0.0.1:${port}`, stop });
    });
  });
}

/** Runs `count` calls of `fn`, `concurrency` at a time; returns wall ms and client CPU µs. */
export async function measure(fn, count, concurrency = 1) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      await fn();
    }
  };
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuUs: used.user + used.system };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs every contender `rounds` times, interleaved and in a rotating order, so drift in the
 * machine's load hits all of them alike. `run(contender)` returns one sample (an object of numbers).
 * Resolves with each contender's samples, in round order.
 */
export async function interleaveSamples(contenders, rounds, run) {
  const samples = new Map(contenders.map((c) => [c, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const contender = contenders[(i + round) % contenders.length];
      samples.get(contender).push(await run(contender));
    }
  }
  return samples;
}

/** Each contender's median of every key of its samples. */
export function mediansOf(samples) {
  const medians = new Map();
  for (const [contender, list] of samples) {
    const keys = Object.keys(list[0]);
    medians.set(contender, Object.fromEntries(keys.map((k) => [k, median(list.map((s) => s[k]))])));
  }
  return medians;
}

/**
 * Each contender's ratio to `base`, per key: the median of the ratios of the same round. A round's
 * samples are taken seconds apart, so a slow spell of the machine cancels out of its ratio.
 */
export function ratiosTo(samples, base) {
  const baseline = samples.get(base);
  const ratios = new Map();
  for (const [contender, list] of samples) {
    const keys = Object.keys(list[0]);
    ratios.set(
      contender,
      Object.fromEntries(keys.map((k) => [k, median(list.map((s, round) => s[k] / baseline[round][k]))])),
    );
  }
  return ratios;
}

/** Medians over interleaved rounds (see `interleaveSamples`). */
export async function interleave(contenders, rounds, run) {
  return mediansOf(await interleaveSamples(contenders, rounds, run));
}

/** A markdown table. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export const fmt = (n, digits = 1) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : String(n);

/** What the numbers were measured on. */
export function machine() {
  const load = loadavg().map((n) => n.toFixed(2));
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? "unknown",
    node: process.version,
    load: `${load[0]} / ${load[1]} / ${load[2]} (1 / 5 / 15 min)`,
    client: JSON.parse(readFileSync(resolve(here, "../../packages/client/package.json"), "utf8")).version,
  };
}
