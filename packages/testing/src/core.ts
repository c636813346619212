/** How the transports of this package (fetch, msw, the loopback server) reach a fake; not public API. */
import type { FakeVoices } from "./fake.js";

/** A form body a transport has already read (the server keeps file parts on disk). */
export interface ParsedUpload {
  /** The fields; file parts are `File`s (on disk for the server). */
  form: FormData;
  /** Called with each file part the fake keeps (a clone's audio, served as its sample); the rest can go. */
  keep(file: Blob): void;
}

/** Answers one request for a fake. */
export interface FakeCore {
  /**
   * Answers `request`; sample URLs point under `base`. Rejects with `CONNECTION_RESET` for a reset.
   * `upload` is the request's form when the transport has read it already (its body is then empty).
   */
  handle(request: Request, base: string, upload?: ParsedUpload): Promise<Response>;
}

// Registered symbols: the package's ESM and CJS builds, and its two entries, see the same ones.
/** Where a fake keeps its core. */
export const CORE: unique symbol = Symbol.for("@noiz-voices/testing/core") as never;

/** What `handle` rejects with when a fault resets the connection: each transport fails in its own way. */
export const CONNECTION_RESET: unique symbol = Symbol.for("@noiz-voices/testing/connection-reset") as never;

/** Whether `handle` rejected because of an injected connection reset. */
export const isConnectionReset = (error: unknown): boolean => error === CONNECTION_RESET;

/** The core of a fake made by `createFakeVoices`. */
export function coreOf(fake: FakeVoices): FakeCore {
  const core = (fake as Partial<Record<typeof CORE, FakeCore>>)[CORE];
  if (!core) throw new TypeError("Expected a fake made by createFakeVoices() of @noiz-voices/testing.");
  return core;
}
