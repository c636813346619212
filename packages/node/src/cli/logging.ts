/** `--log-level` and `NOIZ_LOG`: a console-shaped logger that writes escaped, redacted lines to stderr. */
import { formatWithOptions } from "node:util";
import type { Logger, LogLevel } from "@noiz-voices/client";
import { jsonText, visible } from "./escape.js";

/** The client's levels, most verbose first; `off` logs nothing. */
export const LOG_LEVELS = ["debug", "info", "warn", "error", "off"] as const satisfies readonly LogLevel[];

/** True for one of `LOG_LEVELS`. */
export const isLogLevel = (value: unknown): value is LogLevel => (LOG_LEVELS as readonly unknown[]).includes(value);

/**
 * A logger that writes each call at `level` or above as one line: `noiz-voices [debug] ...`, or with
 * `json` one `{"log":{"level","message"}}` object. `redact` removes the key before anything is written.
 */
export function createLogger(
  write: (text: string) => void,
  level: LogLevel,
  { json, redact }: { json: boolean; redact: (text: string) => string },
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const at =
    (name: Exclude<LogLevel, "off">) =>
    (...args: unknown[]) => {
      if (LOG_LEVELS.indexOf(name) < threshold) return;
      // One line whatever the arguments hold: objects inline, newlines escaped by `visible`.
      // The client tags its lines `[noiz-voices]` for a shared console; here the line's own prefix says it.
      const message = redact(
        formatWithOptions({ breakLength: Number.POSITIVE_INFINITY, colors: false, depth: 4 }, ...args),
      ).replace(/^\[noiz-voices\] /, "");
      write(json ? `${jsonText({ log: { level: name, message } })}\n` : `noiz-voices [${name}] ${visible(message)}\n`);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
