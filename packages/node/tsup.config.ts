import { copyFile } from "node:fs/promises";
import { defineConfig } from "tsup";

// The testing entry ships the spec it serves, so users' tests run against the same contract.
const copySpec = () => copyFile("../../spec/voices.openapi.yaml", "dist/voices.openapi.yaml");

export default defineConfig([
  {
    entry: { index: "src/index.ts", testing: "src/testing.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    target: "node20",
    treeshake: true,
    // import.meta.url in the CJS build (the testing entry finds the spec and Prism from it).
    shims: true,
    onSuccess: copySpec,
  },
  {
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    treeshake: true,
  },
]);
