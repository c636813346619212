import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { voicesBackend } from "./backend/voices-backend.js";

export default defineConfig({
  plugins: [react(), voicesBackend()],
  // Loopback only: the dev server and the preview are for this machine.
  server: { host: "127.0.0.1", port: 5173 },
  preview: { host: "127.0.0.1", port: 4173 },
  build: { sourcemap: true },
});
