/** Exit codes and the one-line error report of the `noiz-voices` command. */
import { AbortError, ValidationError, VoicesError } from "@noiz-voices/client";
import { CommanderError } from "commander";

/** Exit codes: 0 success, 1 API or network error, 2 usage error; 130 when interrupted (Ctrl-C). */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** A mistake in how the command was called: reported on one line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The user declined a confirmation: nothing was done, exit code 1. */
export class CancelledError extends Error {
  override name = "CancelledError";
}

// The SDK's AbortError, or the DOM one (a prompt interrupted by Ctrl-C).
const isAbort = (error: unknown) => error instanceof AbortError || (error as Error | undefined)?.name === "AbortError";

/** The exit code for an error thrown by a command. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof UsageError || error instanceof ValidationError) return EXIT.usage;
  if (isAbort(error)) return EXIT.interrupted;
  return EXIT.failure;
}

/** One line that says what failed and what to do; with `debug`, the stack and causes follow. */
export function describeError(error: unknown, debug: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  let line = message.replace(/\s*\n\s*/g, " ").trim();
  if (isAbort(error)) line = "Interrupted; nothing more was sent.";
  else if (!(error instanceof VoicesError || error instanceof UsageError || error instanceof CancelledError)) {
    line = `Unexpected error: ${line} (run again with --debug for details).`;
  }
  let text = `noiz-voices: ${line}\n`;
  if (debug) {
    let current: unknown = error;
    for (let depth = 0; depth < 5 && current; depth++) {
      const stack = current instanceof Error ? (current.stack ?? String(current)) : String(current);
      text += `${depth === 0 ? "" : "Caused by: "}${stack}\n`;
      current = current instanceof Error ? current.cause : undefined;
    }
  }
  return text;
}
