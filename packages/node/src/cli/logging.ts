/** `--log-level` and `NOIZ_LOG`: a console-shaped logger that writes escaped, redacted lines to stderr. */
import { formatWithOptions } from "node:util";
import type { LOG_LEVEL_ENV as CORE_LOG_LEVEL_ENV, Logger, LogLevel } from "@noiz-voices/client";
import { jsonText, visible } from "./escape.js";

/**
 * The core's log levels, quietest first, for `--log-level`'s choices and `NOIZ_LOG`. Listed here so
 * that `--help` does not load the SDK; the type check below fails if the core gains or loses one.
 */
export const LOG_LEVELS = ["off", "error", "warn", "info", "debug"] as const satisfies readonly LogLevel[];
type Unlisted = Exclude<LogLevel, (typeof LOG_LEVELS)[number]>;
const everyLevel: [Unlisted] extends [never] ? true : Unlisted = true;
void everyLevel;

/** The core's environment variable for the log level, restated for the same reason: the type fails if the core renames it. */
export const LOG_LEVEL_ENV: typeof CORE_LOG_LEVEL_ENV = "NOIZ_LOG";

/** True for one of `LOG_LEVELS`. */
export const isLogLevel = (value: unknown): value is LogLevel => (LOG_LEVELS as readonly unknown[]).includes(value);

/**
 * A logger that writes each call at `level` or above as one line: `noiz-voices [debug] ...`, or with
 * `json` one `{"log":{"level","message","record"}}` object. The client's `info`, `warn` and `error`
 * lines come with a structured record: `--json` keeps it, text shows the line alone; `debug` lines
 * print their details inline. `redact` removes the key before anything is written.
 */
export function createLogger(
  write: (text: string) => void,
  level: LogLevel,
  { json, redact }: { json: boolean; redact: (text: string) => string },
): Logger {
  // The core's order is quietest first: a line prints when its level is at or before the chosen one.
  const threshold = LOG_LEVELS.indexOf(level);
  const at =
    (name: Exclude<LogLevel, "off">) =>
    (...args: unknown[]) => {
      if (LOG_LEVELS.indexOf(name) > threshold) return;
      const record = name === "debug" ? undefined : args[1];
      // One line whatever the arguments hold: objects inline, newlines escaped by `visible`.
      // The client tags its lines `[noiz-voices]` for a shared console; here the line's own prefix says it.
      const message = redact(
        formatWithOptions(
          { breakLength: Number.POSITIVE_INFINITY, colors: false, depth: 4 },
          ...(record ? args.slice(0, 1) : args),
        ),
      ).replace(/^\[noiz-voices\] /, "");
      write(
        json
          ? `${jsonText({ log: { level: name, message, ...(record !== undefined && { record: JSON.parse(redact(JSON.stringify(record))) }) } })}\n`
          : `noiz-voices [${name}] ${visible(message)}\n`,
      );
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
