/** Input checks that run before any request is sent, and audio sniffing for uploads. */
import { ValidationError } from "./errors.js";
import { voiceTypeValues } from "./generated/voices.gen.js";
import type { CloneVoiceBody, ListAllVoicesParams, ListVoicesParams } from "./types.js";

/** Audio formats the service accepts, by MIME type. */
export type AudioType = "audio/wav" | "audio/mpeg" | "audio/mp4";

/** File extension per accepted audio type, for naming uploads that have no name. */
export const AUDIO_EXTENSIONS: Record<AudioType, string> = {
  "audio/wav": "wav",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
};

/** Bytes `sniffAudioType` needs from the start of a file. */
export const SNIFF_BYTES = 12;

/**
 * Detects WAV, MP3 or M4A from a file's first bytes (at least 12); `undefined` for
 * anything else. Names and declared types are not trusted.
 */
export function sniffAudioType(head: Uint8Array): AudioType | undefined {
  const ascii = (start: number, end: number) => String.fromCharCode(...head.subarray(start, end));
  if (head.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WAVE") return "audio/wav";
  if (head.length >= 8 && ascii(4, 8) === "ftyp") return "audio/mp4";
  if (head.length >= 3 && ascii(0, 3) === "ID3") return "audio/mpeg";
  // An MPEG audio frame: 11 sync bits, then a version and a layer that are not reserved.
  // Layer bits 00 would be AAC in ADTS, which is not MP3.
  const [b0 = 0, b1 = 0] = head;
  if (head.length >= 2 && b0 === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x18) !== 0x08 && (b1 & 0x06) !== 0) {
    return "audio/mpeg";
  }
  return undefined;
}

const describe = (value: unknown): string => {
  if (typeof value === "string")
    return value.length > 40 ? `a ${value.length}-character string` : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
};

/** Checks a voice id: a non-empty string that is not `.` or `..`. */
export function checkVoiceId(voiceId: unknown): string {
  if (typeof voiceId !== "string" || voiceId.length === 0 || voiceId === "." || voiceId === "..") {
    throw new ValidationError(
      "voice_id",
      `voice_id must be a non-empty string other than "." and ".." (the voice's id, as client.voices.list() shows it); got ${describe(voiceId)}.`,
    );
  }
  return voiceId;
}

function checkInteger(field: string, value: unknown, min: number, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new ValidationError(field, `${field} must be ${what}; got ${describe(value)}.`);
  }
  return value;
}

function checkOptionalString(field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new ValidationError(field, `${field} must be a string; got ${describe(value)}.`);
  return value;
}

function checkObject(field: string, value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new ValidationError(field, `${field} must be an object; got ${describe(value)}.`);
  }
  return value as Record<string, unknown>;
}

/** Checks and copies the list filters, dropping anything the spec does not know. */
export function checkListParams(params: unknown): ListVoicesParams {
  const input = checkObject("params", params);
  const query: ListVoicesParams = {};
  const voiceType = input.voice_type;
  if (voiceType !== undefined) {
    if (!(voiceTypeValues as readonly unknown[]).includes(voiceType)) {
      throw new ValidationError(
        "voice_type",
        `voice_type must be one of ${voiceTypeValues.map((v) => `"${v}"`).join(", ")}; got ${describe(voiceType)}.`,
      );
    }
    query.voice_type = voiceType as ListVoicesParams["voice_type"];
  }
  const keyword = checkOptionalString("keyword", input.keyword);
  if (keyword !== undefined) query.keyword = keyword;
  const skip = checkInteger("skip", input.skip, 0, "a page number: an integer >= 0 (it is not an offset)");
  if (skip !== undefined) query.skip = skip;
  const limit = checkInteger("limit", input.limit, 1, "a positive integer (the page size)");
  if (limit !== undefined) query.limit = limit;
  return query;
}

/** Checks `listAll`'s parameters: the list filters plus `concurrency`. */
export function checkListAllParams(params: unknown): { query: ListVoicesParams; concurrency: number } {
  const input = checkObject("params", params) as ListAllVoicesParams;
  const concurrency = checkInteger("concurrency", input.concurrency, 1, "a positive integer") ?? 4;
  return { query: checkListParams(input), concurrency };
}

/** A clone body that passed every check, with the upload's detected type. */
export interface CheckedCloneBody {
  file?: { blob: Blob; type: AudioType; filename: string };
  voice_url?: string;
  display_name?: string;
  denoise?: boolean;
  language?: string;
}

const ALLOWED = "WAV, MP3 or M4A audio";

/** Checks a clone body before any byte is sent: a file or URL, each field's type, and the file's real format. */
export async function checkCloneBody(body: unknown): Promise<CheckedCloneBody> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ValidationError(
      "body",
      `The clone body must be an object with file or voice_url; got ${describe(body)}.`,
    );
  }
  const input = body as Partial<Record<keyof CloneVoiceBody, unknown>>;
  const checked: CheckedCloneBody = {};
  if (input.file === undefined && input.voice_url === undefined) {
    throw new ValidationError(
      "file",
      `A clone needs file (a Blob or File of ${ALLOWED}) or voice_url (an http(s) URL of such a file); neither was given.`,
    );
  }
  if (input.file !== undefined) checked.file = await checkAudioFile(input.file);
  if (input.voice_url !== undefined) checked.voice_url = checkVoiceUrl(input.voice_url);
  const displayName = checkOptionalString("display_name", input.display_name);
  if (displayName !== undefined) checked.display_name = displayName;
  const language = checkOptionalString("language", input.language);
  if (language !== undefined) checked.language = language;
  if (input.denoise !== undefined) {
    if (typeof input.denoise !== "boolean") {
      throw new ValidationError("denoise", `denoise must be true or false; got ${describe(input.denoise)}.`);
    }
    checked.denoise = input.denoise;
  }
  return checked;
}

async function checkAudioFile(file: unknown): Promise<NonNullable<CheckedCloneBody["file"]>> {
  if (typeof Blob === "undefined" || !(file instanceof Blob)) {
    throw new ValidationError("file", `file must be a Blob or File of ${ALLOWED}; got ${describe(file)}.`);
  }
  if (file.size === 0) throw new ValidationError("file", `file is empty; it must hold ${ALLOWED}.`);
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const type = sniffAudioType(head);
  const name = typeof (file as File).name === "string" && (file as File).name ? (file as File).name : undefined;
  if (!type) {
    throw new ValidationError(
      "file",
      `file${name ? ` "${name}"` : ""} is not ${ALLOWED}: its first bytes match none of them. Convert it to WAV, MP3 or M4A.`,
    );
  }
  // slice() is lazy: a file-backed Blob stays on disk, it only gains the detected type.
  const blob = file.type === type ? file : file.slice(0, file.size, type);
  return { blob, type, filename: name ?? `audio.${AUDIO_EXTENSIONS[type]}` };
}

function checkVoiceUrl(value: unknown): string {
  if (typeof value === "string") {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (url && (url.protocol === "http:" || url.protocol === "https:")) return value;
  }
  throw new ValidationError(
    "voice_url",
    `voice_url must be an absolute http(s) URL of ${ALLOWED}; got ${describe(value)}.`,
  );
}

/** Checks per-request and client-wide numeric settings. */
export function checkSettings(input: { timeoutMs?: unknown; maxRetries?: unknown; fetch?: unknown }): void {
  const { timeoutMs, maxRetries } = input;
  if (input.fetch !== undefined && typeof input.fetch !== "function") {
    throw new ValidationError("fetch", `fetch must be a function like the global fetch; got ${describe(input.fetch)}.`);
  }
  if (timeoutMs !== undefined && (typeof timeoutMs !== "number" || !(timeoutMs > 0) || timeoutMs > 2_147_483_647)) {
    throw new ValidationError(
      "timeoutMs",
      `timeoutMs must be a number of milliseconds > 0; got ${describe(timeoutMs)}.`,
    );
  }
  checkInteger("maxRetries", maxRetries, 0, "an integer >= 0");
}
