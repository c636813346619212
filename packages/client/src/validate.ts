/** Input checks that run before any request is sent, and audio sniffing for uploads. */
import { ValidationError } from "./errors.js";
import { voiceTypeValues } from "./generated/voices.gen.js";
import type { LogLevel } from "./observe.js";
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
export function reject(field: string, expected: string, value: unknown): never {
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
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && !!value && !Array.isArray(value);
const isHttpUrl = (value: unknown) =>
  typeof value === "string" && /^https?:\/\/[^/]/i.test(value) && URL.canParse?.(value) !== false;

const LOG_LEVELS = ["off", "error", "warn", "info", "debug"];
const FUNCTION: Rule = [(value) => typeof value === "function", "a function"];
const POSITIVE: Rule = [integerFrom(1), "an integer >= 1"];

/** A rule per field, in the order the fields are copied. */
type Rules = Record<string, Rule>;

// One rule set per use, each its own constant: a bundler then puts each in the chunk that uses it
// (the clone fields travel with the clone chunk, not the initial load).
const LIST_RULES: Rules = {
  voice_type: [
    (value) => (voiceTypeValues as readonly unknown[]).includes(value),
    `one of ${voiceTypeValues.join(", ")}`,
  ],
  keyword: [isString, TEXT],
  skip: [integerFrom(0), "a page number >= 0 (not an offset)"],
  limit: [integerFrom(1), "a page size >= 1"],
};

const LIST_ALL_RULES: Rules = { ...LIST_RULES, concurrency: POSITIVE };

/** The text fields of a clone body. */
export const CLONE_RULES: Rules = {
  // The spec says `format: uri` (RFC 3986): no spaces or raw non-ASCII, `%` only in escapes.
  voice_url: [
    (value) => isHttpUrl(value) && !/[^\w\-.~!$&'()*+,;=:@/?#%]|%(?![\da-f]{2})/i.test(value as string),
    "an http(s) URL with spaces and non-ASCII %-escaped",
  ],
  display_name: [isString, TEXT],
  denoise: [(value) => typeof value === "boolean", "true or false"],
  language: [isString, TEXT],
};

const SETTINGS_RULES: Rules = {
  timeoutMs: [(value) => typeof value === "number" && value > 0 && value < 2 ** 31, "milliseconds > 0"],
  maxRetries: [integerFrom(0), "an integer >= 0"],
  fetch: FUNCTION,
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
  maxResponseBytes: POSITIVE,
};

const CALL_RULES: Rules = {
  ...SETTINGS_RULES,
  signal: [(value) => typeof (value as AbortSignal | undefined)?.addEventListener === "function", "an AbortSignal"],
  onUploadProgress: FUNCTION,
};

/** A client's options; `logLevel` is checked apart, as it may come from NOIZ_LOG. */
const CLIENT_RULES: Rules = {
  ...SETTINGS_RULES,
  adapter: FUNCTION,
  logger: [
    (value) => isRecord(value) && LOG_LEVELS.every((level) => level === "off" || typeof value[level] === "function"),
    "console-shaped",
  ],
};

/** Copies the fields of `rules` that are present in `input`, each checked by its rule; anything else is dropped. */
export function pick<T>(input: unknown, rules: Rules, name = "params"): T {
  if (input != null && !isRecord(input)) reject(name, "an object", input);
  const picked: Record<string, unknown> = {};
  for (const field in rules) {
    const value = (input as Record<string, unknown> | undefined)?.[field];
    if (value === undefined) continue;
    const [test, expected] = rules[field]!;
    if (!test(value)) reject(field, expected, value);
    picked[field] = value;
  }
  return picked as T;
}

/** Checks and copies the list filters. */
export const checkListParams = (params: unknown): ListVoicesParams => pick(params, LIST_RULES);

/** Checks `listAll`'s parameters: the list filters plus `concurrency`. */
export const checkListAllParams = (params: unknown): ListAllVoicesParams => pick(params, LIST_ALL_RULES);

/** Checks the client's options (`perCall` false) or a call's (which add `signal` and `onUploadProgress`). */
export function checkSettings(options: unknown, perCall?: boolean): void {
  // Most calls pass no options: nothing to check.
  if (options !== undefined) pick(options, perCall ? CALL_RULES : CLIENT_RULES, "options");
}

/** Checks the log level, from the option or NOIZ_LOG (the message names both). */
export function checkLogLevel(level: unknown): LogLevel {
  if (!LOG_LEVELS.includes(level as string)) {
    reject("logLevel", `one of ${LOG_LEVELS.join(", ")} (option or NOIZ_LOG)`, level);
  }
  return level as LogLevel;
}

/** Checks what `client.use` got: objects (a hook that is not a function fails when it would run). */
export function checkMiddleware(list: unknown[]): void {
  for (const item of list) if (!isRecord(item)) reject("middleware", "an object of hooks", item);
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
