/** `noiz-voices get <voice_id>`: one voice's details. */
import type { Command } from "commander";
import type { Context } from "./context.js";
import { details, formatTime } from "./format.js";

/** Adds the `get` command. */
export function registerGet(program: Command, ctx: Context): void {
  program
    .command("get")
    .description("Show one voice")
    .argument("<voice_id>", "the voice's id, as `list` shows it")
    .addHelpText("after", "\nExample:\n  noiz-voices get abc123def456 --json")
    .action(async (voiceId: string, _opts: unknown, command: Command) => {
      const voice = await (await ctx.client(command)).voices.get(voiceId, { signal: ctx.signal });
      await ctx.print(command, voice, () =>
        details([
          ["id", voice.voice_id],
          ["name", voice.display_name],
          ["type", voice.voice_type],
          ["labels", voice.labels],
          ["created", formatTime(voice.create_time)],
          // What each one is, in the spec's words (Voice.sample, Voice.url): two URLs that can be the same.
          ["sample", voice.sample, "sample audio of the voice"],
          ["transcript", voice.meta?.text, "what the sample says"],
          ["url", voice.url, "the voice's reference audio"],
        ]),
      );
    });
}
