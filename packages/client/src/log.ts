/**
 * The attempt log (`logger`, `logLevel`, `NOIZ_LOG`): one line per attempt, with a structured record
 * beside it for programs and tests that read logs as data. It sits in the pipeline, above the seam,
 * so every attempt of `voices.*` and `client.raw` alike is logged. Everything goes through the
 * redactor: the key never appears.
 */
import { requestIdOf } from "./errors.js";
import type { Attempt } from "./pipeline.js";
import type { Redactor } from "./redact.js";

/** Every log level, quietest first: `"off"` logs nothing. */
export const LOG_LEVELS = ["off", "error", "warn", "info", "debug"] as const;

/** How much the client logs: `"off"` (the default), or the least severe level to print. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The environment variable that sets the log level where `process` exists. */
export const LOG_LEVEL_ENV = "NOIZ_LOG";

/** A console-shaped logger: `console` itself, or pino, winston and the like. Each line comes with its `LogRecord`. */
export interface Logger {
  /** Each attempt's URL, headers and bodies (redacted), at `logLevel: "debug"`. */
  debug(message: string, ...details: unknown[]): void;
  /** One line per successful attempt or redirect. */
  info(message: string, ...details: unknown[]): void;
  /** One line per attempt that is retried, with the delay. */
  warn(message: string, ...details: unknown[]): void;
  /** One line per call that fails, with its error. */
  error(message: string, ...details: unknown[]): void;
}

/** What a log line says, as data: the second argument of every `info`, `warn` and `error` line. */
export interface LogRecord {
  /** The spec's operationId (`listVoices`), or `downloadVoiceSample`. */
  operation: string;
  /** The HTTP method. */
  method: string;
  /** The URL's path, such as `/v1/voices`. */
  path: string;
  /** Retries spent before this attempt: 0 for the first. */
  retries: number;
  /** The answer's status, when one arrived. */
  status: number | undefined;
  /** Milliseconds the attempt took. */
  durationMs: number;
  /** The service's request id, when the answer carried one. */
  requestId: string | undefined;
  /** When the call goes on with a retry: the wait before it, in milliseconds. */
  retryInMs: number | undefined;
  /** When the attempt was redirected: the origin it goes to next. */
  redirectedTo: string | undefined;
  /** The class name of the error the attempt ended with (`TimeoutError`), if any. */
  error: string | undefined;
}

/** Writes one attempt to the log. */
export type AttemptLog = (attempt: Attempt) => void;

/** Bodies are logged up to this many characters. */
const BODY_CHARS = 2000;
const cut = (text: string) => (text.length > BODY_CHARS ? `${text.slice(0, BODY_CHARS)}…` : text);
const utf8 = new TextDecoder();

/** Headers that carry credentials whatever their value: a backend's token or a cookie passed in `headers`, which the key's redactor does not know. */
const CREDENTIALS = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key)$/i;
/** Headers as a debug line shows them: credentials' values left out. */
const shown = (headers: Headers) => {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = CREDENTIALS.test(name) ? "[redacted]" : value;
  });
  return record;
};

/** The shape of a multipart body, for a debug line: fields with their values, files by name and size. */
const describe = (body: Attempt["request"]["body"]) =>
  body && "parts" in body
    ? body.parts.map((part) =>
        "data" in part
          ? { name: part.name, filename: part.filename, type: part.type, size: part.data.size }
          : { name: part.name, value: cut(part.value) },
      )
    : body && cut(utf8.decode(body));

/**
 * The attempt log: one line per attempt (method, path, status or network failure, milliseconds,
 * request id, then the retry with its delay, the redirect, or the error the call ends with).
 * Successes log at `info`, retries at `warn`, the final error at `error`; `debug` adds each
 * attempt's URL, headers and bodies.
 */
export function createLog(logger: Logger, level: Exclude<LogLevel, "off">, redact: Redactor): AttemptLog {
  const write = ({ operation, request, retries, started, response, error, retryIn, redirect }: Attempt) => {
    const path = new URL(request.url).pathname;
    const record: LogRecord = {
      operation,
      method: request.method,
      path,
      retries,
      status: response?.status,
      durationMs: Date.now() - started,
      requestId: requestIdOf(response?.headers) ?? error?.requestId,
      retryInMs: retryIn,
      redirectedTo: redirect && new URL(redirect.url).origin,
      error: error?.name,
    };
    const reason =
      error?.name === "TimeoutError" ? "timed out" : ((error?.cause as Error | undefined)?.message ?? error?.name);
    const failure = response ? `HTTP ${record.status}` : `no response (${reason})`;
    let line = `[noiz-voices] ${request.method} ${path} → ${failure} in ${record.durationMs} ms${record.requestId ? ` (request id ${record.requestId})` : ""}`;
    let severity: Exclude<LogLevel, "off"> = "info";
    if (record.redirectedTo) line += `; redirected to ${record.redirectedTo}`;
    else if (retryIn !== undefined) {
      severity = "warn";
      line += `; retry ${retries + 1} in ${retryIn} ms`;
    } else if (error) {
      severity = "error";
      line += `; failed: ${error.name}: ${error.message}`;
    }
    // LOG_LEVELS is quietest first: a line prints when its severity comes no later than the level.
    if (LOG_LEVELS.indexOf(severity) <= LOG_LEVELS.indexOf(level)) logger[severity](redact(line), redact(record));
    if (level === "debug") {
      logger.debug(
        redact(`[noiz-voices] ${operation} ${request.method} ${path} details`),
        redact({
          url: request.url,
          requestHeaders: shown(request.headers),
          requestBody: describe(request.body),
          responseHeaders: response && shown(response.headers),
          responseBody: response && cut(utf8.decode(response.body)),
        }),
      );
    }
  };
  // A logger that throws must not break the call it reports on.
  return (attempt) => {
    try {
      write(attempt);
    } catch {}
  };
}
