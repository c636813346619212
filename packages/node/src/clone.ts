/** cloneVoiceFromFile: `client.voices.clone` with a file on disk, in one call. */
import type { ClonedVoice, components, RequestOptions, VoicesClient } from "@noiz-voices/client";
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
  // A non-object `fields` is the core's to reject, with the same message as clone's.
  return client.voices.clone({ ...(fields as object), file: await fileFromPath(path) }, options);
}
