/** The clone body: checked before any byte is sent, and described as the one multipart body every adapter sends. */
import type { MultipartBody, MultipartField, MultipartFile } from "./adapter.js";
import { ValidationError } from "./errors.js";
import { AUDIO_EXTENSIONS, CLONE_RULES, checkFields, isRecord, readField, reject, sniffAudioType } from "./validate.js";

/**
 * Checks a clone body before any byte is sent (a file or URL, each field's type, the file's real
 * format) and describes it as the one multipart body every adapter sends: the text fields in the
 * spec's order, then the file with a cleaned name and the type its bytes show.
 */
export async function cloneBody(body: unknown): Promise<MultipartBody> {
  if (!isRecord(body)) reject("body", "an object with file or voice_url", body);
  const fields = checkFields<Record<string, unknown>>(body, CLONE_RULES);
  const parts: (MultipartField | MultipartFile)[] = [];
  for (const name in fields) parts.push({ name, value: String(fields[name]) });
  const file = readField(body, "file");
  if (file === undefined) {
    if (fields.voice_url === undefined) throw new ValidationError("file", "A clone needs file or voice_url.");
    return { parts };
  }
  if (typeof Blob === "undefined" || !(file instanceof Blob) || !file.size) {
    reject("file", "a non-empty Blob or File", file);
  }
  const { name } = file as Partial<File>;
  const called = name ? `"${name.length > 80 ? `${name.slice(0, 80)}…` : name}" ` : "";
  let head: ArrayBuffer;
  try {
    head = await file.slice(0, 12).arrayBuffer();
  } catch (cause) {
    // A file-backed Blob (`fileFromPath`, a browser's File) whose file was moved, deleted or changed.
    const reason = (cause as Error | undefined)?.name ?? "an error";
    throw new ValidationError(
      "file",
      `The file ${called}could not be read (${reason}): it may have been moved, deleted or changed since it was opened.`,
    );
  }
  const type = sniffAudioType(new Uint8Array(head));
  if (!type) {
    throw new ValidationError("file", `The file ${called}is not WAV, MP3 or M4A audio (judged by its bytes).`);
  }
  parts.push({ name: "file", filename: uploadName(name) || `audio${AUDIO_EXTENSIONS[type][0]}`, type, data: file });
  return { parts };
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
