/** Exit codes and the error report of the `noiz-voices` command: one line, or one JSON object with `--json`. */
import {
  AbortError,
  AuthenticationError,
  ConnectionError,
  InvalidResponseError,
  NotFoundError,
  type Setting,
  TimeoutError,
  ValidationError,
  VoicesError,
} from "@noiz-voices/client";
import { CommanderError } from "commander";
import { jsonText, visible } from "./escape.js";

import { EXIT, UsageError } from "./usage.js";

export { EXIT, UsageError };

// The SDK's AbortError, or the DOM one (a prompt interrupted by Ctrl-C).
const isAbort = (error: unknown) => error instanceof AbortError || (error as Error | undefined)?.name === "AbortError";

/** Validation fields that describe the server's data, not the command line. */
const SERVER_FIELDS = new Set(["sample", "voice"]);

/** The exit code for an error thrown by a command. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof ValidationError) return SERVER_FIELDS.has(error.field) ? EXIT.failure : EXIT.usage;
  if (isAbort(error)) return EXIT.interrupted;
  return EXIT.failure;
}

/** The request id of a failed exchange: the SDK's errors carry it (found in the headers by the core). */
export const requestIdOf = (error: unknown): string | undefined =>
  error instanceof VoicesError && error.requestId ? error.requestId : undefined;

/** SDK option and input names, as the command line spells them (the `field` of a `ValidationError`). */
const CLI_NAMES: Record<string, string> = {
  apiKey: "the API key",
  baseUrl: "--base-url or NOIZ_BASE_URL",
  timeoutMs: "--timeout",
  logLevel: "--log-level or NOIZ_LOG",
  limit: "--limit",
  skip: "--page",
  voice_type: "--type",
  keyword: "--keyword",
  display_name: "--name",
  language: "--language",
  voice_url: "the URL to clone from",
  file: "the file to clone",
  path: "the file to clone",
  voice_id: "<voice_id>",
  destPath: "--out",
};

/** Where every key can come from, in the order they are tried, for an authentication failure. */
const KEY_HINT = "Check --api-key / --api-key-file / NOIZ_API_KEY / NOIZ_API_KEY_FILE, or run `noiz-voices login`.";

/** What the command says to do, by the setting the SDK names: its flags instead of the SDK's option names. */
const SETTING_HINTS: Record<Setting, string> = {
  apiKey: KEY_HINT,
  baseUrl: "Check --base-url or NOIZ_BASE_URL.",
  timeoutMs: "Raise --timeout.",
  maxResponseBytes: "The answer was larger than the command reads.",
};

/** What the command says when a sample's host cannot be reached or redirects where it may not go. */
const SAMPLE_HOST_HINT =
  "The sample URL comes from the service: try again later, or get the voice again for a fresh sample URL.";

/** The sample's host was not reached (not a timeout: `--timeout` fixes that), or redirected where a download may not go. */
const sampleHostFailed = (error: VoicesError) =>
  (error instanceof ConnectionError && !(error instanceof TimeoutError)) ||
  (error instanceof InvalidResponseError && error.status !== undefined && error.status > 299 && error.status < 400);

/** What the command says for a voice that was not found, by the operation that looked for it. */
const NOT_FOUND_HINTS: Record<string, string> = {
  deleteVoice: "Only custom voices can be deleted; `noiz-voices list` shows yours.",
  getVoice: "Check the <voice_id> (`noiz-voices list` shows them).",
  downloadVoiceSample: "Check the <voice_id> (`noiz-voices list` shows them).",
};

/** Context that makes a message more useful: where the key came from. */
export interface ErrorContext {
  /** `--api-key-file`, `NOIZ_API_KEY`, ...: named when the service rejects the key. */
  keySource?: string | undefined;
}

/** The command's own hint for an SDK error, from its fields: the setting, the class, the operation. */
function hintOf(error: VoicesError, context: ErrorContext): string | undefined {
  if (error instanceof AuthenticationError) {
    return `${KEY_HINT}${context.keySource ? ` The key came from ${context.keySource}.` : ""}`;
  }
  if (error instanceof NotFoundError && error.operation && error.operation in NOT_FOUND_HINTS) {
    return NOT_FOUND_HINTS[error.operation];
  }
  // A sample's host is not the API: the URL came from the service, --base-url has nothing to do with it.
  if (error.operation === "downloadVoiceSample" && sampleHostFailed(error)) return SAMPLE_HOST_HINT;
  return error.setting ? SETTING_HINTS[error.setting] : undefined;
}

/**
 * The message, in the command's words: the SDK's hint (a field of the error, so no sentence is
 * parsed) is replaced by the command's own, which names its flags and environment variables.
 */
export function cliMessage(error: unknown, context: ErrorContext = {}): string {
  if (isAbort(error)) return "Interrupted; nothing more was sent.";
  const message = (error instanceof Error ? error.message : String(error)).trim();
  if (error instanceof ValidationError) {
    const name = CLI_NAMES[error.field];
    // The SDK's sentence stays as it is; the flag that sets the field follows it. An argument
    // (<voice_id>, the file) is what the sentence already speaks of.
    return name?.startsWith("--") && !message.includes(name) ? `${message} Set it with ${name}.` : message;
  }
  if (error instanceof VoicesError) {
    const hint = hintOf(error, context);
    if (!hint) return message;
    return error.hint && message.includes(error.hint) ? message.replace(error.hint, () => hint) : `${message} ${hint}`;
  }
  if (error instanceof UsageError) return message;
  return `Unexpected error: ${message} (run again with --debug for details).`;
}

/** The `--json` form of an error. */
export interface ErrorReport {
  name: string;
  message: string;
  status: number | null;
  code: number | null;
  requestId: string | null;
}

/** The error as `{ name, message, status, code, requestId }`; absent values are null. */
export function errorReport(error: unknown, context: ErrorContext = {}): ErrorReport {
  const { status, code } = (error ?? {}) as { status?: unknown; code?: unknown };
  const requestId = requestIdOf(error);
  let message = cliMessage(error, context);
  if (requestId && !message.includes(requestId)) message += ` (request id ${requestId})`;
  return {
    name: isAbort(error) ? "AbortError" : error instanceof Error ? error.name : "Error",
    message,
    status: typeof status === "number" ? status : null,
    // Commander's codes are strings ("commander.unknownOption"); only the envelope's numeric code is reported.
    code: typeof code === "number" ? code : null,
    requestId: requestId ?? null,
  };
}

/** The stack and causes, for `--debug`. */
function stacks(error: unknown): string[] {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const stack = current instanceof Error ? (current.stack ?? String(current)) : String(current);
    lines.push(`${depth === 0 ? "" : "Caused by: "}${stack}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines;
}

/**
 * The report of a failed run for stderr: `noiz-voices: <message>` on one line, or with `json` one
 * `{ "error": { ... } }` object on one line; `debug` adds the stack and causes. Escaped by `visible`.
 */
export function describeError(error: unknown, options: { debug: boolean; json: boolean } & ErrorContext): string {
  const report = errorReport(error, options);
  if (options.json) {
    return `${jsonText({ error: options.debug ? { ...report, stack: stacks(error).join("\n") } : report })}\n`;
  }
  let text = `noiz-voices: ${visible(report.message)}\n`;
  if (options.debug) {
    for (const stack of stacks(error)) text += `${stack.split("\n").map(visible).join("\n")}\n`;
  }
  return text;
}
