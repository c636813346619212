/** `noiz-voices delete <voice_id>`: soft-deletes a voice, after a confirmation on a terminal. */
import { createInterface } from "node:readline/promises";
import type { Command } from "commander";
import type { Context } from "./context.js";
import { safe } from "./escape.js";
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
    .addHelpText(
      "after",
      "\nAnswering no is not an error: nothing is deleted and the exit code is 0.\n\nExample:\n  noiz-voices delete abc123def456 --yes",
    )
    .action(async (voiceId: string, opts: { yes?: boolean }, command: Command) => {
      const client = await ctx.client(command);
      // A person at a terminal is asked, even with --json (the question goes to stderr); scripts are not.
      if (!opts.yes && ctx.io.stdin.isTTY && ctx.io.stderr.isTTY) {
        // The name says which voice this is; an id that does not exist fails here, before the question.
        const voice = await client.voices.get(voiceId, { signal: ctx.signal });
        const question = voice.display_name
          ? safe`Delete voice ${voice.voice_id} ("${voice.display_name}")? [y/N] `
          : safe`Delete voice ${voice.voice_id}? [y/N] `;
        if (!(await confirm(ctx, question))) {
          await ctx.print(
            command,
            { voice_id: voiceId, deleted: false },
            () => safe`Nothing was deleted: voice ${voiceId} is kept.\n`,
          );
          return;
        }
      }
      const deleted = await client.voices.delete(voiceId, { signal: ctx.signal });
      await ctx.print(command, deleted, () =>
        deleted.display_name
          ? safe`Deleted ${deleted.voice_id} ("${deleted.display_name}") at ${formatTime(deleted.delete_time)}.\n`
          : safe`Deleted ${deleted.voice_id} at ${formatTime(deleted.delete_time)}.\n`,
      );
    });
}
