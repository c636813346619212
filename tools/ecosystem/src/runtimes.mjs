// The runtime matrix: what each runtime installs (pinned, from npm, into its own cache folder) and
// how the runner starts the scenarios on it. Everything runtime-specific lives here.
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const hostsDir = fileURLToPath(new URL("./hosts/", import.meta.url));
const { platform, arch } = process;

/** Pinned versions: a new release is a deliberate change here, never a surprise in CI. */
export const versions = {
  node22: "22.23.5",
  node24: "24.22.3",
  bun: "1.4.5",
  deno: "2.9.6",
  miniflare: "4.20260730.0",
  edgeRuntime: "4.0.1",
  playwrightCore: "1.65.1",
};

// The platform packages the npm wrappers would link at postinstall. Installs run with
// --ignore-scripts (no install-time downloads, no native builds such as sharp's), so the runner
// starts these binaries directly.
const nodeBinary = (dir) => join(dir, "node_modules", "node", "bin", "node");
const bunBinary = (dir) =>
  join(dir, "node_modules", "@oven", `bun-${platform}-${arch === "arm64" ? "aarch64" : arch}`, "bin", "bun");
const denoBinary = (dir) => join(dir, "node_modules", "@deno", `${platform}-${arch}-glibc`, "deno");

/**
 * @typedef {object} RunContext
 * @property {string} consumerDir  the scratch project: the packed client in node_modules, scenario.mjs beside it
 * @property {{ esm: string, iife: string, worker: string }} bundles  the scenario with the packed client inlined
 * @property {string} baseUrl      this runtime's own fake server
 * @property {(id: string) => string} dirOf  a runtime's cache folder
 * @property {string} chromiumPath
 * @property {(baseUrl: string) => string} scriptHost  writes a host for node/bun/deno, returns its file name
 *
 * @typedef {object} Runtime
 * @property {string} id
 * @property {string} label
 * @property {Record<string, string>} [npm]  dependencies of its cache folder
 * @property {(dir: string) => string} [binary]  an executable that must exist after the install
 * @property {string[]} [needs]  other runtimes whose install it uses
 * @property {boolean} [chromium]  needs Debian's Chromium
 * @property {boolean} [mcp]  a Node: also runs the MCP server's scenario (hosts/mcp.mjs) with its `command`
 * @property {(ctx: RunContext) => { command: string, args: string[], cwd: string }} command
 */

/** @param {string} version */
const nodeRuntime = (version) => ({
  npm: { node: `npm:node-${platform}-${arch}@${version}` },
  binary: nodeBinary,
});

/** @type {Runtime[]} */
export const runtimes = [
  {
    id: "node20",
    label: "Node 20",
    mcp: true,
    command: (ctx) => ({ command: process.execPath, args: [ctx.scriptHost(ctx.baseUrl)], cwd: ctx.consumerDir }),
  },
  {
    id: "node22",
    label: "Node 22",
    mcp: true,
    ...nodeRuntime(versions.node22),
    command: (ctx) => ({
      command: nodeBinary(ctx.dirOf("node22")),
      args: [ctx.scriptHost(ctx.baseUrl)],
      cwd: ctx.consumerDir,
    }),
  },
  {
    id: "node24",
    label: "Node 24",
    mcp: true,
    ...nodeRuntime(versions.node24),
    command: (ctx) => ({
      command: nodeBinary(ctx.dirOf("node24")),
      args: [ctx.scriptHost(ctx.baseUrl)],
      cwd: ctx.consumerDir,
    }),
  },
  {
    id: "bun",
    label: "Bun",
    npm: { bun: versions.bun },
    binary: bunBinary,
    command: (ctx) => ({
      command: bunBinary(ctx.dirOf("bun")),
      args: ["run", ctx.scriptHost(ctx.baseUrl)],
      cwd: ctx.consumerDir,
    }),
  },
  {
    id: "deno",
    label: "Deno",
    npm: { deno: versions.deno },
    binary: denoBinary,
    command: (ctx) => ({
      command: denoBinary(ctx.dirOf("deno")),
      // Only what the scenarios need: the fake on loopback, NOIZ_API_KEY, the project's files.
      args: [
        "run",
        "--no-prompt",
        "--allow-net=127.0.0.1",
        "--allow-env",
        "--allow-read=.",
        ctx.scriptHost(ctx.baseUrl),
      ],
      cwd: ctx.consumerDir,
    }),
  },
  {
    id: "workerd",
    label: "workerd",
    npm: { miniflare: versions.miniflare },
    needs: ["node22"],
    command: (ctx) => ({
      command: nodeBinary(ctx.dirOf("node22")),
      args: [join(hostsDir, "workerd.mjs"), ctx.dirOf("workerd"), ctx.bundles.worker, ctx.baseUrl],
      cwd: ctx.consumerDir,
    }),
  },
  {
    id: "edge",
    label: "edge-runtime",
    npm: { "edge-runtime": versions.edgeRuntime },
    command: (ctx) => ({
      command: process.execPath,
      args: [join(hostsDir, "edge.mjs"), ctx.dirOf("edge"), ctx.bundles.iife, ctx.baseUrl],
      cwd: ctx.consumerDir,
    }),
  },
  {
    id: "chromium",
    label: "Chromium",
    npm: { "playwright-core": versions.playwrightCore },
    chromium: true,
    command: (ctx) => ({
      command: process.execPath,
      args: [join(hostsDir, "chromium.mjs"), ctx.dirOf("chromium"), ctx.bundles.esm, ctx.baseUrl, ctx.chromiumPath],
      cwd: ctx.consumerDir,
    }),
  },
];
