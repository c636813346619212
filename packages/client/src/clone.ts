/**
 * The clone body, checked and described, in its own chunk: loaded on the first clone, so a program
 * that only lists and reads voices never downloads audio sniffing and multipart building.
 */
import type { MultipartBody, MultipartField, MultipartFile } from "./adapter.js";
import { ValidationError } from "./errors.js";
import { type AudioType, CLONE_RULES, isRecord, pick, reject, sniffAudioType } from "./validate.js";

const EXTENSIONS: Record<AudioType, string> = { "audio/wav": "wav", "audio/mpeg": "mp3", "audio/mp4": "m4a" };

/**
 * Checks a clone body before any byte is sent (a file or URL, each field's type, the file's real
 * format) and describes it as the one multipart body every adapter sends: the text fields in the
 * spec's order, then the file with a cleaned name and the type its bytes show.
 */
export async function cloneBody(body: unknown): Promise<MultipartBody> {
  if (!isRecord(body)) reject("body", "an object with file or voice_url", body);
  const fields = pick<Record<string, unknown>>(body, CLONE_RULES);
  const parts: (MultipartField | MultipartFile)[] = [];
  for (const name in fields) parts.push({ name, value: String(fields[name]) });
  const { file } = body;
  if (file === undefined) {
    if (fields.voice_url === undefined) throw new ValidationError("file", "A clone needs file or voice_url.");
    return { kind: "multipart", parts };
  }
  if (typeof Blob === "undefined" || !(file instanceof Blob) || !file.size) {
    reject("file", "a non-empty Blob or File", file);
  }
  const type = sniffAudioType(new Uint8Array(await file.slice(0, 12).arrayBuffer()));
  const { name } = file as Partial<File>;
  if (!type) {
    throw new ValidationError(
      "file",
      `file ${name ? `"${name}" ` : ""}is not WAV, MP3 or M4A audio (judged by its bytes).`,
    );
  }
  parts.push({ name: "file", filename: uploadName(name) || `audio.${EXTENSIONS[type]}`, type, data: file });
  return { kind: "multipart", parts };
}

/**
 * The name sent with an upload: the base name, control characters and quotes replaced. Directories
 * mean nothing to the service, and parsers read a backslash or quote in a multipart header differently.
 */
function uploadName(name = ""): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it replaces.
  const base = name.replace(/^.*[\\/]/, "").replace(/[\0-\x1f\x7f"]/g, "_");
  return /^\.{0,2}$/.test(base.trim()) ? "" : base;
}
