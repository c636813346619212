/** `noiz-voices sample <voice_id>`: downloads a voice's sample audio, with a progress bar. */
import { extname } from "node:path";
import type { Command } from "commander";
import type { downloadVoiceSample } from "../samples.js";
import type { Context } from "./context.js";
import { safe } from "./escape.js";
import { formatBytes } from "./format.js";

/**
 * `<voice_id>.<ext>` in the current directory: the id as typed (not as the server spells it), and the
 * sample URL's extension only when it is an audio one (`.wav` otherwise), so a server cannot name a
 * file such as `package.json` here.
 */
function defaultFileName(voiceId: string, sample: string | undefined, audioExtensions: readonly string[]): string {
  let extension = "";
  try {
    extension = extname(new URL(sample ?? "").pathname).toLowerCase();
  } catch {
    extension = "";
  }
  if (!audioExtensions.includes(extension)) extension = ".wav";
  // Only safe characters, and never a dot file or an empty name.
  const base = String(voiceId)
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .replace(/^\.+/, "");
  return `${base || "sample"}${extension}`;
}

/** Adds the `sample` command. */
export function registerSample(program: Command, ctx: Context): void {
  program
    .command("sample")
    .description("Download a voice's sample audio (written whole or not at all)")
    .argument("<voice_id>", "the voice's id, as `list` shows it")
    .option("-o, --out <file>", "where to save it (default: <voice_id>.<ext> here)")
    .addHelpText(
      "after",
      "\nThe sample's host never receives your API key.\n\nExample:\n  noiz-voices sample abc123def456 --out aria.wav",
    )
    .action(async (voiceId: string, opts: { out?: string }, command: Command) => {
      const client = await ctx.client(command);
      const voice = await client.voices.get(voiceId, { signal: ctx.signal });
      const timeout = ctx.options(command).timeout;
      // Loaded here, not at startup: see program.ts.
      const [{ downloadVoiceSample }, { byteProgress, silentProgress }, { AUDIO_EXTENSIONS }] = await Promise.all([
        import("../samples.js"),
        import("./progress.js"),
        import("@noiz-voices/client/internal"),
      ]);
      const out = opts.out ?? defaultFileName(voiceId, voice.sample, Object.values(AUDIO_EXTENSIONS).flat());
      const progress = ctx.interactive(command) ? byteProgress("Downloading", ctx.io.stderr) : silentProgress;
      let saved: Awaited<ReturnType<typeof downloadVoiceSample>>;
      try {
        saved = await downloadVoiceSample(voice, out, {
          signal: ctx.signal,
          ...(timeout === undefined ? {} : { timeoutMs: timeout }),
          onProgress: (received, total) => progress.update(received, total),
        });
      } finally {
        progress.stop();
      }
      await ctx.print(
        command,
        { voice_id: voice.voice_id, path: saved.path, bytes: saved.bytes, content_type: saved.contentType ?? null },
        () => safe`Saved the sample of ${voice.voice_id} to ${saved.path} (${formatBytes(saved.bytes)}).\n`,
      );
    });
}
