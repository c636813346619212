import { defineConfig } from "tsup";

export default defineConfig({
  // `adapter`: the transport seam for packages that bring their own (`@noiz-voices/client/adapter`).
  entry: ["src/index.ts", "src/adapter.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  treeshake: true,
});
