/** Input checks that run before any request is sent, and audio sniffing for uploads. */
import { ValidationError } from "./errors.js";
import { voiceTypeValues } from "./generated/voices.gen.js";
import type { ListAllVoicesParams, ListVoicesParams } from "./types.js";

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
  const [b0, b1 = 0] = head;
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WAVE") return "audio/wav";
  if (ascii(4, 8) === "ftyp") return "audio/mp4";
  // ID3 tags, or an MPEG audio frame: 11 sync bits, then a version and a layer that are
  // not reserved (layer bits 00 would be AAC in ADTS, not MP3).
  if (ascii(0, 3) === "ID3" || (b0 === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x18) !== 0x08 && b1 & 0x06)) {
    return "audio/mpeg";
  }
  return undefined;
}

/** Throws the `ValidationError` for `field`, quoting a short, safe rendering of the value. */
function reject(field: string, expected: string, value: unknown): never {
  const got =
    typeof value === "string"
      ? value.length > 40
        ? `a ${value.length}-character string`
        : JSON.stringify(value)
      : typeof value === "object" && value
        ? `an ${Array.isArray(value) ? "array" : "object"}`
        : String(value);
  throw new ValidationError(field, `${field} must be ${expected}; got ${got}.`);
}

type Rule = [test: (value: unknown) => boolean, expected: string];

const integerFrom = (min: number) => (value: unknown) => Number.isSafeInteger(value) && (value as number) >= min;
const isString = (value: unknown) => typeof value === "string";
const isHttpUrl = (value: unknown) =>
  typeof value === "string" && /^https?:\/\/[^/]/i.test(value) && URL.canParse?.(value) !== false;

const RULES: Record<string, Rule> = {
  voice_type: [
    (value) => (voiceTypeValues as readonly unknown[]).includes(value),
    `one of ${voiceTypeValues.join(", ")}`,
  ],
  keyword: [isString, "a string"],
  skip: [integerFrom(0), "a page number: an integer >= 0 (it is not an offset)"],
  limit: [integerFrom(1), "a positive integer (the page size)"],
  concurrency: [integerFrom(1), "a positive integer"],
  voice_url: [isHttpUrl, "an http(s) URL of WAV, MP3 or M4A audio"],
  display_name: [isString, "a string"],
  language: [isString, "a string such as en or zh"],
  denoise: [(value) => typeof value === "boolean", "true or false"],
  timeoutMs: [(value) => typeof value === "number" && value > 0 && value < 2 ** 31, "milliseconds > 0"],
  maxRetries: [integerFrom(0), "an integer >= 0"],
  fetch: [(value) => typeof value === "function", "a function like the global fetch"],
  baseUrl: [isHttpUrl, "an http(s) URL such as https://noiz.ai/v1"],
};

/** Copies the named fields that are present, each checked by its rule; anything else is dropped. */
export function pick<T>(input: unknown, fields: readonly string[], name = "params"): T {
  if (input != null && (typeof input !== "object" || Array.isArray(input))) reject(name, "an object", input);
  const picked: Record<string, unknown> = {};
  for (const field of fields) {
    const value = (input as Record<string, unknown> | undefined)?.[field];
    if (value === undefined) continue;
    const [test, expected] = RULES[field]!;
    if (!test(value)) reject(field, expected, value);
    picked[field] = value;
  }
  return picked as T;
}

const LIST_FIELDS = ["voice_type", "keyword", "skip", "limit"] as const;

/** Checks and copies the list filters. */
export const checkListParams = (params: unknown): ListVoicesParams => pick(params, LIST_FIELDS);

/** Checks `listAll`'s parameters: the list filters plus `concurrency`. */
export const checkListAllParams = (params: unknown): ListAllVoicesParams =>
  pick(params, [...LIST_FIELDS, "concurrency"]);

/** Checks the client's or a call's `timeoutMs`, `maxRetries` and `fetch`. */
export const checkSettings = (options: unknown): void =>
  void pick(options, ["timeoutMs", "maxRetries", "fetch"], "options");

/** Checks a voice id: a non-empty string that is not `.` or `..` (URLs resolve those away). */
export function checkVoiceId(voiceId: unknown): string {
  if (typeof voiceId !== "string" || /^\.{0,2}$/.test(voiceId)) {
    reject("voice_id", `a voice's id: a non-empty string other than "." and ".."`, voiceId);
  }
  return voiceId;
}

/** A clone body that passed every check, ready to become a form. */
export interface CheckedCloneBody {
  file?: { blob: Blob; filename: string };
  voice_url?: string;
  display_name?: string;
  denoise?: boolean;
  language?: string;
}

/** Checks a clone body before any byte is sent: a file or URL, each field's type, and the file's real format. */
export async function checkCloneBody(body: unknown): Promise<CheckedCloneBody> {
  if (typeof body !== "object" || !body || Array.isArray(body))
    reject("body", "an object with file or voice_url", body);
  const checked = pick<CheckedCloneBody>(body, ["voice_url", "display_name", "denoise", "language"]);
  const { file } = body as { file?: unknown };
  if (file === undefined) {
    if (checked.voice_url === undefined) {
      throw new ValidationError(
        "file",
        "A clone needs file (a Blob of WAV, MP3 or M4A audio) or voice_url; neither was given.",
      );
    }
    return checked;
  }
  if (typeof Blob === "undefined" || !(file instanceof Blob) || file.size === 0) {
    reject("file", "a non-empty Blob or File of WAV, MP3 or M4A audio", file);
  }
  const type = sniffAudioType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()));
  const name = (file as Partial<File>).name;
  if (!type) {
    throw new ValidationError(
      "file",
      `file ${name ? `"${name}" ` : ""}is not WAV, MP3 or M4A audio (judged by its first bytes).`,
    );
  }
  // slice() is lazy: a file-backed Blob stays on disk; it only gains the detected type.
  const blob = file.type === type ? file : file.slice(0, file.size, type);
  checked.file = { blob, filename: name || `audio.${AUDIO_EXTENSIONS[type]}` };
  return checked;
}
