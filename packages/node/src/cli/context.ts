/** What every command shares: the global options, the client, output and the TTY checks. */
import { createVoicesClient, DEFAULT_BASE_URL, type VoicesClient } from "@noiz-voices/client";
import type { Command } from "commander";
import { UsageError } from "./errors.js";

/** The streams and environment the command runs with (the process's, or a test's). */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

/** Options every command takes. */
export interface GlobalOptions {
  apiKey?: string;
  baseUrl?: string;
  timeout?: number;
  json?: boolean;
  debug?: boolean;
}

/** Per-run state handed to each command. */
export interface Context {
  readonly io: Io;
  /** Aborted on Ctrl-C: requests stop and partial files are removed. */
  readonly signal: AbortSignal;
  /** The global options as given. */
  options(command: Command): GlobalOptions;
  /** A client from `--api-key`/`NOIZ_API_KEY`, `--base-url`/`NOIZ_BASE_URL` and `--timeout`. */
  client(command: Command, defaults?: { timeoutMs?: number }): VoicesClient;
  /** Writes a result: JSON with `--json`, otherwise the human text. */
  print(command: Command, json: unknown, human: () => string): void;
  /** True when progress bars and prompts make sense: a terminal on stderr and no `--json`. */
  interactive(command: Command): boolean;
  /** Removes the API key from any text about to be written. */
  redact(text: string): string;
}

/** Builds the context for one run. */
export function createContext(io: Io, signal: AbortSignal): Context {
  const secrets = new Set<string>();
  const redact = (text: string) => {
    let out = text;
    for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join("[redacted]");
    return out;
  };
  const remember = (key: string | undefined) => {
    if (key) secrets.add(key);
  };
  remember(io.env.NOIZ_API_KEY);

  const options = (command: Command): GlobalOptions => {
    const all = command.optsWithGlobals() as GlobalOptions;
    remember(all.apiKey);
    return all;
  };

  return {
    io,
    signal,
    options,
    redact,
    client(command, defaults = {}) {
      const opts = options(command);
      const apiKey = opts.apiKey ?? io.env.NOIZ_API_KEY;
      if (!apiKey || apiKey.trim() === "") {
        throw new UsageError("No API key: pass --api-key or set the NOIZ_API_KEY environment variable.");
      }
      const baseUrl = opts.baseUrl ?? (io.env.NOIZ_BASE_URL || DEFAULT_BASE_URL);
      const timeoutMs = opts.timeout ?? defaults.timeoutMs;
      return createVoicesClient({ apiKey, baseUrl, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
    },
    print(command, json, human) {
      const text = options(command).json ? `${JSON.stringify(json, null, 2)}\n` : human();
      io.stdout.write(redact(text));
    },
    interactive(command) {
      return Boolean(io.stderr.isTTY) && !options(command).json;
    },
  };
}
