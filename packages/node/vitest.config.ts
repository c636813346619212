import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./test/setup/mock-setup.ts"],
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.test.json",
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The global setup waits for Prism, which a busy machine can slow down a lot.
    teardownTimeout: 30_000,
  },
});
