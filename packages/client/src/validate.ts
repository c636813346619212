/** Input checks that run before any request is sent, and audio sniffing for uploads. */
import type { VoicesClientOptions } from "./client.js";
import { ValidationError } from "./errors.js";
import { voiceTypeValues } from "./generated/voices.gen.js";
import { LOG_LEVELS, type LogLevel } from "./log.js";
import type { RequestOptions } from "./pipeline.js";
import { MAX_TIMER_MS } from "./signals.js";
import type { ListAllVoicesParams, ListVoicesParams, WireCloneVoiceRequest } from "./types.js";

/** The audio formats the service accepts: each MIME type with the file extensions that name it, the usual one first. */
export const AUDIO_EXTENSIONS = {
  "audio/wav": [".wav", ".wave"],
  "audio/mpeg": [".mp3"],
  "audio/mp4": [".m4a", ".mp4", ".aac"],
} as const;

/** Audio formats the service accepts, by MIME type. */
export type AudioType = keyof typeof AUDIO_EXTENSIONS;

/** The spec's default page size of `GET /voices` (`limit`), which `listAll` pages by too. */
export const DEFAULT_PAGE_LIMIT = 10;

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
        ? `${type === "function" ? "a" : "an"} ${type}`
        : String(value);
  throw new ValidationError(field, `${field} must be ${expected}; got ${got}.`);
}

type Rule = [test: (value: unknown) => boolean, expected: string];

/** Every key of every member of a union. */
type KeysOf<T> = T extends unknown ? keyof T : never;
/**
 * A rule for each field of `T`, no more and no fewer: a table `satisfies` this, so a field the spec
 * (or an options type) gains or loses fails the typecheck instead of being dropped silently.
 */
type RulesOf<T> = { [K in KeysOf<T>]-?: Rule };

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
/** An object literal or `Object.create(null)`: not a class instance such as a `Headers`, a `Map` or a `Buffer`. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  isRecord(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value));
const isHttpUrl = (value: unknown) =>
  typeof value === "string" && /^https?:\/\/[^/]/i.test(value) && URL.canParse?.(value) !== false;

const FUNCTION: Rule = [(value) => typeof value === "function", "a function"];
const POSITIVE: Rule = [integerFrom(1), "an integer >= 1"];

/** A rule per field, in the order the fields are copied. */
type Rules = Record<string, Rule>;

// One rule set per use, each its own constant: a bundler then puts each in the chunk that uses it
// (the clone fields travel with the clone chunk, not the initial load).
const LIST_RULES = {
  voice_type: [
    (value) => (voiceTypeValues as readonly unknown[]).includes(value),
    `one of ${voiceTypeValues.join(", ")}`,
  ],
  keyword: [isString, TEXT],
  skip: [integerFrom(0), "a page number >= 0 (not an offset)"],
  limit: [integerFrom(1), "a page size >= 1"],
} satisfies RulesOf<ListVoicesParams>;

const LIST_ALL_RULES = { ...LIST_RULES, concurrency: POSITIVE } satisfies RulesOf<ListAllVoicesParams>;

/** The text fields of a clone body. */
export const CLONE_RULES = {
  // The spec says `format: uri` (RFC 3986): no spaces or raw non-ASCII, `%` only in escapes.
  voice_url: [
    (value) => isHttpUrl(value) && !/[^\w\-.~!$&'()*+,;=:@/?#%]|%(?![\da-f]{2})/i.test(value as string),
    "an http(s) URL with spaces and non-ASCII %-escaped",
  ],
  display_name: [isString, TEXT],
  denoise: [(value) => typeof value === "boolean", "true or false"],
  language: [isString, TEXT],
} satisfies RulesOf<Omit<WireCloneVoiceRequest, "file">>;

const SETTINGS_RULES = {
  timeoutMs: [
    (value) => typeof value === "number" && value > 0 && value <= MAX_TIMER_MS,
    `milliseconds > 0, at most ${MAX_TIMER_MS} (a timer's limit)`,
  ],
  maxRetries: [integerFrom(0), "an integer >= 0"],
  fetch: FUNCTION,
  // Values are never quoted (`reject` names only the type): a header may carry a secret.
  // A plain object only: a `Headers` or a `Map` has no own entries, so its headers would be dropped silently.
  headers: [
    (value) =>
      isPlainObject(value) &&
      Object.entries(value).every(
        ([name, text]) =>
          typeof text === "string" && !/^(content-(type|length)|transfer-encoding|host|connection)$/i.test(name),
      ) &&
      headersAccept(value),
    "a plain object of header names mapped to strings (not a Headers or a Map), without Content-Type, Content-Length, Host, Connection or Transfer-Encoding",
  ],
  maxResponseBytes: POSITIVE,
} satisfies Rules;

const CALL_RULES = {
  ...SETTINGS_RULES,
  // Everything the pipeline uses of it: a look-alike with only addEventListener would fail mid-call.
  signal: [
    (value) =>
      typeof (value as AbortSignal | undefined)?.addEventListener === "function" &&
      typeof (value as AbortSignal).removeEventListener === "function" &&
      typeof (value as AbortSignal).aborted === "boolean",
    "an AbortSignal",
  ],
  onUploadProgress: FUNCTION,
} satisfies RulesOf<RequestOptions>;

/** A client's options; the key, `baseUrl` and `logLevel` have checks of their own (they may come from the environment). */
const CLIENT_RULES = {
  ...SETTINGS_RULES,
  adapter: FUNCTION,
  logger: [
    (value) => isRecord(value) && LOG_LEVELS.every((level) => level === "off" || typeof value[level] === "function"),
    "console-shaped",
  ],
  dangerouslyAllowBrowser: [(value) => typeof value === "boolean", "true or false"],
  tracing: [
    (value) => typeof (value as { startCall?: unknown } | undefined)?.startCall === "function",
    "what otel() returns",
  ],
} satisfies RulesOf<Omit<VoicesClientOptions, "apiKey" | "baseUrl" | "logLevel">>;

/** `input[field]`; a getter or a Proxy that throws is a `ValidationError` naming the field, not a bare error. */
export function readField(input: unknown, field: string): unknown {
  try {
    return (input as Record<string, unknown> | null | undefined)?.[field];
  } catch {
    throw new ValidationError(field, `${field} could not be read: its getter threw.`);
  }
}

/** Copies the fields of `rules` that are present in `input`, each checked by its rule; anything else is dropped. */
export function checkFields<T>(input: unknown, rules: Rules, name = "params"): T {
  if (input != null && !isRecord(input)) reject(name, "an object", input);
  const picked: Record<string, unknown> = {};
  for (const field in rules) {
    const value = readField(input, field);
    if (value === undefined) continue;
    const [test, expected] = rules[field]!;
    let passes = false;
    try {
      passes = test(value);
    } catch {} // a Proxy whose traps throw passes no rule
    if (!passes) reject(field, expected, value);
    picked[field] = value;
  }
  return picked as T;
}

/** Checks and copies the list filters. */
export const checkListParams = (params: unknown): ListVoicesParams => checkFields(params, LIST_RULES);

/** Checks `listAll`'s parameters: the list filters plus `concurrency`. */
export const checkListAllParams = (params: unknown): ListAllVoicesParams => checkFields(params, LIST_ALL_RULES);

/** Checks a client's options. */
export const checkClientOptions = (options: unknown): void => void checkFields(options, CLIENT_RULES, "options");

/** Checks a call's options (which add `signal` and `onUploadProgress`). */
export function checkRequestOptions(options: unknown): void {
  // Most calls pass no options: nothing to check.
  if (options !== undefined) checkFields(options, CALL_RULES, "options");
}

/** Checks the log level, from the option or NOIZ_LOG (the message names both). */
export function checkLogLevel(level: unknown): LogLevel {
  if (!(LOG_LEVELS as readonly unknown[]).includes(level)) {
    reject("logLevel", `one of ${LOG_LEVELS.join(", ")} (option or NOIZ_LOG)`, level);
  }
  return level as LogLevel;
}

/** Checks what `client.use` got: objects (a hook that is not a function fails when it would run). */
export function checkMiddleware(list: unknown[]): void {
  for (const item of list) if (!isRecord(item)) reject("middleware", "an object of hooks", item);
}

/**
 * Checks the API key and returns it trimmed: a key read from a file or a mounted secret often ends
 * in a newline, which `Headers` would trim anyway (so the redactor must know the key as sent). A key
 * with whitespace or control characters inside it, or beyond Latin-1, is refused. Never quotes the key.
 */
export function checkApiKey(apiKey: string): string {
  const key = apiKey.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
  if (/[\s\x00-\x1f\x7f-\x9f]/.test(key) || !headersAccept({ a: key })) {
    throw new ValidationError(
      "apiKey",
      "apiKey has whitespace, control characters or non-Latin-1 characters inside it: check where the key was copied from.",
    );
  }
  return key;
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
