/** The `noiz-voices` program: global options, the commands, and how a run ends (exit code). */
import { LOG_LEVELS } from "@noiz-voices/client";
import { Command, InvalidArgumentError, Option } from "commander";
import { registerClone } from "./clone.js";
import { registerCompletion } from "./completion.js";
import { PROFILE_NAME } from "./config.js";
import { type Context, createContext, type Io } from "./context.js";
import { registerDelete } from "./delete.js";
import { describeError, EXIT, exitCodeOf, UsageError } from "./errors.js";
import { visible } from "./escape.js";
import { registerGet } from "./get.js";
import { registerList } from "./list.js";
import { registerLogin } from "./login.js";
import { registerMock } from "./mock.js";
import { duration } from "./options.js";
import { registerSample } from "./sample.js";

/** A `--profile` name. */
function profileName(value: string): string {
  if (!PROFILE_NAME.test(value)) {
    throw new InvalidArgumentError("Expected a profile name: letters, digits, '.', '_' and '-', at most 64.");
  }
  return value;
}

const HELP_AFTER = `
The API key: the first of --api-key (or --api-key - to read it from stdin), --api-key-file,
the stored key of --profile, NOIZ_API_KEY, NOIZ_API_KEY_FILE, and the key stored by
\`noiz-voices login\` (profile "default"). Prefer a file, stdin or login: other users can see
--api-key KEY in the process list.

Exit codes: 0 success (a declined delete too), 1 API, network or response error,
2 usage or local configuration error, 130 interrupted.
Run \`noiz-voices <command> --help\` for a command's options and examples.`;

/** Builds the program; nothing is parsed yet. `json` makes commander's own usage errors JSON too. */
export function createProgram(ctx: Context, version: string, json = false): Command {
  const program = new Command("noiz-voices")
    .description("Manage the voices of a NOIZ account: list, get, clone, download samples, delete.")
    .version(version, "-V, --version", "print the version")
    .addOption(new Option("--api-key <key>", "API key, or - to read it from stdin (default: see below)"))
    .addOption(new Option("--api-key-file <path>", "read the API key from a file that holds it alone"))
    .option(
      "--profile <name>",
      'use the key stored by `noiz-voices login --profile <name>` (default "default")',
      profileName,
    )
    .addOption(new Option("--base-url <url>", "API base URL (default: $NOIZ_BASE_URL or https://noiz.ai/v1)"))
    .option("--timeout <duration>", "time limit per request: seconds, or 500ms, 30s, 2m (default 60s)", duration)
    .option("--json", "print the result as JSON (for scripts), and errors as one JSON object on stderr")
    .addOption(
      new Option("--log-level <level>", "log each request to stderr (default: $NOIZ_LOG or off)").choices(LOG_LEVELS),
    )
    .option("--debug", "print stack traces of errors")
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .addHelpText("after", HELP_AFTER)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(ctx.redact(text)),
      writeErr: (text) => ctx.io.stderr.write(ctx.redact(text)),
      // Commander's own usage errors, on one line with the way to get help (or as JSON with --json).
      outputError: (text, write) => {
        const message = `${text.trim().replace(/^error: /, "")} (see --help)`;
        write(
          json ? describeError(new UsageError(message), { debug: false, json }) : `noiz-voices: ${visible(message)}\n`,
        );
      },
    });
  registerList(program, ctx);
  registerGet(program, ctx);
  registerClone(program, ctx);
  registerSample(program, ctx);
  registerDelete(program, ctx);
  registerLogin(program, ctx);
  registerCompletion(program, ctx);
  registerMock(program, ctx);
  return program;
}

/** Runs the command line `argv` (without node and script) and resolves with the exit code. */
export async function run(argv: readonly string[], io: Io, version: string, signal: AbortSignal): Promise<number> {
  const ctx = createContext(io, signal);
  // Known before parsing, so that a parse error is reported the way the caller asked for.
  const given = argv.slice(0, argv.includes("--") ? argv.indexOf("--") : argv.length);
  const json = given.includes("--json");
  const program = createProgram(ctx, version, json);
  if (argv.length === 0) {
    io.stderr.write(program.helpInformation());
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (error) {
    const code = exitCodeOf(error);
    // Commander has already printed its own message (or the help/version).
    if (!isCommanderError(error)) {
      const debug = given.includes("--debug");
      io.stderr.write(ctx.redact(describeError(error, { debug, json, keySource: ctx.keySource })));
    }
    return code;
  }
}

function isCommanderError(error: unknown): boolean {
  return (
    typeof (error as { code?: unknown })?.code === "string" && (error as { code: string }).code.startsWith("commander.")
  );
}
