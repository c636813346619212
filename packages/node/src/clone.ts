/** cloneVoiceFromFile: clone a voice from a file on disk, streamed with flat memory. */
import type { ClonedVoice, components, RequestOptions, VoicesClient } from "@noiz-voices/client";
import { diskSourceOf, fileFromPath } from "./files.js";
import { buildMultipart, type FormPart } from "./multipart.js";
import { createUploadFetch, type UploadProgress } from "./upload.js";

/** The optional fields of a clone, besides the audio: `display_name`, `denoise`, `language`. */
export type CloneFields = Omit<components["schemas"]["CloneVoiceFields"], "file" | "voice_url">;

/** Options of `cloneVoiceFromFile`: the client's per-call options, plus upload progress. */
export interface CloneFromFileOptions extends RequestOptions {
  /** Called as the upload goes: bytes sent so far and the request body's total size. */
  onProgress?: UploadProgress;
}

/**
 * Clones a voice from a WAV, MP3 or M4A file on disk. The client checks the form and sends it with
 * its own key, base URL, timeouts and errors; the bytes go straight from disk over node:http(s), so
 * memory does not grow with the file. `timeoutMs` bounds the whole upload: raise it for large files
 * on slow links. With `options.fetch`, the form is sent through that fetch instead.
 */
export async function cloneVoiceFromFile(
  client: VoicesClient,
  path: string | URL,
  fields: CloneFields = {},
  options: CloneFromFileOptions = {},
): Promise<ClonedVoice> {
  const file = await fileFromPath(path);
  const { onProgress, ...requestOptions } = options;
  const body = { ...fields, file };
  if (requestOptions.fetch) return client.voices.clone(body, requestOptions);

  const source = diskSourceOf(file)!;
  const parts: FormPart[] = [{ name: "file", filename: file.name, type: file.type, source }];
  // The same fields, in the same order, as the client's own form (the client checks them first).
  const form = fields as Record<string, unknown>;
  for (const name of ["voice_url", "display_name", "denoise", "language"]) {
    if (form[name] !== undefined) parts.push({ name, value: String(form[name]) });
  }
  const multipart = buildMultipart(parts);
  return client.voices.clone(body, { ...requestOptions, fetch: createUploadFetch(multipart, onProgress) });
}
