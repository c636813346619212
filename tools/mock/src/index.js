// Starts Prism on the spec. Plain JS with a .d.ts beside it, so tests and scripts use it unbuilt.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
export const defaultSpecPath = resolve(here, "../../../spec/voices.openapi.yaml");

function prismBin() {
  let pkg;
  try {
    pkg = require.resolve("@stoplight/prism-cli/package.json");
  } catch {
    throw new Error(
      "startMockServer needs Prism: install it beside your tests with `npm install --save-dev @stoplight/prism-cli@5`.",
    );
  }
  return resolve(dirname(pkg), "dist/index.js");
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitUntilAnswering(url, child, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      // Any HTTP answer (a 401 without a key) means Prism is serving.
      await fetch(`${url}/voices`, { signal: AbortSignal.timeout(1000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return false;
}

function stopChild(child) {
  return new Promise((resolveStop) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
    const killTimer = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(killTimer);
      resolveStop();
    });
    child.kill("SIGTERM");
  });
}

export async function startMockServer(options = {}) {
  const specPath = options.specPath ?? defaultSpecPath;
  const startTimeoutMs = options.startTimeoutMs ?? 90_000;
  // A port taken between probing and binding makes Prism exit 1: try a few.
  for (let tryNumber = 0; tryNumber < 3; tryNumber++) {
    const port = options.port ?? (await freePort());
    const args = [prismBin(), "mock", "-h", "127.0.0.1", "-p", String(port), "--errors"];
    if (options.dynamic) args.push("--dynamic");
    args.push(specPath);
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk) => {
      output = (output + chunk).slice(-4000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const url = `http://127.0.0.1:${port}`;
    const stopOnExit = () => child.kill("SIGTERM");
    process.once("exit", stopOnExit);
    if (await waitUntilAnswering(url, child, Date.now() + startTimeoutMs)) {
      return {
        url,
        port,
        stop: async () => {
          process.removeListener("exit", stopOnExit);
          await stopChild(child);
        },
      };
    }
    process.removeListener("exit", stopOnExit);
    await stopChild(child);
    if (options.port !== undefined || tryNumber === 2) {
      throw new Error(`Prism did not start on ${url} within ${startTimeoutMs} ms:\n${output}`);
    }
  }
  throw new Error("unreachable");
}
