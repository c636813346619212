/** `noiz-voices login` and `logout`: store the API key of a profile in the user's config folder, or remove it. */
import type { Command } from "commander";
import { credentialsPath, DEFAULT_PROFILE, removeKey, storeKey } from "./config.js";
import type { Context, Io } from "./context.js";
import { safe } from "./escape.js";
import { checkKey, keyFromStdin, type ResolvedKey } from "./key.js";
import { UsageError } from "./usage.js";

/**
 * Reads one line from a terminal without echoing it: raw mode, so no character is shown; Backspace
 * and Ctrl-U edit, Enter ends, Ctrl-C or Ctrl-D on an empty line cancel (exit 130).
 */
export function readHidden(io: Io, prompt: string, signal: AbortSignal): Promise<string> {
  const { stdin, stderr } = io;
  // Raw mode before the prompt: a key typed the moment the prompt shows must not be echoed.
  stdin.setRawMode?.(true);
  stderr.write(prompt);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = "";
    const cancel = () => finish(new DOMException("The key was not saved.", "AbortError"));
    const finish = (error?: Error) => {
      stdin.removeListener("data", onData);
      stdin.removeListener("end", cancel);
      signal.removeEventListener("abort", cancel);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string | Buffer) => {
      for (const char of String(chunk)) {
        if (char === "\r" || char === "\n") return finish();
        // Raw mode turns Ctrl-C into a character instead of SIGINT.
        if (char === "\u0003" || (char === "\u0004" && value === "")) return cancel();
        if (char === "\u0004") return finish();
        if (char === "\u007f" || char === "\b") value = [...value].slice(0, -1).join("");
        else if (char === "\u0015") value = "";
        // An escape sequence (arrow keys) arrives in one chunk: drop the rest of it.
        else if (char === "\u001b") return;
        else if (char >= " ") value += char;
      }
    };
    stdin.on("data", onData);
    // The terminal went away, or the run was interrupted some other way.
    stdin.once("end", cancel);
    signal.addEventListener("abort", cancel, { once: true });
  });
}

/** The key to store: from the key flags if given, else typed at a hidden prompt, else read from stdin. */
async function keyToStore(ctx: Context, command: Command, profile: string): Promise<ResolvedKey> {
  const { apiKey, apiKeyFile } = ctx.options(command);
  if (apiKey !== undefined || apiKeyFile !== undefined) return ctx.apiKey(command);
  if (ctx.io.stdin.isTTY && ctx.io.stdin.setRawMode) {
    const typed = await readHidden(ctx.io, safe`API key for profile ${profile} (input hidden): `, ctx.signal);
    ctx.remember(typed);
    return checkKey(typed, "the prompt");
  }
  return keyFromStdin(ctx.io, "Standard input");
}

/**
 * Checks `key` with the cheapest call there is (`list` with `limit: 1`) before it is stored: a key the
 * service rejects (401) is a `UsageError` that offers `--no-verify`; any other failure is reported as it is.
 */
async function verifyKey(ctx: Context, command: Command, key: ResolvedKey): Promise<void> {
  const client = await ctx.client(command, { key });
  try {
    await client.voices.list({ limit: 1 }, { signal: ctx.signal });
  } catch (error) {
    const { AuthenticationError } = await import("@noiz-voices/client");
    if (!(error instanceof AuthenticationError)) throw error;
    throw new UsageError(
      safe`The service rejected the key from ${key.source} (HTTP ${error.status}, code ${error.code}), so it was not saved. ` +
        "Check the key, or pass --no-verify to save it without checking (offline).",
    );
  }
}

/** Adds `login` and `logout`. */
export function registerLogin(program: Command, ctx: Context): void {
  program
    .command("login")
    .description("Check an API key and store it for later runs (typed hidden, or piped in); --profile picks which")
    .option("--no-verify", "store the key without checking it with the service (offline)")
    .addHelpText(
      "after",
      "\nThe key is kept in credentials.json in your config folder ($NOIZ_CONFIG_DIR, else e.g. ~/.config/noiz-voices),\n" +
        "readable by you only (0600). It is used when no --api-key, --api-key-file, NOIZ_API_KEY or NOIZ_API_KEY_FILE is given.\n" +
        "The key to store: --api-key or --api-key-file if given, else typed at a hidden prompt, else read from stdin.\n" +
        "Before it is stored, one `list` call (one voice) at --base-url checks it; --no-verify skips that.\n\n" +
        "Examples:\n  noiz-voices login\n  noiz-voices login --profile work\n  pass show noiz | noiz-voices login\n" +
        "  noiz-voices login --no-verify --api-key-file ./key.txt",
    )
    .action(async (opts: { verify: boolean }, command: Command) => {
      const profile = ctx.options(command).profile ?? DEFAULT_PROFILE;
      const resolved = await keyToStore(ctx, command, profile);
      if (opts.verify) await verifyKey(ctx, command, resolved);
      const file = await storeKey(ctx.io.env, profile, resolved.key);
      await ctx.print(
        command,
        { profile, path: file },
        () => safe`Saved the API key of profile ${profile} in ${file} (readable by you only).\n`,
      );
    });

  program
    .command("logout")
    .description("Remove the stored API key of a profile (--profile, default: default)")
    .action(async (_opts: unknown, command: Command) => {
      const profile = ctx.options(command).profile ?? DEFAULT_PROFILE;
      const removed = await removeKey(ctx.io.env, profile);
      const { file } = credentialsPath(ctx.io.env);
      await ctx.print(command, { profile, removed }, () =>
        removed
          ? safe`Removed the API key of profile ${profile} from ${file}.\n`
          : safe`No API key was stored for profile ${profile}; nothing to remove.\n`,
      );
    });
}
