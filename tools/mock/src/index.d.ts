/** Options of `startMockServer`. */
export interface MockServerOptions {
  /** The OpenAPI document to serve (default: the Voices API spec, spec/voices.openapi.yaml). */
  specPath?: string;
  /** Port to listen on (default: a free port). */
  port?: number;
  /** Serve generated data instead of the spec's examples (Prism `--dynamic`). */
  dynamic?: boolean;
  /** How long to wait for Prism to answer, in milliseconds (default 90000). */
  startTimeoutMs?: number;
}

/** A running mock server. */
export interface MockServer {
  /** Base URL to pass as `baseUrl`, such as `http://127.0.0.1:43121`. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** Stops the server (SIGTERM, then SIGKILL) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts Prism on 127.0.0.1 serving the spec, and resolves once it answers. */
export function startMockServer(options?: MockServerOptions): Promise<MockServer>;

/** Absolute path of spec/voices.openapi.yaml in this repository. */
export const defaultSpecPath: string;
