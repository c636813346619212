/** What a tool call answers with: texts free of secrets, errors as people read them. */
import { VoicesError } from "@noiz-voices/client";
import { createRedactor } from "@noiz-voices/client/internal";

/** A text with every secret cut out, in every form the core's redactor knows (as given, trimmed, URL-encoded, JSON-escaped). */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const each = secrets.filter((secret) => secret.trim().length >= 4).map((secret) => createRedactor(secret));
  return (text) => each.reduce((out, redact) => redact(out), text);
}

/** The text of a failed call: the SDK's message (the request id is in it when the server sent one). */
export function failureText(error: unknown): string {
  if (error instanceof VoicesError) {
    const status = error.status === undefined ? "" : ` (HTTP ${error.status})`;
    const requestId =
      error.requestId && !error.message.includes(error.requestId) ? ` Request id: ${error.requestId}.` : "";
    return `${error.name}${status}: ${error.message}${requestId}`;
  }
  return `Error: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * `text` as a terminal or a log shows it as it is: C0 and C1 controls (ESC, BEL, CR, LF, CSI) and bidi
 * controls written as `\uXXXX`, the form JSON uses. For the one-line texts built from server values.
 */
export const visible = (text: string): string =>
  text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it escapes.
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );

/** A JSON text that a terminal or a log shows as it is: C1 and bidi controls escaped too (JSON escapes C0). */
export const jsonText = (value: unknown): string => visible(JSON.stringify(value));
