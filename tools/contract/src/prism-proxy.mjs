// Runs `prism proxy --errors` on 127.0.0.1 in front of an upstream: every request and response
// is validated against the spec, and one that breaks it comes back as Prism's problem+json.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";

const require = createRequire(import.meta.url);
const prismCli = resolve(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist/index.js");

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * @typedef {object} PrismProxy
 * @property {string} url       the proxy's base URL, to use as the client's `baseUrl`
 * @property {() => string} output  what Prism printed so far (its last 20 000 characters)
 * @property {() => Promise<void>} stop
 */

/**
 * @param {{ specPath: string, upstream: string, startTimeoutMs?: number }} options
 * @returns {Promise<PrismProxy>}
 */
export async function startPrismProxy({ specPath, upstream, startTimeoutMs = 90_000 }) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [prismCli, "proxy", "-h", "127.0.0.1", "-p", String(port), "--errors", specPath, upstream],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const keep = (chunk) => {
      output = (output + chunk).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const stopOnExit = () => child.kill("SIGTERM");
    process.once("exit", stopOnExit);
    const stop = () =>
      new Promise((resolveStop) => {
        process.removeListener("exit", stopOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolveStop(undefined);
        const killTimer = setTimeout(() => child.kill("SIGKILL"), 3000);
        child.once("exit", () => {
          clearTimeout(killTimer);
          resolveStop(undefined);
        });
        child.kill("SIGTERM");
      });
    // Polling the proxy would forward requests upstream: wait for Prism to say it listens.
    const started = await new Promise((resolveStart) => {
      const timer = setTimeout(() => resolveStart(false), startTimeoutMs);
      const onData = () => {
        if (output.includes("Prism is listening")) {
          clearTimeout(timer);
          resolveStart(true);
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.once("exit", () => {
        clearTimeout(timer);
        resolveStart(false);
      });
    });
    if (started) return { url: `http://127.0.0.1:${port}`, output: () => output, stop };
    await stop();
    if (attempt === 2) throw new Error(`prism proxy did not start within ${startTimeoutMs} ms:\n${output}`);
  }
  throw new Error("unreachable");
}
