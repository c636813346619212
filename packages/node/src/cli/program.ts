/** The `noiz-voices` program: global options, the commands, and how a run ends (exit code). */
import { Command, Option } from "commander";
import { registerClone } from "./clone.js";
import { type Context, createContext, type Io } from "./context.js";
import { registerDelete } from "./delete.js";
import { describeError, EXIT, exitCodeOf } from "./errors.js";
import { registerGet } from "./get.js";
import { registerList } from "./list.js";
import { registerMock } from "./mock.js";
import { duration } from "./options.js";
import { registerSample } from "./sample.js";

/** Builds the program; nothing is parsed yet. */
export function createProgram(ctx: Context, version: string): Command {
  const program = new Command("noiz-voices")
    .description("Manage the voices of a NOIZ account: list, get, clone, download samples, delete.")
    .version(version, "-V, --version", "print the version")
    .addOption(new Option("--api-key <key>", "API key (default: $NOIZ_API_KEY)"))
    .addOption(new Option("--base-url <url>", "API base URL (default: $NOIZ_BASE_URL or https://noiz.ai/v1)"))
    .option("--timeout <duration>", "time limit per request: seconds, or 500ms, 30s, 2m (default 60s)", duration)
    .option("--json", "print the result as JSON (for scripts); no progress bars")
    .option("--debug", "print stack traces of errors")
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .addHelpText(
      "after",
      "\nExit codes: 0 success, 1 API or network error, 2 usage error.\n" +
        "Run `noiz-voices <command> --help` for a command's options and examples.",
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(ctx.redact(text)),
      writeErr: (text) => ctx.io.stderr.write(ctx.redact(text)),
      // Commander's own usage errors, on one line with the way to get help.
      outputError: (text, write) => write(`${text.trimEnd().replace(/^error: /, "noiz-voices: ")} (see --help)\n`),
    });
  registerList(program, ctx);
  registerGet(program, ctx);
  registerClone(program, ctx);
  registerSample(program, ctx);
  registerDelete(program, ctx);
  registerMock(program, ctx);
  return program;
}

/** Runs the command line `argv` (without node and script) and resolves with the exit code. */
export async function run(argv: readonly string[], io: Io, version: string, signal: AbortSignal): Promise<number> {
  const ctx = createContext(io, signal);
  const program = createProgram(ctx, version);
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
      const debug = argv.includes("--debug");
      io.stderr.write(ctx.redact(describeError(error, debug)));
    }
    return code;
  }
}

function isCommanderError(error: unknown): boolean {
  return (
    typeof (error as { code?: unknown })?.code === "string" && (error as { code: string }).code.startsWith("commander.")
  );
}
