import { defineConfig } from "tsup";

export default defineConfig([
  {
    // `internal`: what @noiz-voices/mcp shares with this package (the terminal escaping); not a public API.
    entry: { index: "src/index.ts", internal: "src/internal.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    target: "node20",
    treeshake: true,
  },
  {
    // @noiz-voices/testing (for `noiz-voices mock`) is an optional peer: imported at run time, never bundled.
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    treeshake: true,
  },
]);
