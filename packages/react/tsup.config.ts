import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  treeshake: true,
  // Peers: one copy each, the app's. Bundling react or TanStack Query would split their contexts.
  external: ["react", "react/jsx-runtime", "@tanstack/react-query", "@noiz-voices/client"],
});
