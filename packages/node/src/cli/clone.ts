/** `noiz-voices clone <file-or-url>`: clones a voice from a file on disk (with a progress bar) or a URL. */

import type { ClonedVoice } from "@noiz-voices/client";
import type { Command } from "commander";
import type { Context } from "./context.js";
import { safe } from "./escape.js";
import { details } from "./format.js";

/** Default time limit for an upload from a file, which can be large: 10 minutes. */

interface CloneOptions {
  name?: string;
  language?: string;
  denoise?: boolean;
}

/** Adds the `clone` command. */
export function registerClone(program: Command, ctx: Context): void {
  program
    .command("clone")
    .description("Clone a voice from a WAV, MP3 or M4A file, or from the http(s) URL of one")
    .argument("<file-or-url>", "a local audio file, or an http(s) URL the service fetches")
    .option("--name <name>", "display name of the new voice")
    .option("--language <code>", "language of the audio, such as en or zh")
    .option("--denoise", "apply noise reduction first")
    .addHelpText(
      "after",
      "\nA file upload may take longer than the usual 60 s; its default --timeout is 10m.\n\nExamples:\n" +
        '  noiz-voices clone ./me.wav --name "My voice" --language en\n' +
        "  noiz-voices clone https://example.com/me.mp3 --json",
    )
    .action(async (source: string, opts: CloneOptions, command: Command) => {
      const fields = {
        ...(opts.name !== undefined ? { display_name: opts.name } : {}),
        ...(opts.language !== undefined ? { language: opts.language } : {}),
        ...(opts.denoise ? { denoise: true } : {}),
      };
      let cloned: ClonedVoice;
      if (/^https?:\/\//i.test(source)) {
        const client = await ctx.client(command);
        cloned = await client.voices.clone({ voice_url: source, ...fields }, { signal: ctx.signal });
      } else {
        // Loaded here, not at startup: see program.ts.
        const [{ cloneVoiceFromFile, FILE_UPLOAD_TIMEOUT_MS }, { byteProgress, silentProgress }] = await Promise.all([
          import("../clone.js"),
          import("./progress.js"),
        ]);
        const client = await ctx.client(command, { timeoutMs: FILE_UPLOAD_TIMEOUT_MS });
        const progress = ctx.interactive(command) ? byteProgress("Uploading", ctx.io.stderr) : silentProgress;
        try {
          cloned = await cloneVoiceFromFile(client, source, fields, {
            signal: ctx.signal,
            onUploadProgress: (sent, total) => progress.update(sent, total),
          });
        } finally {
          progress.stop();
        }
      }
      await ctx.print(command, cloned, () =>
        details([
          [
            "Cloned",
            cloned.voice_display_name ? safe`${cloned.voice_id} ("${cloned.voice_display_name}")` : cloned.voice_id,
          ],
          ["duration", cloned.duration === undefined ? undefined : safe`${cloned.duration} s`],
          ["language", cloned.language],
          ["selected", cloned.selected_text],
        ]),
      );
    });
}
