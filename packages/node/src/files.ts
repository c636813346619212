/** fileFromPath: a file on disk as a lazily read `File`, its audio type taken from its first bytes. */
import { openAsBlob } from "node:fs";
import { open, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { type AudioType, sniffAudioType, ValidationError } from "@noiz-voices/client";
import { AUDIO_EXTENSIONS } from "@noiz-voices/client/internal";

const ALLOWED = "a WAV, MP3 or M4A audio file";
/** Bytes read from the start of a file to detect its format (what `sniffAudioType` needs). */
const HEAD_BYTES = 12;

/** Where a `File` made by `fileFromPath` lives on disk, so uploads can read it straight from there. */
export interface DiskSource {
  /** Absolute or relative path, as given. */
  path: string;
  /** Size in bytes when the file was opened. */
  size: number;
  /** Modification time when the file was opened, in milliseconds. */
  mtimeMs: number;
}

const sources = new WeakMap<Blob, DiskSource>();

/** The disk file behind a `File` made by `fileFromPath`, or `undefined` for any other Blob. */
export function diskSourceOf(blob: Blob): DiskSource | undefined {
  return sources.get(blob);
}

/** A path or URL as a message quotes it: shortened, so a message stays one readable line whatever it is. */
export function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 100)}…${text.slice(-60)}` : text;
}

function toPath(path: unknown): string {
  if (path instanceof URL) {
    if (path.protocol !== "file:") {
      throw new ValidationError("path", `path must be a file path or a file: URL; got a ${path.protocol} URL.`);
    }
    return fileURLToPath(path);
  }
  if (typeof path !== "string" || path.length === 0) {
    throw new ValidationError("path", `path must be a non-empty string naming ${ALLOWED}.`);
  }
  return path;
}

function extensionFor(type: AudioType, name: string): string {
  const accepted: readonly string[] = AUDIO_EXTENSIONS[type];
  const extension = extname(name);
  // The service may go by the upload's name: a WAV called .mp3 is sent as .wav.
  if (accepted.includes(extension.toLowerCase())) return name;
  return `${extension ? name.slice(0, -extension.length) : name}${accepted[0]}`;
}

function describeClaim(name: string): string {
  const extension = extname(name).toLowerCase();
  for (const [type, accepted] of Object.entries(AUDIO_EXTENSIONS)) {
    if ((accepted as readonly string[]).includes(extension))
      return ` Its name says ${type.slice(6).toUpperCase()}, but its content is not.`;
  }
  return "";
}

/**
 * Opens a file on disk as a `File` whose bytes are read only when sent (never held in memory whole).
 * Its `type` is the format its first bytes show (WAV, MP3 or M4A); its `name` is the file's base name,
 * with the extension corrected when it contradicts the content. Throws a `ValidationError` naming the
 * path for a missing file, a directory, an empty file, or anything that is not WAV, MP3 or M4A.
 */
export async function fileFromPath(path: string | URL): Promise<File> {
  const filePath = toPath(path);
  const shown = shorten(filePath);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" || code === "ENOTDIR"
        ? "there is no such file"
        : code === "EACCES" || code === "EPERM"
          ? "it cannot be read (permission denied)"
          : `it cannot be read (${code ?? String(error)})`;
    throw new ValidationError("path", `Cannot use "${shown}": ${why}. Give the path of ${ALLOWED}.`);
  }
  if (info.isDirectory()) {
    throw new ValidationError("path", `"${shown}" is a directory. Give the path of ${ALLOWED}.`);
  }
  if (!info.isFile()) {
    throw new ValidationError("path", `"${shown}" is not a regular file. Give the path of ${ALLOWED}.`);
  }
  if (info.size === 0) {
    throw new ValidationError("path", `"${shown}" is empty. Give the path of ${ALLOWED}.`);
  }

  const head = Buffer.alloc(HEAD_BYTES);
  let headLength = 0;
  try {
    const handle = await open(filePath, "r");
    try {
      ({ bytesRead: headLength } = await handle.read(head, 0, HEAD_BYTES, 0));
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ValidationError(
      "path",
      `Cannot read "${shown}" (${code ?? String(error)}). Give the path of ${ALLOWED}.`,
    );
  }
  const name = basename(filePath);
  const type = sniffAudioType(head.subarray(0, headLength));
  if (!type) {
    throw new ValidationError(
      "path",
      `"${shown}" is not ${ALLOWED}: its first bytes match none of them.${describeClaim(name)} Convert it to WAV, MP3 or M4A.`,
    );
  }

  // openAsBlob reads lazily and fails a read if the file changed after this point.
  const blob = await openAsBlob(filePath, { type });
  const file = new File([blob], extensionFor(type, name), { type, lastModified: info.mtimeMs });
  sources.set(file, { path: filePath, size: info.size, mtimeMs: info.mtimeMs });
  return file;
}
