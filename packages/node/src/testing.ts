/**
 * `@noiz-voices/node/testing`: a Prism mock of the Voices API for your own tests. It serves the
 * OpenAPI document this package was built from, so your code is checked against the same contract:
 * a request that breaks the spec gets HTTP 422 with an `sl-violations` header.
 * Needs `@stoplight/prism-cli` (an optional peer dependency) installed beside your tests.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
// One implementation, bundled in at build time: the repository's own tests use it too.
import {
  type MockServer,
  type MockServerOptions,
  startMockServer as startPrism,
} from "../../../tools/mock/src/index.js";

export type { MockServer, MockServerOptions };

/** Absolute path of the OpenAPI document shipped with this package (the mock serves it by default). */
export const specPath: string = fileURLToPath(new URL("./voices.openapi.yaml", import.meta.url));

/**
 * Starts Prism on 127.0.0.1 and a free port, serving the Voices API spec, and resolves once it
 * answers. Pass `url` as the client's `baseUrl` and any API key; call `stop()` when done.
 * `Prefer: code=404` or `Prefer: example=NAME` request headers pick other documented responses.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const spec = options.specPath ?? specPath;
  if (!existsSync(spec)) {
    throw new Error(`startMockServer: no OpenAPI document at ${spec}. Reinstall @noiz-voices/node or pass specPath.`);
  }
  return startPrism({ ...options, specPath: spec });
}
