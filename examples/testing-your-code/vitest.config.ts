import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The CLI tests start processes; on a loaded machine that takes a while (nothing here waits on a timer).
    testTimeout: 60_000,
  },
});
