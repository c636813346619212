import type { TestProject } from "vitest/node";

// The repository's one declaration of what its vitest global setups provide to tests
// (`inject(name)`): every setup that starts a server imports its type from here, so a name is
// declared once, with one type, however many suites use it.
declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the Prism mock serving spec/voices.openapi.yaml's examples (this setup, and others that start one). */
    mockUrl: string;
    /** Base URL of Prism with --dynamic: generated data for every response (tools/reliability). */
    dynamicMockUrl: string;
  }
}

/** Starts the Prism mock and provides its URL to the tests as `inject("mockUrl")`. */
export function setup(project: TestProject): Promise<void>;

/** Stops the Prism mock. */
export function teardown(): Promise<void>;
