import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./test/pack-setup.ts"],
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
