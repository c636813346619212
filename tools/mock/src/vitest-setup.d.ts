import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism mock serving spec/voices.openapi.yaml. */
    mockUrl: string;
  }
}

/** Starts the Prism mock and provides its URL to the tests as `inject("mockUrl")`. */
export function setup(project: TestProject): Promise<void>;

/** Stops the Prism mock. */
export function teardown(): Promise<void>;
