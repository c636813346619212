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
// A lone surrogate cannot be encoded in a URL or a form: it would be sent as U+FFFD, or throw.
const isString = (value: unknown) =>
  typeof value === "string" && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
const TEXT = "a string of valid Unicode";
/** Throws `message` for `field` unless the runtime's own `Headers` takes `init` (valid names, Latin-1, no line breaks). */
const checkHeaderInit = (init: Record<string, unknown>, field: string, message: string) => {
  try {
    new Headers(init as Record<string, string>);
  } catch {
    throw new ValidationError(field, message);
  }
};
const isHttpUrl = (value: unknown) =>
  typeof value === "string" && /^https?:\/\/[^/]/i.test(value) && URL.canParse?.(value) !== false;

const RULES: Record<string, Rule> = {
  voice_type: [
    (value) => (voiceTypeValues as readonly unknown[]).includes(value),
    `one of ${voiceTypeValues.join(", ")}`,
  ],
  keyword: [isString, TEXT],
  skip: [integerFrom(0), "a page number: an integer >= 0 (it is not an offset)"],
  limit: [integerFrom(1), "a positive integer (the page size)"],
  concurrency: [integerFrom(1), "a positive integer"],
  // The spec says `format: uri` (RFC 3986): no spaces or raw non-ASCII, `%` only in escapes.
  voice_url: [
    (value) => isHttpUrl(value) && !/[^\w\-.~!$&'()*+,;=:@/?#%]|%(?![\da-f]{2})/i.test(value as string),
    "an http(s) URL of WAV, MP3 or M4A audio (RFC 3986: %-escape spaces and non-ASCII)",
  ],
  display_name: [isString, TEXT],
  language: [isString, TEXT],
  denoise: [(value) => typeof value === "boolean", "true or false"],
  timeoutMs: [(value) => typeof value === "number" && value > 0 && value < 2 ** 31, "milliseconds > 0"],
  maxRetries: [integerFrom(0), "an integer >= 0"],
  signal: [(value) => typeof (value as AbortSignal | undefined)?.addEventListener === "function", "an AbortSignal"],
  fetch: [(value) => typeof value === "function", "a function like the global fetch"],
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

/** Checks the client's options (`perCall` false) or a call's: `timeoutMs`, `maxRetries`, `fetch`, `headers`, a call's `signal`. */
export function checkSettings(options: unknown, perCall?: boolean): void {
  pick(options, ["timeoutMs", "maxRetries", "fetch", ...(perCall ? ["signal"] : [])], "options");
  const headers = (options as { headers?: unknown } | null | undefined)?.headers;
  if (headers === undefined) return;
  // Nothing quoted: a header may carry a secret. The client and the runtime set the framing headers.
  const message =
    "headers must map valid header names to strings, without Content-Type, Content-Length, Host, Transfer-Encoding or Connection.";
  if (
    typeof headers !== "object" ||
    !headers ||
    Array.isArray(headers) ||
    Object.entries(headers).some(
      ([name, value]) =>
        typeof value !== "string" || /^(content-(type|length)|transfer-encoding|host|connection)$/i.test(name),
    )
  ) {
    throw new ValidationError("headers", message);
  }
  checkHeaderInit(headers as Record<string, unknown>, "headers", message);
}

/** Checks the API key: a header value, so no line breaks and nothing beyond Latin-1. Never quotes the key. */
export function checkApiKey(apiKey: unknown): string {
  if (typeof apiKey !== "string" || !apiKey.trim()) {
    throw new ValidationError(
      "apiKey",
      "No API key: pass `apiKey` to createVoicesClient() or set the NOIZ_API_KEY environment variable.",
    );
  }
  checkHeaderInit({ a: apiKey }, "apiKey", "apiKey has characters a header cannot carry.");
  return apiKey;
}

/** Checks `baseUrl` and returns it normalised, without a trailing slash. Never quotes it: it may hold credentials. */
export function checkBaseUrl(baseUrl: unknown): string {
  const url = isHttpUrl(baseUrl) ? new URL(baseUrl as string) : undefined;
  // Paths are appended to it: a query or fragment would swallow them, credentials make fetch throw.
  if (!url || url.username || url.password || /[?#]/.test(url.href)) {
    throw new ValidationError(
      "baseUrl",
      "baseUrl must be an http(s) URL such as https://noiz.ai/v1, without credentials, query or fragment.",
    );
  }
  return url.href.replace(/\/+$/, "");
}

/** Checks a voice id: a non-empty string that is not `.` or `..` (URLs resolve those away). */
export function checkVoiceId(voiceId: unknown): string {
  if (!isString(voiceId) || /^\.{0,2}$/.test(voiceId as string)) {
    reject("voice_id", `a voice's id: a non-empty string other than "." and ".."`, voiceId);
  }
  return voiceId as string;
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
  checked.file = { blob, filename: uploadName(name) || `audio.${AUDIO_EXTENSIONS[type]}` };
  return checked;
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
