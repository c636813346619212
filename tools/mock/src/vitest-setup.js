// A vitest globalSetup: one Prism mock for a test run, its URL provided as `mockUrl`.
import { startMockServer } from "./index.js";

let server;

export async function setup(project) {
  server = await startMockServer();
  project.provide("mockUrl", server.url);
}

export async function teardown() {
  await server?.stop();
}
