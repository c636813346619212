/** What every command shares: the global options, the client, output, logging and the TTY checks. */
// The SDK and undici are loaded by `client()` (and `print` on a bad answer) only: a command that
// sends nothing (`--help`, `completion`, `logout`) never loads them.
import type { Logger, LogLevel, VoicesClient, VoicesClientOptions } from "@noiz-voices/client";
import type { Command } from "commander";
import { jsonText, TooDeepError } from "./escape.js";
import { type ResolvedKey, resolveApiKey } from "./key.js";
import { createLogger, isLogLevel, LOG_LEVEL_ENV, LOG_LEVELS } from "./logging.js";
import { UsageError } from "./usage.js";

/** The streams and environment the command runs with (the process's, or a test's). */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  env: Record<string, string | undefined>;
}

/** Options every command takes. */
export interface GlobalOptions {
  apiKey?: string;
  apiKeyFile?: string;
  profile?: string;
  baseUrl?: string;
  timeout?: number;
  json?: boolean;
  debug?: boolean;
  logLevel?: LogLevel;
}

/** Per-run state handed to each command. */
export interface Context {
  readonly io: Io;
  /** Aborted on Ctrl-C: requests stop and partial files are removed. */
  readonly signal: AbortSignal;
  /** The global options as given. */
  options(command: Command): GlobalOptions;
  /** The API key by the documented precedence (see key.ts); remembered, so no output shows it. */
  apiKey(command: Command): Promise<ResolvedKey>;
  /**
   * A client from the key (`defaults.key`, else by the precedence of key.ts), `--base-url`/`NOIZ_BASE_URL`,
   * `--timeout` and `--log-level`/`NOIZ_LOG`.
   */
  client(command: Command, defaults?: { timeoutMs?: number; key?: ResolvedKey }): Promise<VoicesClient>;
  /**
   * Writes a result: escaped JSON with `--json`, otherwise the human text (built with `safe`/`format`)
   * from `shown`, a copy of `json` with every key redacted. A server value nested too deep to print is
   * the SDK's `InvalidResponseError`.
   */
  print<T>(command: Command, json: T, human: (shown: T) => string): Promise<void>;
  /** True when progress bars and prompts make sense: a terminal on stderr and no `--json`. */
  interactive(command: Command): boolean;
  /** Removes every API key seen in this run from text about to be written. */
  redact(text: string): string;
  /** Remembers a secret for `redact`. */
  remember(secret: string | undefined): void;
  /** The stderr logger at the level of `--log-level`, else `NOIZ_LOG`, else off. */
  logger(command: Command): Logger;
  /** Where the key in use came from, once known (for error messages). */
  readonly keySource: string | undefined;
}

/** The options `createVoicesClient` gets from the command line; the one place the flags map to it. */
export function clientOptions(settings: {
  apiKey: string;
  baseUrl: string;
  timeoutMs: number | undefined;
  logLevel: LogLevel;
  logger: Logger;
}): VoicesClientOptions {
  const { apiKey, baseUrl, timeoutMs, logLevel, logger } = settings;
  // `logger` and `logLevel` are the client's observability options; the stderr logger escapes and redacts.
  const options: VoicesClientOptions & { logger: Logger; logLevel: LogLevel } = {
    apiKey,
    baseUrl,
    logger,
    logLevel,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  };
  return options;
}

/** Builds the context for one run. */
export function createContext(io: Io, signal: AbortSignal): Context {
  const secrets = new Set<string>();
  const redact = (text: string) => {
    let out = text;
    // Longest first: one form of a key can contain another (`a\` is inside its JSON form `a\\`).
    const forms = [...secrets].sort((a, b) => b.length - a.length);
    for (const secret of forms) if (secret.length >= 6) out = out.split(secret).join("[redacted]");
    return out;
  };
  const remember = (key: string | undefined) => {
    if (!key) return;
    const secret = key.trim() || key;
    secrets.add(secret);
    // As JSON output spells it (a `"` or `\` in a key is escaped there), and as a URL or form echoes it.
    secrets.add(JSON.stringify(secret).slice(1, -1));
    secrets.add(encodeURIComponent(secret));
  };
  remember(io.env.NOIZ_API_KEY);
  let keySource: string | undefined;
  let logger: Logger | undefined;

  const options = (command: Command): GlobalOptions => {
    const all = command.optsWithGlobals() as GlobalOptions;
    if (all.apiKey !== "-") remember(all.apiKey);
    return all;
  };

  const logLevel = (command: Command): LogLevel => {
    const given = options(command).logLevel;
    if (given) return given;
    const env = io.env[LOG_LEVEL_ENV];
    if (env === undefined || env === "") return "off";
    if (!isLogLevel(env))
      throw new UsageError(`${LOG_LEVEL_ENV} must be one of ${LOG_LEVELS.join(", ")}; got ${JSON.stringify(env)}.`);
    return env;
  };

  const context: Context = {
    io,
    signal,
    options,
    redact,
    remember,
    get keySource() {
      return keySource;
    },
    logger(command) {
      logger ??= createLogger((text) => io.stderr.write(redact(text)), logLevel(command), {
        json: Boolean(options(command).json),
        redact,
      });
      return logger;
    },
    async apiKey(command) {
      const resolved = await resolveApiKey(io, options(command));
      remember(resolved.key);
      keySource = resolved.source;
      context.logger(command).debug(`API key from ${resolved.source}`);
      return resolved;
    },
    async client(command, defaults = {}) {
      const { key } = defaults.key ?? (await context.apiKey(command));
      const opts = options(command);
      const [{ DEFAULT_BASE_URL }, { createVoicesClient }] = await Promise.all([
        import("@noiz-voices/client"),
        import("../client.js"),
      ]);
      return createVoicesClient(
        clientOptions({
          apiKey: key,
          baseUrl: opts.baseUrl ?? (io.env.NOIZ_BASE_URL || DEFAULT_BASE_URL),
          timeoutMs: opts.timeout ?? defaults.timeoutMs,
          logLevel: logLevel(command),
          logger: context.logger(command),
        }),
      );
    },
    async print(command, json, human) {
      // A value too deep for JSON output still prints as text (its fields are shallow): the text is
      // redacted whole below, and only --json needs the copy.
      const redactedCopy = <T>(value: T): T | undefined => {
        try {
          return JSON.parse(redact(jsonText(value))) as T;
        } catch (error) {
          if (error instanceof TooDeepError && !options(command).json) return undefined;
          throw error;
        }
      };
      let text: string;
      try {
        // Redacted before the human text is built from it: a table cuts long cells, and a cut key
        // would no longer match what `redact` looks for.
        const shown = redactedCopy(json);
        text = options(command).json ? `${jsonText(shown, 2)}\n` : human(shown ?? json);
      } catch (error) {
        if (!(error instanceof TooDeepError)) throw error;
        const { InvalidResponseError } = await import("@noiz-voices/client");
        throw new InvalidResponseError(error.message);
      }
      io.stdout.write(redact(text));
    },
    interactive(command) {
      return Boolean(io.stderr.isTTY) && !options(command).json;
    },
  };
  return context;
}
