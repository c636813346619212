/** Input checks that run before any request is sent, and audio sniffing for uploads. */
import { ValidationError } from "./errors.js";
import { voiceTypeValues } from "./generated/voices.gen.js";
import type { ListAllVoicesParams, ListVoicesParams } from "./types.js";

/** Audio formats the service accepts, by MIME type. */
export type AudioType = "audio/wav" | "audio/mpeg" | "audio/mp4";

/**
 * Detects WAV, MP3 or M4A from a file's first bytes (at least 12); `undefined` for
 * anything else. Names and declared types are not trusted.
 */
export function sniffAudioType(head: Uint8Array): AudioType | undefined {
  const ascii = (start: number, end: number) => String.fromCharCode(...head.subarray(start, end));
  const [b0, b1 = 0] = head;
  // ID3 tags, or an MPEG audio frame: 11 sync bits, then a version and a layer that are
  // not reserved (layer bits 00 would be AAC in ADTS, not MP3).
  return ascii(0, 4) === "RIFF" && ascii(8, 12) === "WAVE"
    ? "audio/wav"
    : ascii(4, 8) === "ftyp"
      ? "audio/mp4"
      : ascii(0, 3) === "ID3" || (b0 === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x18) !== 0x08 && b1 & 0x06)
        ? "audio/mpeg"
        : undefined;
}

/** Throws the `ValidationError` for `field`, quoting a short, safe rendering of the value. */
function reject(field: string, expected: string, value: unknown): never {
  const type = Array.isArray(value) ? "array" : typeof value;
  const got =
    type === "string"
      ? (value as string).length > 40
        ? "a long string"
        : JSON.stringify(value)
      : value && /^[afo]/.test(type) // array, function, object: no contents, they could be anything
        ? `an ${type}`
        : String(value);
  throw new ValidationError(field, `${field} must be ${expected}; got ${got}.`);
}

type Rule = [test: (value: unknown) => boolean, expected: string];

const integerFrom = (min: number) => (value: unknown) => Number.isSafeInteger(value) && (value as number) >= min;
/** A string that a URL or a form can carry: a lone surrogate would be sent as U+FFFD, or throw. */
const isString = (value: unknown) => {
  try {
    return typeof value === "string" && encodeURIComponent(value) !== undefined;
  } catch {
    return false;
  }
};
const TEXT = "a string of valid Unicode";
/** True when the runtime's own `Headers` takes `init`: valid names, Latin-1 values, no line breaks. */
const headersAccept = (init: unknown) => {
  try {
    return !!new Headers(init as Record<string, string>);
  } catch {
    return false;
  }
};
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && !!value && !Array.isArray(value);
const isHttpUrl = (value: unknown) =>
  typeof value === "string" && /^https?:\/\/[^/]/i.test(value) && URL.canParse?.(value) !== false;

const RULES: Record<string, Rule> = {
  voice_type: [
    (value) => (voiceTypeValues as readonly unknown[]).includes(value),
    `one of ${voiceTypeValues.join(", ")}`,
  ],
  keyword: [isString, TEXT],
  skip: [integerFrom(0), "a page number >= 0 (not an offset)"],
  limit: [integerFrom(1), "a page size >= 1"],
  concurrency: [integerFrom(1), "an integer >= 1"],
  // The spec says `format: uri` (RFC 3986): no spaces or raw non-ASCII, `%` only in escapes.
  voice_url: [
    (value) => isHttpUrl(value) && !/[^\w\-.~!$&'()*+,;=:@/?#%]|%(?![\da-f]{2})/i.test(value as string),
    "an http(s) URL with spaces and non-ASCII %-escaped",
  ],
  display_name: [isString, TEXT],
  language: [isString, TEXT],
  denoise: [(value) => typeof value === "boolean", "true or false"],
  timeoutMs: [(value) => typeof value === "number" && value > 0 && value < 2 ** 31, "milliseconds > 0"],
  maxRetries: [integerFrom(0), "an integer >= 0"],
  signal: [(value) => typeof (value as AbortSignal | undefined)?.addEventListener === "function", "an AbortSignal"],
  fetch: [(value) => typeof value === "function", "a fetch function"],
  // Values are never quoted (`reject` names only the type): a header may carry a secret.
  headers: [
    (value) =>
      isRecord(value) &&
      Object.entries(value).every(
        ([name, text]) =>
          typeof text === "string" && !/^(content-(type|length)|transfer-encoding|host|connection)$/i.test(name),
      ) &&
      headersAccept(value),
    "header names mapped to strings, without Content-Type, Content-Length, Host, Connection or Transfer-Encoding",
  ],
};

/** Copies the named fields that are present, each checked by its rule; anything else is dropped. */
function pick<T>(input: unknown, fields: readonly string[], name = "params"): T {
  if (input != null && !isRecord(input)) reject(name, "an object", input);
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

const LIST_FIELDS = ["voice_type", "keyword", "skip", "limit"];

/** Checks and copies the list filters. */
export const checkListParams = (params: unknown): ListVoicesParams => pick(params, LIST_FIELDS);

/** Checks `listAll`'s parameters: the list filters plus `concurrency`. */
export const checkListAllParams = (params: unknown): ListAllVoicesParams =>
  pick(params, [...LIST_FIELDS, "concurrency"]);

/** Checks the client's options (`perCall` false) or a call's: `timeoutMs`, `maxRetries`, `fetch`, `headers`, a call's `signal`. */
export function checkSettings(options: unknown, perCall?: boolean): void {
  pick(options, ["timeoutMs", "maxRetries", "fetch", "headers", ...(perCall ? ["signal"] : [])], "options");
}

/** Checks the API key: a header value, so no line breaks and nothing beyond Latin-1. Never quotes the key. */
export function checkApiKey(apiKey: unknown): string {
  if (typeof apiKey !== "string" || !apiKey.trim()) {
    throw new ValidationError("apiKey", "No API key: pass `apiKey` to createVoicesClient() or set NOIZ_API_KEY.");
  }
  if (!headersAccept({ a: apiKey }))
    throw new ValidationError("apiKey", "apiKey has characters a header cannot carry.");
  return apiKey;
}

/** Checks `baseUrl` and returns it normalised, without a trailing slash. Never quotes it: it may hold credentials. */
export function checkBaseUrl(baseUrl: unknown): string {
  const url = isHttpUrl(baseUrl) ? new URL(baseUrl as string) : undefined;
  // Paths are appended to it: a query or fragment would swallow them, credentials make fetch throw.
  if (!url || url.username || url.password || /[?#]/.test(url.href)) {
    throw new ValidationError("baseUrl", "baseUrl must be an http(s) URL without credentials, query or fragment.");
  }
  return url.href.replace(/\/+$/, "");
}

/** Checks a voice id: a non-empty string that is not `.` or `..` (URLs resolve those away). */
export function checkVoiceId(voiceId: unknown): string {
  if (!isString(voiceId) || /^\.{0,2}$/.test(voiceId as string)) {
    reject("voice_id", 'a non-empty string other than "." and ".."', voiceId);
  }
  return voiceId as string;
}

const EXTENSIONS: Record<AudioType, string> = { "audio/wav": "wav", "audio/mpeg": "mp3", "audio/mp4": "m4a" };

/**
 * Checks a clone body before any byte is sent (a file or URL, each field's type, the file's real
 * format) and returns it as the multipart form.
 */
export async function cloneForm(body: unknown): Promise<FormData> {
  if (!isRecord(body)) reject("body", "an object with file or voice_url", body);
  const fields = pick<Record<string, unknown>>(body, ["voice_url", "display_name", "denoise", "language"]);
  const form = new FormData();
  for (const name in fields) form.append(name, String(fields[name]));
  const { file } = body;
  if (file === undefined) {
    if (fields.voice_url === undefined) throw new ValidationError("file", "A clone needs file or voice_url.");
    return form;
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
  // slice() is lazy: a file-backed Blob stays on disk; it only gains the detected type.
  form.append(
    "file",
    file.type === type ? file : file.slice(0, file.size, type),
    uploadName(name) || `audio.${EXTENSIONS[type]}`,
  );
  return form;
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
