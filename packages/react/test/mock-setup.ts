import { type MockServer, startMockServer } from "@noiz-voices/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism mock serving spec/voices.openapi.yaml. */
    mockUrl: string;
  }
}

let server: MockServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await startMockServer();
  project.provide("mockUrl", server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
