import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./test/mock-setup.ts"],
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    typecheck: {
      enabled: true,
      include: ["src/**/*.test-d.ts"],
      tsconfig: "./tsconfig.test.json",
    },
    testTimeout: 20_000,
  },
});
