import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./test/pack-setup.ts"],
    include: ["test/**/*.test.ts"],
    // Each file runs npm, tsc, Prism or esbuild in child processes: two at a time is plenty.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
