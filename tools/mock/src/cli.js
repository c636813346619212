#!/usr/bin/env node
// Serves the spec until interrupted: `pnpm mock` at the repository root.
import { startMockServer } from "./index.js";

const server = await startMockServer({ port: process.env.PORT ? Number(process.env.PORT) : undefined });
console.log(`Prism mock of the Voices API on ${server.url} (Ctrl-C to stop)`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
