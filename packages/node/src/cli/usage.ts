/**
 * Exit codes and the usage error: what the program needs before any command runs, so it loads
 * nothing else (errors.ts, which reports SDK errors, loads the client and is imported on failure only).
 */

/**
 * Exit codes: 0 success (a declined delete included), 1 API, network or response error, 2 usage or
 * local configuration error, 130 interrupted (Ctrl-C).
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** A mistake in how the command was called, or in its local setup (key file, stored keys): exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
