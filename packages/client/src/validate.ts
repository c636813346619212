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

const describeType = (value: unknown) =>
  value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;

type Rule = [test: (value: unknown) => boolean, expected: string];

const integerFrom = (min: number) => (value: unknown) => Number.isSafeInteger(value) && (value as number) >= min;
// A lone surrogate cannot be encoded in a URL or a form: it would be sent as U+FFFD, or throw.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isString = (value: unknown) => typeof value === "string" && !LONE_SURROGATE.test(value);
const isSignal = (value: unknown) =>
  typeof (value as AbortSignal | undefined)?.aborted === "boolean" &&
  typeof (value as AbortSignal).addEventListener === "function" &&
  typeof (value as AbortSignal).removeEventListener === "function";
const isHttpUrl = (value: unknown) =>
  typeof value === "string" && /^https?:\/\/[^/]/i.test(value) && URL.canParse?.(value) !== false;

const RULES: Record<string, Rule> = {
  voice_type: [
    (value) => (voiceTypeValues as readonly unknown[]).includes(value),
    `one of ${voiceTypeValues.join(", ")}`,
  ],
  keyword: [isString, "a string (of well-formed Unicode)"],
  skip: [integerFrom(0), "a page number: an integer >= 0 (it is not an offset)"],
  limit: [integerFrom(1), "a positive integer (the page size)"],
  concurrency: [integerFrom(1), "a positive integer"],
  voice_url: [isHttpUrl, "an http(s) URL of WAV, MP3 or M4A audio"],
  display_name: [isString, "a string (of well-formed Unicode)"],
  language: [isString, "a string such as en or zh"],
  denoise: [(value) => typeof value === "boolean", "true or false"],
  timeoutMs: [(value) => typeof value === "number" && value > 0 && value < 2 ** 31, "milliseconds > 0"],
  maxRetries: [integerFrom(0), "an integer >= 0"],
  signal: [isSignal, "an AbortSignal"],
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

/** Checks the client's options (`perCall` false) or a call's: `timeoutMs`, `maxRetries`, `fetch`, `headers`, and a call's `signal`. */
export function checkSettings(options: unknown, perCall = false): void {
  pick(
    options,
    perCall ? ["timeoutMs", "maxRetries", "fetch", "signal"] : ["timeoutMs", "maxRetries", "fetch"],
    "options",
  );
  checkHeaders((options as { headers?: unknown } | null | undefined)?.headers);
}

// Headers the client or the runtime sets: a caller's value would break the body's framing or the multipart
// boundary. (Authorization is allowed and always overridden by apiKey.)
const OWNED_HEADERS = new Set(["content-type", "content-length", "transfer-encoding", "host", "connection"]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Latin-1 without NUL, CR or LF: what a Headers object can carry.
const HEADER_VALUE = /^[^\0\r\n\u0100-\uFFFF]*$/;

/** Checks `headers`: a plain object of valid header names to string values, none that the client sets itself. */
export function checkHeaders(headers: unknown): void {
  if (headers == null) return;
  const proto = typeof headers === "object" ? Object.getPrototypeOf(headers) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    throw new ValidationError(
      "headers",
      `headers must be a plain object of header names to strings; got ${describeType(headers)}.`,
    );
  }
  for (const [name, value] of Object.entries(headers as object)) {
    // Values are never quoted: a header may carry a secret.
    const quoted = JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
    if (!TOKEN.test(name)) throw new ValidationError("headers", `headers: ${quoted} is not a valid header name.`);
    if (OWNED_HEADERS.has(name.toLowerCase())) {
      throw new ValidationError("headers", `headers: ${quoted} is set by the client; leave it out.`);
    }
    if (typeof value !== "string" || !HEADER_VALUE.test(value)) {
      throw new ValidationError(
        "headers",
        `headers: the value of ${quoted} must be a string without line breaks or characters beyond Latin-1.`,
      );
    }
  }
}

/** Checks the API key: a header value, so no line breaks and nothing beyond Latin-1. Never quotes the key. */
export function checkApiKey(apiKey: unknown): string {
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    throw new ValidationError(
      "apiKey",
      "No API key: pass `apiKey` to createVoicesClient() or set the NOIZ_API_KEY environment variable.",
    );
  }
  if (!HEADER_VALUE.test(apiKey)) {
    throw new ValidationError(
      "apiKey",
      "apiKey holds characters an HTTP header cannot carry (line breaks or beyond Latin-1); check that it was copied whole.",
    );
  }
  return apiKey;
}

/** Checks `baseUrl` and returns it normalised, without a trailing slash. */
export function checkBaseUrl(baseUrl: unknown): string {
  const [test, expected] = RULES.baseUrl!;
  if (!test(baseUrl)) reject("baseUrl", expected, baseUrl);
  const url = new URL(baseUrl as string);
  // Paths are appended to it: a query or fragment would swallow them, credentials make fetch throw.
  if (url.username || url.password || /[?#]/.test(url.href)) {
    // Not quoted: credentials are secrets.
    throw new ValidationError("baseUrl", `baseUrl must be ${expected}, without credentials, query or fragment.`);
  }
  return url.href.replace(/\/+$/, "");
}

/** Checks a voice id: a non-empty string that is not `.` or `..` (URLs resolve those away). */
export function checkVoiceId(voiceId: unknown): string {
  if (!isString(voiceId) || /^\.{0,2}$/.test(voiceId as string)) {
    reject("voice_id", `a voice's id: a non-empty string (well-formed Unicode) other than "." and ".."`, voiceId);
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
  if (checked.voice_url !== undefined) checked.voice_url = toUri(checked.voice_url);
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
 * The name sent with an upload: the base name only, with control characters and quotes
 * replaced. Directories mean nothing to the service, and a backslash or quote in a multipart
 * header is read differently by different parsers (one mock server crashes on a backslash).
 */
function uploadName(name: string | undefined): string {
  const base = (name ?? "")
    .split(/[\\/]/)
    .pop()!
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it replaces.
    .replace(/[\0-\x1f\x7f"]/g, "_");
  return /^\.{0,2}$/.test(base.trim()) ? "" : base;
}

// What RFC 3986 allows after the host (`%` only as the start of an escape).
const NOT_URI = /[^A-Za-z0-9\-._~!$&'()*+,;=:@/?%]|%(?![0-9A-Fa-f]{2})/g;

/**
 * `voice_url` as sent: WHATWG-normalised (punycode host, non-ASCII escaped), then every
 * character RFC 3986 still disallows escaped, so it meets the spec's `format: uri`.
 */
function toUri(value: string): string {
  const url = new URL(value);
  const escapePart = (part: string) =>
    part.replace(NOT_URI, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  const rest = url.pathname + url.search;
  const head = url.href.slice(0, url.href.length - rest.length - url.hash.length);
  return head + escapePart(rest) + (url.hash && `#${escapePart(url.hash.slice(1))}`);
}
