import { defineConfig } from "tsup";

export default defineConfig({
  // `index`: the fake, for any runtime with fetch (no Node built-ins; msw is loaded on first use).
  // `server`: the loopback server, Node only. Both share one chunk of the fake (CJS included).
  entry: { index: "src/index.ts", server: "src/server.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  target: "es2022",
  platform: "neutral",
  treeshake: true,
  external: [/^node:/, "msw", "@noiz-voices/client"],
  removeNodeProtocol: false,
  // import.meta.url in the CJS build: msw is loaded relative to this package.
  shims: true,
});
