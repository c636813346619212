/** What a tool call answers with: texts free of secrets, errors as people read them. */
import { VoicesError } from "@noiz-voices/client";
import { createRedactor } from "@noiz-voices/client/internal";
import { visible } from "@noiz-voices/node/internal";

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

/** A JSON text that a terminal or a log shows as it is: the `noiz-voices` command's escaping over JSON's own. */
export const jsonText = (value: unknown): string => visible(JSON.stringify(value));
