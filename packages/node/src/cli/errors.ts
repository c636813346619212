/** Exit codes and the error report of the `noiz-voices` command: one line, or one JSON object with `--json`. */
import { AbortError, AuthenticationError, ValidationError, VoicesError } from "@noiz-voices/client";
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

/** Response headers that carry a request id, in the order they are looked up. */
const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "cf-ray"];

/** The request id of a failed exchange: the SDK's `requestId` when it has one, else from the headers. */
export function requestIdOf(error: unknown): string | undefined {
  const own = (error as { requestId?: unknown } | undefined)?.requestId;
  if (typeof own === "string" && own !== "") return own;
  const headers = (error as { headers?: unknown } | undefined)?.headers;
  if (!(headers instanceof Headers)) return undefined;
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/** SDK option and field names, as the command line spells them. */
const CLI_NAMES: Record<string, string> = {
  apiKey: "the API key",
  baseUrl: "--base-url (or NOIZ_BASE_URL)",
  timeoutMs: "--timeout",
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

/** Where every key can come from, for an authentication failure. */
const KEY_HINT = "Check --api-key / --api-key-file / NOIZ_API_KEY / NOIZ_API_KEY_FILE, or run `noiz-voices login`.";

/** Context that makes a message more useful: where the key came from. */
export interface ErrorContext {
  /** `--api-key-file`, `NOIZ_API_KEY`, ...: named when the service rejects the key. */
  keySource?: string | undefined;
}

/** The message, with the SDK's option names replaced by the command's flags and environment variables. */
export function cliMessage(error: unknown, context: ErrorContext = {}): string {
  if (isAbort(error)) return "Interrupted; nothing more was sent.";
  const message = (error instanceof Error ? error.message : String(error)).trim();
  if (error instanceof ValidationError && error.field in CLI_NAMES) {
    const name = CLI_NAMES[error.field]!;
    // "baseUrl must be ..." → "--base-url (or NOIZ_BASE_URL) must be ..."; otherwise the name leads.
    const pattern = new RegExp(`\`?\\b${error.field}\\b\`?`, "g");
    return pattern.test(message) ? message.replace(pattern, name) : `${name}: ${message}`;
  }
  if (error instanceof AuthenticationError) {
    const from = context.keySource ? ` The key came from ${context.keySource}.` : "";
    // The SDK's own hint names `apiKey`; the command's names its flags.
    return `${message.replace(/\s*Check the API key\b[^.]*\)\.?/, "")} ${KEY_HINT}${from}`;
  }
  if (error instanceof VoicesError) {
    // Only the SDK's own hints: the server's words around them are left as they are.
    return message
      .replace(/\bCheck baseUrl\b/, `Check ${CLI_NAMES.baseUrl}`)
      .replace(/\bRaise timeoutMs\b/, `Raise ${CLI_NAMES.timeoutMs}`)
      .replace(/Check the voice_id\./, "Check the <voice_id> (`noiz-voices list` shows them).");
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
