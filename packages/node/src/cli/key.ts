/**
 * Where the API key comes from, first found wins:
 * `--api-key KEY` or `--api-key -` (stdin), `--api-key-file PATH`, the stored key of an explicit
 * `--profile`, `NOIZ_API_KEY`, `NOIZ_API_KEY_FILE`, the stored key of the profile "default".
 */
import { open } from "node:fs/promises";
import { DEFAULT_PROFILE, storedKey } from "./config.js";
import type { Io } from "./context.js";
import { safe } from "./escape.js";
import { UsageError } from "./usage.js";

/** A key and where it came from (named in messages and debug logs; the key itself never is). */
export interface ResolvedKey {
  key: string;
  source: string;
}

/** More than any key; a cap so that a wrong path (a disk image, /dev/zero) is not read whole. */
const MAX_KEY_BYTES = 4096;

/** Where the key comes from, in the order `resolveApiKey` tries them: the words of `--help`. */
export const KEY_SOURCES: readonly string[] = [
  "--api-key KEY, or --api-key - to read it from stdin",
  "--api-key-file PATH, a file that holds the key alone",
  "the key stored for --profile NAME (by `noiz-voices login --profile NAME`)",
  "NOIZ_API_KEY",
  "NOIZ_API_KEY_FILE, the path of a file that holds the key",
  'the key stored by `noiz-voices login` (profile "default")',
];

/** Every way to give a key, for messages. */
export const KEY_OPTIONS =
  "--api-key-file PATH, --api-key - (stdin), NOIZ_API_KEY, NOIZ_API_KEY_FILE or `noiz-voices login`";

/** Checks a key read from somewhere: present, and one word a header can carry. Never quotes it. */
export function checkKey(text: string, source: string): ResolvedKey {
  const key = text.trim();
  if (key === "") throw new UsageError(`The API key from ${source} is empty.`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it rejects.
  if (/[\s\u0000-\u001f\u007f-\u009f]|[^\u0000-\u00ff]/.test(key) || key.length > MAX_KEY_BYTES) {
    throw new UsageError(
      `The API key from ${source} is not a key: it must be one line of text without spaces (a file holds the key alone).`,
    );
  }
  return { key, source };
}

/** Reads at most `MAX_KEY_BYTES` + 1 bytes from a stream. */
async function readCapped(stream: NodeJS.ReadableStream, source: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(bytes);
    size += bytes.length;
    if (size > MAX_KEY_BYTES)
      throw new UsageError(`${source} holds more than ${MAX_KEY_BYTES} bytes: that is not a key.`);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The key from standard input, which must not be a terminal (use `noiz-voices login` there). */
export async function keyFromStdin(io: Io, source: string): Promise<ResolvedKey> {
  if (io.stdin.isTTY) {
    throw new UsageError(
      `${source} reads the key from standard input, which is a terminal: pipe the key in, or run \`noiz-voices login\` to type it hidden.`,
    );
  }
  return checkKey(await readCapped(io.stdin, "Standard input"), source);
}

/** The key from a file that holds it alone. */
export async function keyFromFile(path: string, source: string): Promise<ResolvedKey> {
  let text: string;
  try {
    const file = await open(path, "r");
    try {
      text = await readCapped(file.createReadStream({ end: MAX_KEY_BYTES }), safe`${path}`);
    } finally {
      await file.close();
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (error as Error).message;
    throw new UsageError(safe`Cannot read the API key from ${source} ${path}: ${why}.`);
  }
  return checkKey(text, source);
}

/** The key to use, by the precedence above; a `UsageError` that lists every way when there is none. */
export async function resolveApiKey(
  io: Io,
  options: { apiKey?: string | undefined; apiKeyFile?: string | undefined; profile?: string | undefined },
): Promise<ResolvedKey> {
  const { apiKey, apiKeyFile, profile } = options;
  if (apiKey !== undefined && apiKeyFile !== undefined) {
    throw new UsageError("Give --api-key or --api-key-file, not both.");
  }
  if (apiKey === "-") return keyFromStdin(io, "--api-key -");
  if (apiKey !== undefined) return checkKey(apiKey, "--api-key");
  if (apiKeyFile !== undefined) return keyFromFile(apiKeyFile, "--api-key-file");
  if (profile !== undefined) {
    const stored = await storedKey(io.env, profile);
    if (!stored)
      throw new UsageError(
        safe`No key is stored for profile ${profile}: run \`noiz-voices login --profile ${profile}\`.`,
      );
    return checkKey(stored.key, safe`profile ${profile} (${stored.file})`);
  }
  if (io.env.NOIZ_API_KEY) return checkKey(io.env.NOIZ_API_KEY, "NOIZ_API_KEY");
  if (io.env.NOIZ_API_KEY_FILE) return keyFromFile(io.env.NOIZ_API_KEY_FILE, "NOIZ_API_KEY_FILE");
  const stored = await storedKey(io.env, DEFAULT_PROFILE);
  if (stored) return checkKey(stored.key, safe`profile ${DEFAULT_PROFILE} (${stored.file})`);
  throw new UsageError(`No API key: use ${KEY_OPTIONS}.`);
}
