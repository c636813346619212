import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "happy-dom",
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts", "test/**/*.test-d.tsx"],
      tsconfig: "./tsconfig.test.json",
    },
    testTimeout: 20_000,
  },
});
