/**
 * `noiz-voices mock`: the fake Voices API of `@noiz-voices/testing` on loopback HTTP, for scripts,
 * the CLI itself and other languages. `@noiz-voices/testing` is an optional peer dependency, loaded
 * here only: this package never depends on it otherwise.
 */
import { type Command, InvalidArgumentError } from "commander";
import type { Context } from "./context.js";
import { safe } from "./escape.js";
import { UsageError } from "./usage.js";

interface MockOptions {
  port?: number;
  host?: string;
}

/** A TCP port: 0 (any free one) to 65535. */
function port(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65_535) {
    throw new InvalidArgumentError("Expected a port: an integer from 0 (any free port) to 65535.");
  }
  return Number(value);
}

async function loadTesting() {
  try {
    const [testing, server] = await Promise.all([
      import("@noiz-voices/testing"),
      import("@noiz-voices/testing/server"),
    ]);
    return { createFakeVoices: testing.createFakeVoices, startFakeServer: server.startFakeServer };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new UsageError(
        "noiz-voices mock needs @noiz-voices/testing: install it beside this package (npm install --save-dev @noiz-voices/testing).",
      );
    }
    throw error;
  }
}

/** A port or address the mock cannot listen on is a usage error (exit 2) naming the flag to change. */
function listenError(error: unknown, opts: MockOptions): unknown {
  const code = ((error as { cause?: { code?: unknown } }).cause ?? (error as { code?: unknown }))?.code;
  const host = opts.host ?? "127.0.0.1";
  if (code === "EADDRINUSE")
    return new UsageError(
      safe`--port ${opts.port}: that port is in use on ${host}. Pick another, or --port 0 (or no --port) for a free one.`,
    );
  if (code === "EACCES")
    return new UsageError(safe`--port ${opts.port}: not allowed to listen there (ports below 1024 need privileges).`);
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN")
    return new UsageError(safe`--host ${host}: not an address of this machine.`);
  return error;
}

/** Adds the `mock` command. */
export function registerMock(program: Command, ctx: Context): void {
  program
    .command("mock")
    .description("Serve a fake Voices API on loopback (any API key) until Ctrl-C: prints its base URL")
    .option("--port <n>", "port to listen on (default: a free one)", port)
    .option("--host <address>", "address to listen on (default 127.0.0.1)")
    .addHelpText(
      "after",
      "\nThe fake keeps state (clones stick, deletes stick), serves samples itself, and takes faults at\n" +
        'POST <url>/__fake/fail-next {"operation":"getVoice","fault":{"status":503}} and POST <url>/__fake/reset.\n' +
        "\nExamples:\n  noiz-voices mock --port 4010\n  noiz-voices --base-url http://127.0.0.1:4010 --api-key any list --type built-in",
    )
    .action(async (opts: MockOptions, command: Command) => {
      const { createFakeVoices, startFakeServer } = await loadTesting();
      const server = await startFakeServer(createFakeVoices({ acceptAnyKey: true }), {
        ...(opts.port === undefined ? {} : { port: opts.port }),
        ...(opts.host === undefined ? {} : { host: opts.host }),
      }).catch((error: unknown) => {
        throw listenError(error, opts);
      });
      // One line either way, so that a script can read the URL as soon as it is there.
      const json = ctx.options(command).json === true;
      ctx.io.stdout.write(json ? `${JSON.stringify({ url: server.url })}\n` : `${server.url}\n`);
      ctx.io.stderr.write(
        `Fake Voices API at ${server.url} (any API key is accepted). Ctrl-C stops it.\n` +
          `Try: noiz-voices --base-url ${server.url} --api-key any list --type built-in\n`,
      );
      // Until Ctrl-C (the run's signal) or SIGTERM; stopping the mock is its normal end, exit 0.
      await new Promise<void>((resolve) => {
        if (ctx.signal.aborted) return resolve();
        ctx.signal.addEventListener("abort", () => resolve(), { once: true });
        process.once("SIGTERM", () => resolve());
      });
      await server.close();
    });
}
