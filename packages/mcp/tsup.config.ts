import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
const define = { __PACKAGE_VERSION__: JSON.stringify(version) };

export default defineConfig([
  {
    // The library: createVoicesMcpServer, for programs that host the server themselves.
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    target: "node20",
    treeshake: true,
    define,
  },
  {
    // The command, run by bin/noiz-voices-mcp.mjs.
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    treeshake: true,
    define,
  },
]);
