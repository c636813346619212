import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./test/prism-setup.ts"],
    include: ["test/**/*.test.ts"],
    // Generous: on a loaded machine the fuzz and the timed cases slow down; nothing here waits on a hang.
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // The suites time retries and timeouts: two cores shared with Prism is enough parallelism.
    maxWorkers: 2,
  },
});
