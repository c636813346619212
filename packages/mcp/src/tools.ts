/**
 * The five tools: what an agent is told about each (title, description, annotations) and what each
 * does. Their schemas are generated from the spec (src/generated/tools.gen.ts); the arguments a
 * handler gets are the spec's types, by their wire names.
 */
import type {
  ClonedVoice,
  CloneVoiceBody,
  DeletedVoice,
  ListVoicesParams,
  RequestOptions,
  Voice,
  VoiceList,
  VoicesClient,
} from "@noiz-voices/client";
import { type DownloadedSample, downloadVoiceSample, FILE_UPLOAD_TIMEOUT_MS, fileFromPath } from "@noiz-voices/node";
import { generatedTools } from "./generated/tools.gen.js";

/** The name of every tool. */
export type ToolName = keyof typeof generatedTools;

/** A local path argument, as the allowed folders check it. */
export interface Paths {
  /** The real path of an existing file inside an allowed folder. */
  readable(argument: string, path: string): Promise<string>;
  /** The real path of a file to write inside an allowed folder. */
  writable(argument: string, path: string): Promise<string>;
}

/** What a handler gets besides its arguments. */
export interface ToolContext {
  client: VoicesClient;
  paths: Paths;
  /** Aborted when the client cancels the call. */
  signal: AbortSignal;
  /** Reports progress (bytes so far and the total, when known), when the client asked for it. */
  progress: ((done: number, total: number | undefined) => void) | undefined;
}

type CloneFields = Omit<Extract<CloneVoiceBody, { voice_url: string }>, "file" | "voice_url">;

/** Each tool's arguments: the spec's parameters and fields, by their wire names (plus local paths). */
export interface ToolArguments {
  list_voices: ListVoicesParams;
  get_voice: { voice_id: string };
  clone_voice: CloneFields & { file_path?: string; voice_url?: string };
  delete_voice: { voice_id: string };
  download_voice_sample: { voice_id: string; dest_path: string };
}

/** What the sample download answers: the voice and `downloadVoiceSample`'s result, by wire-style names. */
export interface DownloadedVoiceSample {
  voice_id: Voice["voice_id"];
  path: DownloadedSample["path"];
  bytes: DownloadedSample["bytes"];
  content_type: string | null;
}

/** Each tool's result: the `data` of the operation's success envelope. */
export interface ToolResults {
  list_voices: VoiceList;
  get_voice: Voice;
  clone_voice: ClonedVoice;
  delete_voice: DeletedVoice;
  download_voice_sample: DownloadedVoiceSample;
}

/** One tool, as written by hand: what the agent is told and what the call does. */
export interface ToolDefinition<Name extends ToolName> {
  /** A short human title. */
  title: string;
  /** What an agent needs to know, before the spec's own description of the operation. */
  guidance: string;
  /** True when it changes nothing (hints `readOnlyHint`; `--read-only` keeps only these). */
  readOnly: boolean;
  /** True when it removes something (hints `destructiveHint`). */
  destructive: boolean;
  /** True when calling it twice has the effect of calling it once (hints `idempotentHint`). */
  idempotent: boolean;
  /** True when it talks to hosts beyond the API (hints `openWorldHint`). */
  openWorld: boolean;
  /** One line for clients that show no structured output. */
  summary(result: ToolResults[Name]): string;
  /** Runs the call. */
  run(args: ToolArguments[Name], context: ToolContext): Promise<ToolResults[Name]>;
}

const requestOptions = (context: ToolContext): RequestOptions => ({ signal: context.signal });

/** Every tool, by name. */
export const tools: { [Name in ToolName]: ToolDefinition<Name> } = {
  list_voices: {
    title: "List voices",
    guidance:
      "Lists the account's custom voices (voice_type custom, the default) or the service's built-in voices (voice_type built-in), one page at a time. `skip` is a page number, not an offset: the next page is skip + 1. `total_count` counts every page.",
    readOnly: true,
    destructive: false,
    idempotent: true,
    openWorld: false,
    summary: (page) => `${page.voices.length} of ${page.total_count} voices.`,
    run: (args, context) => context.client.voices.list(args, requestOptions(context)),
  },
  get_voice: {
    title: "Get a voice",
    guidance: "Shows one voice, custom or built-in, by its voice_id (as list_voices gives it).",
    readOnly: true,
    destructive: false,
    idempotent: true,
    openWorld: false,
    summary: (voice) => `Voice ${voice.voice_id} (${voice.voice_type}).`,
    run: (args, context) => context.client.voices.get(args.voice_id, requestOptions(context)),
  },
  clone_voice: {
    title: "Clone a voice",
    guidance:
      "Creates a new custom voice from a recording: give file_path (a WAV, MP3 or M4A file on this machine, inside a folder the server may read) or voice_url (an http(s) URL of such a file), and optionally display_name, language and denoise. Each call creates another voice, even with the same arguments.",
    readOnly: false,
    destructive: false,
    idempotent: false,
    openWorld: false,
    summary: (cloned) => `Cloned voice ${cloned.voice_id}.`,
    async run(args, context) {
      const { file_path, ...fields } = args;
      if (file_path === undefined) {
        return context.client.voices.clone(fields as CloneVoiceBody, requestOptions(context));
      }
      const file = await fileFromPath(await context.paths.readable("file_path", file_path));
      const { progress } = context;
      return context.client.voices.clone({ ...fields, file } as CloneVoiceBody, {
        ...requestOptions(context),
        timeoutMs: FILE_UPLOAD_TIMEOUT_MS,
        ...(progress && { onUploadProgress: (sent: number, total: number) => progress(sent, total) }),
      });
    },
  },
  delete_voice: {
    title: "Delete a voice",
    guidance:
      "Deletes one of the account's custom voices by its voice_id. Built-in voices cannot be deleted. The voice stops being listed and usable; the API offers no way to restore it.",
    readOnly: false,
    destructive: true,
    idempotent: true,
    openWorld: false,
    summary: (deleted) => `Deleted voice ${deleted.voice_id}.`,
    run: (args, context) => context.client.voices.delete(args.voice_id, requestOptions(context)),
  },
  download_voice_sample: {
    title: "Download a voice's sample",
    guidance:
      "Saves the sample audio of a voice to dest_path, a file inside a folder the server may write (its folder must exist). The file is written whole or not at all; an existing file there is replaced. The sample's host never receives the API key.",
    readOnly: false,
    destructive: false,
    idempotent: true,
    openWorld: true,
    summary: (saved) => `Saved the sample of ${saved.voice_id} to ${saved.path} (${saved.bytes} bytes).`,
    async run(args, context) {
      const target = await context.paths.writable("dest_path", args.dest_path);
      const voice = await context.client.voices.get(args.voice_id, requestOptions(context));
      const { progress } = context;
      const saved = await downloadVoiceSample(voice, target, {
        signal: context.signal,
        ...(progress && { onProgress: progress }),
      });
      return {
        voice_id: voice.voice_id,
        path: saved.path,
        bytes: saved.bytes,
        content_type: saved.contentType ?? null,
      };
    },
  },
};

/** Every tool's description: the guidance, then the spec's description of what it calls. */
export function describe(name: ToolName): string {
  return `${tools[name].guidance}\n\n${generatedTools[name].specDescription}`;
}
