/** readApiKey: the `noiz-voices` command's key sources, for other programs (such as `noiz-voices-mcp`). */
import { DEFAULT_PROFILE, storedKey } from "./cli/config.js";
import { resolveApiKey } from "./cli/key.js";

/** Options of `readApiKey`. */
export interface ReadApiKeyOptions {
  /** A profile stored by `noiz-voices login --profile NAME`; when given, only its key is read. */
  profile?: string | undefined;
  /** Where `NOIZ_API_KEY`, `NOIZ_API_KEY_FILE` and `NOIZ_CONFIG_DIR` are read (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/** A key and where it came from: name the `source` in messages, never the key. */
export interface ApiKeyFromSources {
  /** The key, trimmed. */
  key: string;
  /** Where it came from, such as `NOIZ_API_KEY` or `profile default (/home/me/.config/noiz-voices/credentials.json)`. */
  source: string;
}

/**
 * The API key from the sources the `noiz-voices` command reads, by its precedence (command-line
 * flags aside): the stored key of `profile` when given, else `NOIZ_API_KEY`, else the file named by
 * `NOIZ_API_KEY_FILE`, else the stored key of the profile "default". Resolves `undefined` when none
 * holds a key; throws an `Error` that names the source (never the key) when one is unusable, such as
 * a missing key file, an empty key or an unknown profile.
 */
export async function readApiKey(options: ReadApiKeyOptions = {}): Promise<ApiKeyFromSources | undefined> {
  const env = options.env ?? process.env;
  const { profile } = options;
  if (
    profile === undefined &&
    !env.NOIZ_API_KEY &&
    !env.NOIZ_API_KEY_FILE &&
    !(await storedKey(env, DEFAULT_PROFILE))
  ) {
    return undefined;
  }
  // No flags are passed, so the standard streams are never read.
  return resolveApiKey({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env }, { profile });
}
