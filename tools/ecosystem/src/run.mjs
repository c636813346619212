#!/usr/bin/env node
// The ecosystem matrix: the packed client runs src/scenario.ts against the fake server on every
// runtime in src/runtimes.mjs, and a table shows runtime × scenario. Exits 1 if any scenario
// fails, or if a runtime cannot be installed or started (with the reason; never a silent skip).
//
//   node src/run.mjs                      every runtime
//   node src/run.mjs --only node20,deno   some of them (ids: see src/runtimes.mjs)
//   node src/run.mjs --keep               keep the scratch project and print where it is
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { prepareConsumer } from "./consumer.mjs";
import { startFakeServer } from "./fake.mjs";
import { RESULT_MARKER } from "./hosts/load.mjs";
import { MCP_SCENARIO } from "./hosts/mcp.mjs";
import { dirOf, ensureChromiumAsync, installRuntime } from "./install.mjs";
import { runtimes } from "./runtimes.mjs";

/** A runtime that has not answered by then is stopped and fails (a hang must not eat CI's budget). */
const RUN_TIMEOUT_MS = 120_000;

const { values: flags } = parseArgs({
  options: {
    only: { type: "string" },
    keep: { type: "boolean", default: false },
    concurrency: { type: "string", default: "2" },
  },
});
const wanted = flags.only?.split(",").map((id) => id.trim()) ?? runtimes.map((runtime) => runtime.id);
const unknown = wanted.filter((id) => !runtimes.some((runtime) => runtime.id === id));
if (unknown.length > 0) {
  console.error(`Unknown runtime ${unknown.join(", ")}; known: ${runtimes.map((runtime) => runtime.id).join(", ")}`);
  process.exit(2);
}
const selected = runtimes.filter((runtime) => wanted.includes(runtime.id));
const byId = new Map(runtimes.map((runtime) => [runtime.id, runtime]));

const started = performance.now();
const seconds = (from, to = performance.now()) => `${((to - from) / 1000).toFixed(1)} s`;
/** Settles a promise into `{ ok, value | error, ms }` so one failure never stops the others. */
const timed = async (promise) => {
  const from = performance.now();
  try {
    return { ok: true, value: await promise, ms: performance.now() - from };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), ms: performance.now() - from };
  }
};

const scratch = await mkdtemp(join(tmpdir(), "noiz-ecosystem-"));
const consumerReady = timed(prepareConsumer(scratch));
const needed = new Set(selected.flatMap((runtime) => [runtime.id, ...(runtime.needs ?? [])]));
/** @type {Map<string, Promise<{ ok: boolean, value?: { cached: boolean }, error?: string, ms: number }>>} */
const installs = new Map([...needed].map((id) => [id, timed(installRuntime(byId.get(id)))]));
const chromiumReady = selected.some((runtime) => runtime.chromium) ? timed(ensureChromiumAsync()) : undefined;

const consumer = await consumerReady;
if (consumer.ok)
  console.error(
    `packed @noiz-voices/client, testing, node and mcp and installed them in a scratch project (${seconds(0, consumer.ms)})`,
  );
const names = consumer.ok
  ? [...(await import(pathToFileURL(consumer.value.bundles.esm).href)).scenarios.map((s) => s.name), MCP_SCENARIO]
  : [];

/**
 * @typedef {{ name: string, ok: boolean, ms: number, error?: string }} ScenarioResult
 * @typedef {{ runtime: import("./runtimes.mjs").Runtime, install: string, runMs?: number, error?: string, results: ScenarioResult[] }} Row
 */

/** @param {import("./runtimes.mjs").Runtime} runtime @returns {Promise<Row>} */
async function runOne(runtime) {
  const own = await installs.get(runtime.id);
  const install = !runtime.npm
    ? "machine's"
    : !own.ok
      ? `failed (${seconds(0, own.ms)})`
      : own.value.cached
        ? "cached"
        : seconds(0, own.ms);
  const row = { runtime, install, results: [] };
  const fail = (error) => Object.assign(row, { error });
  if (!own.ok) return fail(`could not be installed: ${own.error}`);
  for (const need of runtime.needs ?? []) {
    const other = await installs.get(need);
    if (!other.ok) return fail(`needs ${byId.get(need).label}, which could not be installed: ${other.error}`);
  }
  if (!consumer.ok) return fail(`the packed client could not be prepared: ${consumer.error}`);
  let chromiumPath = "";
  if (runtime.chromium) {
    const chromium = await chromiumReady;
    if (!chromium.ok) return fail(chromium.error);
    chromiumPath = chromium.value;
  }

  const server = await startFakeServer(undefined, { host: "127.0.0.1", port: 0 });
  const from = performance.now();
  try {
    const { command, args, cwd } = runtime.command({
      ...consumer.value,
      baseUrl: server.url,
      dirOf,
      chromiumPath,
    });
    const outcome = await runHost(command, args, cwd);
    row.runMs = performance.now() - from;
    const line = outcome.stdout.split("\n").find((text) => text.startsWith(RESULT_MARKER));
    if (!line) {
      const said = `${outcome.stderr}\n${outcome.stdout}`.trim().split("\n").slice(-8).join("\n    ");
      return fail(
        `${outcome.timedOut ? `no results within ${RUN_TIMEOUT_MS / 1000} s` : `exited with ${outcome.code}`} and no results:\n    ${said}`,
      );
    }
    row.results = JSON.parse(line.slice(RESULT_MARKER.length));
    if (runtime.mcp) {
      // The MCP server runs on Node only: the packed noiz-voices-mcp, on this runtime's node.
      const mcp = await runHost(command, [consumer.value.mcpHost(server.url, server.fake.apiKey)], cwd);
      const mcpLine = mcp.stdout.split("\n").find((text) => text.startsWith(RESULT_MARKER));
      if (mcpLine) row.results.push(...JSON.parse(mcpLine.slice(RESULT_MARKER.length)));
      row.runMs = performance.now() - from;
    }
    const expected = runtime.mcp ? names : names.filter((name) => name !== MCP_SCENARIO);
    const missing = expected.filter((name) => !row.results.some((result) => result.name === name));
    if (missing.length > 0) fail(`did not report ${missing.join(", ")}`);
    return row;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  } finally {
    await server.close();
  }
}

/** Starts a host in its own process group (so a timeout ends its children too: Chromium, workerd). */
function runHost(command, args, cwd) {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
    // The scenarios pass the fake's key; a developer's real key or URL must not reach a runtime.
    delete env.NOIZ_API_KEY;
    delete env.NOIZ_BASE_URL;
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (text) => {
      stdout += text;
    });
    child.stderr.setEncoding("utf8").on("data", (text) => {
      stderr = (stderr + text).slice(-20_000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      kill(child.pid);
    }, RUN_TIMEOUT_MS);
    child.on("error", (error) => {
      stderr += `\n${error.message}`;
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      // Whatever the host left behind (a browser, workerd) goes with its group.
      kill(child.pid);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

function kill(pid) {
  try {
    if (pid) process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

// A small pool: runtimes start as soon as their own install is done, at most `concurrency` at once.
const queue = [...selected];
/** @type {Map<string, Row>} */
const rows = new Map();
const concurrency = Math.max(1, Number(flags.concurrency) || 1);
await Promise.all(
  Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let runtime = queue.shift(); runtime; runtime = queue.shift()) {
      const row = await runOne(runtime);
      rows.set(runtime.id, row);
      console.error(
        `${runtime.label}: ${row.error ? "FAILED" : "done"} (run ${row.runMs ? seconds(0, row.runMs) : "-"})`,
      );
    }
  }),
);
const ordered = selected.map((runtime) => rows.get(runtime.id));

// The table: one row per scenario, one column per runtime.
const header = ["scenario", ...ordered.map((row) => row.runtime.label)];
const cell = (row, name) => {
  const result = row.results.find((entry) => entry.name === name);
  return result ? (result.ok ? "pass" : "FAIL") : "—";
};
const body = [
  ...(names.length ? names : ["(no scenarios: the client could not be prepared)"]).map((name) => [
    name,
    ...ordered.map((row) => cell(row, name)),
  ]),
  ["runtime", ...ordered.map((row) => (row.error ? "FAIL" : "ok"))],
  ["install", ...ordered.map((row) => row.install)],
  ["run", ...ordered.map((row) => (row.runMs === undefined ? "—" : seconds(0, row.runMs)))],
];
const widths = header.map((_, column) => Math.max(...[header, ...body].map((line) => line[column].length)));
const format = (line) =>
  line
    .map((text, column) => text.padEnd(widths[column]))
    .join("  ")
    .trimEnd();
const lines = [format(header), widths.map((width) => "-".repeat(width)).join("  "), ...body.map(format)];

const failures = ordered.flatMap((row) => [
  ...(row.error ? [`${row.runtime.label}: ${row.error}`] : []),
  ...row.results
    .filter((result) => !result.ok)
    .map((result) => `${row.runtime.label} / ${result.name}: ${result.error}`),
]);
console.log(
  `\nEcosystem matrix: the packed @noiz-voices/client (and, on Node, @noiz-voices/mcp) against the fake server\n\n${lines.join("\n")}\n`,
);
if (failures.length > 0) console.log(`Failures:\n${failures.map((text) => `  - ${text}`).join("\n")}\n`);
console.log(
  `${failures.length === 0 ? "All passed" : `${failures.length} failure(s)`}: ${selected.length} runtimes × ${names.length} scenarios in ${seconds(started)} (installs included).`,
);

if (flags.keep) console.log(`scratch project kept: ${scratch}`);
else await rm(scratch, { recursive: true, force: true });
process.exitCode = failures.length === 0 && consumer.ok ? 0 : 1;
