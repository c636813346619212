// The user's side: packs @noiz-voices/client (and @noiz-voices/testing, for makeWav; @noiz-voices/node
// and @noiz-voices/mcp, for the MCP server's scenario on Node), installs the tarballs into a scratch npm
// project (as a user would: no workspace, no pnpm) and builds the one scenario file for each kind of host.
import { existsSync, writeFileSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { installTarballs } from "../../packaging/src/consumer-project.mjs";
import { packPackages } from "../../packaging/src/pack.mjs";
import { publishedPackages } from "../../scripts/published-packages.mjs";
import { RESULT_MARKER } from "./hosts/load.mjs";

const srcDir = fileURLToPath(new URL("./", import.meta.url));

/**
 * @param {string} dir  an empty scratch folder (outside the workspace)
 * @returns {Promise<{ consumerDir: string, bundles: { esm: string, iife: string, worker: string }, scriptHost: (baseUrl: string) => string, mcpHost: (baseUrl: string, apiKey: string) => string }>}
 */
export async function prepareConsumer(dir) {
  // The client, and the test kit for the scenario's WAV (makeWav), as a user's project has them; the
  // MCP server (with the Node client it runs on) for the Node runtimes' MCP scenario.
  const wanted = ["@noiz-voices/client", "@noiz-voices/testing", "@noiz-voices/node", "@noiz-voices/mcp"];
  const packages = publishedPackages().filter((pkg) => wanted.includes(pkg.name));
  if (packages.length !== wanted.length) throw new Error(`${wanted.join(" or ")} is missing from packages/`);
  for (const pkg of packages) {
    if (!existsSync(join(pkg.dir, "dist"))) {
      throw new Error(`${pkg.name} is not built: run \`pnpm build\` (turbo builds it first in \`pnpm test\`)`);
    }
  }
  const consumerDir = join(dir, "consumer");
  await mkdir(join(consumerDir, "src", "hosts"), { recursive: true });
  const packed = packPackages(packages, dir);
  await installTarballs(consumerDir, packed, []);

  // The sources are copied into the scratch project before bundling, so `@noiz-voices/client`
  // resolves to the installed tarball there, never to the workspace's copy beside src/.
  await copyFile(join(srcDir, "scenario.ts"), join(consumerDir, "src", "scenario.ts"));
  await copyFile(join(srcDir, "hosts", "worker.ts"), join(consumerDir, "src", "hosts", "worker.ts"));
  await copyFile(join(srcDir, "hosts", "mcp.mjs"), join(consumerDir, "mcp.mjs"));
  const common = { absWorkingDir: consumerDir, bundle: true, target: "es2022", logLevel: "error", charset: "utf8" };
  const scenario = join(consumerDir, "src", "scenario.ts");
  const bundles = {
    esm: join(consumerDir, "scenario.bundle.mjs"),
    iife: join(consumerDir, "scenario.iife.js"),
    worker: join(consumerDir, "worker.bundle.mjs"),
  };
  await Promise.all([
    // Node, Bun and Deno import the client by name from node_modules, as a user's program does
    // (makeWav is bundled in: it is all the scenario takes from the test kit).
    build({
      ...common,
      entryPoints: [scenario],
      outfile: join(consumerDir, "scenario.mjs"),
      format: "esm",
      platform: "neutral",
      external: ["@noiz-voices/client"],
    }),
    // Chromium, workerd and edge-runtime get the client bundled in, as a bundler would ship it.
    build({ ...common, entryPoints: [scenario], outfile: bundles.esm, format: "esm", platform: "browser" }),
    build({
      ...common,
      entryPoints: [scenario],
      outfile: bundles.iife,
      format: "iife",
      globalName: "__ecosystem",
      platform: "browser",
    }),
    build({
      ...common,
      entryPoints: [join(consumerDir, "src", "hosts", "worker.ts")],
      outfile: bundles.worker,
      format: "esm",
      platform: "browser",
      conditions: ["workerd", "worker"],
    }),
  ]);

  let hosts = 0;
  /** Writes a host program for Node, Bun and Deno; the URL is baked in, so no runtime reads argv or env. */
  const scriptHost = (baseUrl) => {
    const name = `host-${++hosts}.mjs`;
    const source = `import { runScenarios } from "./scenario.mjs";
const results = await runScenarios({ baseUrl: ${JSON.stringify(baseUrl)} });
console.log(${JSON.stringify(RESULT_MARKER)} + JSON.stringify(results));
`;
    // Synchronous on purpose: a runtime's command is built right before it starts.
    writeFileSync(join(consumerDir, name), source);
    return name;
  };
  /** Writes a host for the MCP scenario (Node runtimes), the fake's URL and key baked in. */
  const mcpHost = (baseUrl, apiKey) => {
    const name = `mcp-host-${++hosts}.mjs`;
    const source = `import { runMcp } from "./mcp.mjs";
console.log(${JSON.stringify(RESULT_MARKER)} + JSON.stringify(await runMcp(${JSON.stringify({ baseUrl, apiKey })})));
`;
    writeFileSync(join(consumerDir, name), source);
    return name;
  };
  return { consumerDir, bundles, scriptHost, mcpHost };
}
