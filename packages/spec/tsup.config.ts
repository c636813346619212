import { defineConfig } from "tsup";

// One entry: the typed document. openapi.yaml and openapi.json are written beside it by
// scripts/emit-documents.mjs.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: false,
  target: "es2022",
  treeshake: true,
});
