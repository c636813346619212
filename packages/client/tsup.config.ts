import { defineConfig } from "tsup";

// `adapter`: the transport seam for packages that bring their own (`@noiz-voices/client/adapter`).
// `internal`: what the sibling packages share with the core; not a public API.
// `otel`: opt-in OpenTelemetry tracing; the only file that imports `@opentelemetry/api` (an optional peer).
// One build for every runtime: nothing is loaded later but `client.raw`'s openapi-fetch, so Node,
// browsers and bundlers get the same files. Shared code is one chunk in both formats, so an error
// made by `./internal` is an instance of the classes `.` exports, in ESM and in CommonJS alike.
export default defineConfig({
  entry: ["src/index.ts", "src/adapter.ts", "src/internal.ts", "src/otel.ts"],
  format: ["esm", "cjs"],
  splitting: true,
  dts: true,
  sourcemap: true,
  target: "es2022",
  treeshake: true,
});
