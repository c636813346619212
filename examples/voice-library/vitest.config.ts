// Its own config, so vitest does not load vite.config.ts (whose backend plugin would start a fake server).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Installing Chromium (when missing) and starting the preview take a while on a bare machine.
    hookTimeout: 300_000,
    testTimeout: 60_000,
  },
});
