/** cloneVoiceFromFile: `client.voices.clone` with a file on disk, in one call. */
import {
  type ClonedVoice,
  type components,
  type RequestOptions,
  ValidationError,
  type VoicesClient,
} from "@noiz-voices/client";
import { withOperation } from "@noiz-voices/client/internal";
import { fileFromPath } from "./files.js";

/** The optional fields of a clone, besides the audio: `display_name`, `denoise`, `language`. */
export type CloneFields = Omit<components["schemas"]["CloneVoiceFields"], "file" | "voice_url">;

/** A time limit that fits an upload from disk on a slow link (10 min): what `noiz-voices clone` and the MCP server give one. */
export const FILE_UPLOAD_TIMEOUT_MS = 10 * 60_000;

/**
 * Clones a voice from a WAV, MP3 or M4A file on disk: `client.voices.clone({ ...fields, file: await
 * fileFromPath(path) }, options)`, nothing more. On the Node client (`createVoicesClient` of this
 * package) the file streams from disk with flat memory and `options.onUploadProgress` counts the bytes
 * sent; `timeoutMs` bounds each attempt, so raise it for large files on slow links.
 */
export async function cloneVoiceFromFile(
  client: VoicesClient,
  path: string | URL,
  fields: CloneFields = {},
  options?: RequestOptions,
): Promise<ClonedVoice> {
  // Spread, a string (a display name given in its place) would become { 0: "M", … } and be dropped.
  if (fields !== null && (typeof fields !== "object" || Array.isArray(fields))) {
    throw withOperation(
      new ValidationError("fields", "fields must be an object such as { display_name }, or left out."),
      "cloneVoice",
    );
  }
  return client.voices.clone({ ...fields, file: await fileFromPath(path) }, options);
}
