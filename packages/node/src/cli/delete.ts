/** `noiz-voices delete <voice_id>`: soft-deletes a voice, after a confirmation on a terminal. */
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import type { Context } from "./context.js";
import { CancelledError } from "./errors.js";
import { formatTime } from "./format.js";

async function confirm(ctx: Context, question: string): Promise<boolean> {
  const rl = createInterface({ input: ctx.io.stdin, output: ctx.io.stderr });
  try {
    const answer = await rl.question(question, { signal: ctx.signal });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** Adds the `delete` command. */
export function registerDelete(program: Command, ctx: Context): void {
  program
    .command("delete")
    .description("Delete one of your voices (the service keeps it soft-deleted); asks first on a terminal")
    .argument("<voice_id>", "the voice's id, as `list` shows it")
    .option("-y, --yes", "do not ask for confirmation")
    .addHelpText("after", "\nExample:\n  noiz-voices delete abc123def456 --yes")
    .action(async (voiceId: string, opts: { yes?: boolean }, command: Command) => {
      const client = ctx.client(command);
      // A person at a terminal is asked, even with --json (the question goes to stderr); scripts are not.
      if (!opts.yes && ctx.io.stdin.isTTY && ctx.io.stderr.isTTY) {
        if (!(await confirm(ctx, `Delete voice ${voiceId}? [y/N] `))) {
          throw new CancelledError(`Cancelled: voice ${voiceId} was not deleted.`);
        }
      }
      const deleted = await client.voices.delete(voiceId, { signal: ctx.signal });
      ctx.print(
        command,
        deleted,
        () =>
          `Deleted ${deleted.voice_id}${deleted.display_name ? ` ("${deleted.display_name}")` : ""} at ${formatTime(deleted.delete_time)}.\n`,
      );
    });
}
