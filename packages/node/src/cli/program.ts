/**
 * The `noiz-voices` program: global options, the commands, and how a run ends (exit code).
 *
 * Startup: this module and each command's definition load commander and our own small modules only.
 * The SDK, undici, progress bars and the error report are imported when a command runs or fails,
 * so `--help`, `--version`, `completion` and `logout` cost little more than Node itself.
 */
import { Command, CommanderError, Help, InvalidArgumentError, Option } from "commander";
import { registerClone } from "./clone.js";
import { registerCompletion } from "./completion.js";
import { PROFILE_NAME } from "./config.js";
import { type Context, createContext, type GlobalOptions, type Io } from "./context.js";
import { registerDelete } from "./delete.js";
import { visible } from "./escape.js";
import { registerGet } from "./get.js";
import { KEY_SOURCES } from "./key.js";
import { registerList } from "./list.js";
import { LOG_LEVELS } from "./logging.js";
import { registerLogin } from "./login.js";
import { registerMock } from "./mock.js";
import { duration } from "./options.js";
import { registerSample } from "./sample.js";
import { EXIT, UsageError } from "./usage.js";

/** A `--profile` name. */
function profileName(value: string): string {
  if (!PROFILE_NAME.test(value)) {
    throw new InvalidArgumentError("Expected a profile name: letters, digits, '.', '_' and '-', at most 64.");
  }
  return value;
}

/** The key's sources in the order they are tried, as help text. */
const KEY_HELP = `
The API key is the first found of:
${KEY_SOURCES.map((source, i) => `  ${i + 1}. ${source}`).join("\n")}
Prefer a file, stdin or login: other users can see --api-key KEY in the process list.`;

const HELP_AFTER = `${KEY_HELP}

Exit codes: 0 success (a declined delete too), 1 API, network or response error,
2 usage or local configuration error, 130 interrupted.
Run \`noiz-voices <command> --help\` for a command's options and examples.`;

type Global = keyof GlobalOptions;

/** The global options of a command that calls the API. */
const CALLS_API: readonly Global[] = [
  "apiKey",
  "apiKeyFile",
  "profile",
  "baseUrl",
  "timeout",
  "json",
  "logLevel",
  "debug",
];

/** The global options each command uses: its help shows these only. A command not listed uses all. */
const GLOBALS_OF: Record<string, readonly Global[]> = {
  logout: ["profile", "json", "debug"],
  completion: ["debug"],
  mock: ["json", "debug"],
};

/** Help that lists, under "Global Options", the ones the command uses (never --version, the program's own). */
class CommandHelp extends Help {
  override visibleGlobalOptions(cmd: Command): Option[] {
    const used = GLOBALS_OF[cmd.name()] ?? CALLS_API;
    return super.visibleGlobalOptions(cmd).filter((option) => used.includes(option.attributeName() as Global));
  }
}

/** Builds the program; nothing is parsed yet. Commander's own usage errors are handed to `usageError`. */
export function createProgram(
  ctx: Context,
  version: string,
  usageError: (message: string) => void = () => {},
): Command {
  const program = new Command("noiz-voices")
    .description("Manage the voices of a NOIZ account: list, get, clone, download samples, delete.")
    .version(version, "-V, --version", "print the version")
    .addOption(
      new Option("--api-key <key>", "API key, or - to read it from stdin (where else it can come from: below)"),
    )
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
      // Commander's own usage errors: reported by `run`, on one line (or as JSON with --json).
      outputError: (text) => usageError(text),
    });
  program.createHelp = () => Object.assign(new CommandHelp(), program.configureHelp());
  registerList(program, ctx);
  registerGet(program, ctx);
  registerClone(program, ctx);
  registerSample(program, ctx);
  registerDelete(program, ctx);
  registerLogin(program, ctx);
  registerCompletion(program, ctx);
  registerMock(program, ctx);
  for (const command of program.commands) {
    command.createHelp = program.createHelp;
    // `login` stores a key rather than using one: its own help says where the key comes from.
    const used = GLOBALS_OF[command.name()] ?? CALLS_API;
    if (used.includes("apiKey") && command.name() !== "login") command.addHelpText("after", KEY_HELP);
  }
  return program;
}

/**
 * Commander's message as one line: its lines (such as "(Did you mean list?)") joined by spaces.
 * Each line is escaped, as it can quote what was typed; the line breaks are commander's own.
 */
function usageLine(text: string): string {
  const lines = text
    .trim()
    .replace(/^error: /, "")
    .split("\n");
  return `${lines.map((line) => visible(line.trim())).join(" ")} (see --help)`;
}

/** Runs the command line `argv` (without node and script) and resolves with the exit code. */
export async function run(argv: readonly string[], io: Io, version: string, signal: AbortSignal): Promise<number> {
  const ctx = createContext(io, signal);
  // Known before parsing, so that a parse error is reported the way the caller asked for.
  const given = argv.slice(0, argv.includes("--") ? argv.indexOf("--") : argv.length);
  const json = given.includes("--json");
  let usage: string | undefined;
  const program = createProgram(ctx, version, (text) => {
    usage = usageLine(text);
  });
  if (argv.length === 0) {
    io.stderr.write(program.helpInformation());
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (error) {
    // Help or version was printed: nothing more to load.
    if (error instanceof CommanderError && error.exitCode === 0) return EXIT.ok;
    const { describeError, exitCodeOf } = await import("./errors.js");
    if (usage !== undefined) {
      const text = json ? describeError(new UsageError(usage), { debug: false, json }) : `noiz-voices: ${usage}\n`;
      io.stderr.write(ctx.redact(text));
    } else if (!isCommanderError(error)) {
      const debug = given.includes("--debug");
      io.stderr.write(ctx.redact(describeError(error, { debug, json, keySource: ctx.keySource })));
    }
    return exitCodeOf(error);
  }
}

function isCommanderError(error: unknown): boolean {
  return (
    typeof (error as { code?: unknown })?.code === "string" && (error as { code: string }).code.startsWith("commander.")
  );
}
