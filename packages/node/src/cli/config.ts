/**
 * Keys stored by `noiz-voices login`: one JSON file, readable by its owner only, in the user's
 * config folder (env-paths), or in `NOIZ_CONFIG_DIR` when set.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import envPaths from "env-paths";
import { safe } from "./escape.js";
import { UsageError } from "./usage.js";

/** The profile used when `--profile` is not given. */
export const DEFAULT_PROFILE = "default";

/** Profile names: plain words, so a name can never mean a path or an object's prototype. */
export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** What the file holds. */
interface Credentials {
  profiles: Record<string, { apiKey: string }>;
}

/** The folder and the file that hold the stored keys. */
export function credentialsPath(env: Record<string, string | undefined>): { dir: string; file: string } {
  // env-paths reads the process's own environment (XDG_CONFIG_HOME, APPDATA, HOME).
  const dir = env.NOIZ_CONFIG_DIR || envPaths("noiz-voices", { suffix: "" }).config;
  return { dir, file: join(dir, "credentials.json") };
}

async function load(file: string): Promise<Credentials> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { profiles: Object.create(null) };
    throw new UsageError(safe`Cannot read the stored keys in ${file}: ${(error as Error).message}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const profiles = (parsed as Partial<Credentials> | undefined)?.profiles;
  if (typeof profiles !== "object" || profiles === null || Array.isArray(profiles)) {
    throw new UsageError(safe`${file} is not a credentials file of noiz-voices: fix it or delete it.`);
  }
  // A null prototype: a profile named like an Object method is just a key.
  return { profiles: Object.assign(Object.create(null), profiles) };
}

/** The key stored for `profile`, if any. */
export async function storedKey(
  env: Record<string, string | undefined>,
  profile: string,
): Promise<{ key: string; file: string } | undefined> {
  const { file } = credentialsPath(env);
  const entry = (await load(file)).profiles[profile];
  return typeof entry?.apiKey === "string" && entry.apiKey !== "" ? { key: entry.apiKey, file } : undefined;
}

/** Writes the file whole or not at all: a temporary file (0600) renamed over the old one. */
async function save(dir: string, file: string, credentials: Credentials): Promise<void> {
  try {
    await write(dir, file, credentials);
  } catch (error) {
    throw new UsageError(safe`Cannot store the key in ${file}: ${(error as Error).message}.`);
  }
}

async function write(dir: string, file: string, credentials: Credentials): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // The folder is the command's own: tighten it even when it existed before.
  await chmod(dir, 0o700);
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600, flag: "wx" });
    await chmod(temp, 0o600);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Stores `key` for `profile`; returns the file's path. */
export async function storeKey(env: Record<string, string | undefined>, profile: string, key: string): Promise<string> {
  const { dir, file } = credentialsPath(env);
  const credentials = await load(file);
  credentials.profiles[profile] = { apiKey: key };
  await save(dir, file, credentials);
  return file;
}

/** Removes the key of `profile` (and the file once it holds none); false when there was none. */
export async function removeKey(env: Record<string, string | undefined>, profile: string): Promise<boolean> {
  const { dir, file } = credentialsPath(env);
  const credentials = await load(file);
  if (!(profile in credentials.profiles)) return false;
  delete credentials.profiles[profile];
  if (Object.keys(credentials.profiles).length === 0) await rm(file, { force: true });
  else await save(dir, file, credentials);
  return true;
}
