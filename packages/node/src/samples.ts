/**
 * downloadVoiceSample: a voice's sample audio saved to disk, all or nothing. The request goes through
 * the client's pipeline and adapter (undici, or a passed-in fetch): the same per-attempt timeout,
 * retries, byte cap, abort and redirect rules as every API call. Only the decoding is its own: the
 * answer must be audio, and a file host's errors are worded for a file host.
 */
import { randomBytes } from "node:crypto";
import { rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import {
  AbortError,
  DEFAULT_MAX_RETRIES,
  InvalidResponseError,
  sniffAudioType,
  ValidationError,
  type Voice,
  VoicesError,
} from "@noiz-voices/client";
import { type Adapter, createFetchAdapter } from "@noiz-voices/client/adapter";
import {
  createPipeline,
  createRedactor,
  type Decode,
  MAX_TIMER_MS,
  ruleFor,
  triedTimes,
  withOperation,
} from "@noiz-voices/client/internal";
import { Agent } from "undici";
import { createUndiciAdapter } from "./adapter.js";
import { shorten } from "./files.js";

/** Default time limit for each attempt of a sample download, in milliseconds. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 60_000;
/** Default `maxBytes`: far above a voice sample (a minute of 48 kHz stereo WAV is about 11 MiB). */
export const DEFAULT_SAMPLE_MAX_BYTES = 64 * 1024 * 1024;
/** The operation's name on its errors and log lines. */
const OPERATION = "downloadVoiceSample";

/** Options of `downloadVoiceSample`. */
export interface DownloadSampleOptions {
  /** Aborts the download; the partial file is removed. */
  signal?: AbortSignal;
  /** Time limit for each attempt of the download, in milliseconds (default 60000); a timed-out attempt is retried. */
  timeoutMs?: number;
  /** The most bytes to read, after decoding (default 64 MiB); past it the download fails with `InvalidResponseError`. */
  maxBytes?: number;
  /** Called as bytes arrive: bytes received so far and the total, when the host says it. */
  onProgress?: (received: number, total: number | undefined) => void;
  /** A fetch implementation (default: undici, like the Node client). No API key is ever passed to it. */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
}

/** What `downloadVoiceSample` wrote. */
export interface DownloadedSample {
  /** The absolute path of the saved file. */
  path: string;
  /** Its size in bytes. */
  bytes: number;
  /** The `Content-Type` the host sent, if any. */
  contentType: string | undefined;
}

function checkSampleUrl(voice: unknown): URL {
  if (typeof voice !== "object" || voice === null) {
    throw new ValidationError("voice", "voice must be a Voice object, as client.voices.get() returns it.");
  }
  const { sample, voice_id } = voice as Partial<Voice>;
  const who =
    typeof voice_id === "string"
      ? `Voice "${voice_id.length > 80 ? `${voice_id.slice(0, 80)}…` : voice_id}"`
      : "The voice";
  if (typeof sample !== "string" || sample === "") {
    throw new ValidationError("sample", `${who} has no sample URL, so there is nothing to download.`);
  }
  let url: URL;
  try {
    url = new URL(sample);
  } catch {
    // Whatever looks like credentials (`//user:pass@`) is cut before the text is quoted.
    const shown = shorten(sample.replace(/\/\/[^\s@]*@/g, "//…@"));
    throw new ValidationError("sample", `${who} has a sample that is not a URL (${JSON.stringify(shown)}).`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ValidationError("sample", `${who} has a sample URL that is not http(s): ${url.protocol}.`);
  }
  return url;
}

async function checkDestination(destPath: unknown): Promise<string> {
  if (typeof destPath !== "string" || destPath === "" || destPath.includes("\0")) {
    throw new ValidationError(
      "destPath",
      "destPath must be a non-empty string without NUL characters: the file to write the sample to.",
    );
  }
  const target = resolve(destPath);
  const shown = shorten(destPath);
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new ValidationError(
      "destPath",
      `"${shown}" is a directory; give a file path such as ${join(shown, "sample.wav")}.`,
    );
  }
  const parent = await stat(dirname(target)).catch(() => undefined);
  if (!parent?.isDirectory()) {
    throw new ValidationError("destPath", `The directory of "${shown}" does not exist; create it first.`);
  }
  // Most file systems allow 255 bytes per name; the temporary file adds about 20 to this one.
  if (Buffer.byteLength(basename(target)) > 230) {
    throw new ValidationError("destPath", `The file name of "${shown}" is too long; use at most 230 bytes.`);
  }
  return target;
}

/** The sample URL without its credentials, and those as a Basic `Authorization` (fetch refuses them in a URL). */
function splitCredentials(url: URL): { href: string; authorization?: string; password?: string } {
  if (!url.username && !url.password) return { href: url.href };
  const password = decodeURIComponent(url.password);
  const userinfo = `${decodeURIComponent(url.username)}:${password}`;
  const bare = new URL(url.href);
  bare.username = "";
  bare.password = "";
  return { href: bare.href, authorization: `Basic ${Buffer.from(userinfo).toString("base64")}`, password };
}

/** One undici agent for every download without a `fetch` of its own; its idle sockets keep no process alive. */
let sharedAdapter: Adapter | undefined;
const defaultAdapter = () => {
  // The pipeline owns every timeout: undici's own header and body timers would cut a slow host short.
  sharedAdapter ??= createUndiciAdapter(new Agent({ headersTimeout: 0, bodyTimeout: 0 }));
  return sharedAdapter;
};

/** A download's `fetch` option as an adapter: it gets the URL as a string and an init, as `fetch` does. */
const fetchAdapter = (fetch: NonNullable<DownloadSampleOptions["fetch"]>): Adapter =>
  createFetchAdapter((request, init) =>
    fetch(request.url, { method: request.method, headers: request.headers, redirect: "manual", signal: init?.signal }),
  );

/** What to do about a file host's failure, by the table's class: no envelope, no API key, no baseUrl. */
function hostHint(status: number, retryable: boolean): string | undefined {
  if (status === 404 || status === 410)
    return "The sample is no longer there: get the voice again for a fresh sample URL.";
  if (status === 401 || status === 403)
    return "The sample URL has expired or is not public: get the voice again for a fresh one.";
  return retryable ? "Try again later." : undefined;
}

/**
 * A sample host's answer: audio by its first bytes, or the error the attempt ends with. A page (a
 * captive portal's "Sign in", a CDN's error page) is never audio, whatever its status.
 */
const decodeSample =
  (host: string): Decode<Uint8Array> =>
  ({ status, headers, body }, { retries }) => {
    if (status > 299) {
      const rule = ruleFor(status);
      return new rule.error(`Downloading the sample from ${host} failed with HTTP ${status}${triedTimes(retries)}.`, {
        status,
        headers,
        operation: OPERATION,
        retryable: rule.retryable,
        hint: hostHint(status, rule.retryable),
      });
    }
    const type = headers.get("content-type") ?? "";
    if (/^\s*text\/html/i.test(type) || !sniffAudioType(body.subarray(0, 12))) {
      return new InvalidResponseError(
        `The sample host ${host} answered HTTP ${status} with ${/html/i.test(type) ? "a web page" : "bytes that are not WAV, MP3 or M4A audio"}, not the sample: a captive portal or a login page may be in the way. Nothing was written.`,
        { status, headers, operation: OPERATION },
      );
    }
    return body;
  };

/**
 * Downloads a voice's sample (`voice.sample`) to `destPath`. The whole sample is read under
 * `maxBytes`, checked to be WAV, MP3 or M4A audio by its bytes, written to a temporary file beside
 * `destPath` and renamed into place, so a failed, aborted or refused download leaves nothing behind.
 * The sample's host never receives the API key or the client's headers: only the credentials its URL
 * carries (sent as Basic auth, and never quoted in a message). A redirect is followed like an API
 * call's: GET only, at most 5 hops, never https to http, nothing but `Accept` to another origin.
 */
export function downloadVoiceSample(
  voice: Pick<Voice, "sample"> & Partial<Pick<Voice, "voice_id">>,
  destPath: string,
  options: DownloadSampleOptions = {},
): Promise<DownloadedSample> {
  // Every error names the operation, a check's `ValidationError` included.
  return download(voice, destPath, options).catch((error: unknown) => Promise.reject(withOperation(error, OPERATION)));
}

async function download(
  voice: Pick<Voice, "sample"> & Partial<Pick<Voice, "voice_id">>,
  destPath: string,
  given: DownloadSampleOptions | null,
): Promise<DownloadedSample> {
  // Null is no options, as for a call's; anything else that is not an object is a mistake.
  if (given !== null && typeof given !== "object") {
    throw new ValidationError("options", "options must be an object of download options.");
  }
  const options = given ?? {};
  const url = checkSampleUrl(voice);
  const target = await checkDestination(destPath);
  const timeoutMs = options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
  if (typeof timeoutMs !== "number" || !(timeoutMs > 0) || timeoutMs > MAX_TIMER_MS) {
    throw new ValidationError("timeoutMs", `timeoutMs must be a number of milliseconds > 0, at most ${MAX_TIMER_MS}.`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_SAMPLE_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new ValidationError("maxBytes", `maxBytes must be an integer >= 1 (default ${DEFAULT_SAMPLE_MAX_BYTES}).`);
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new ValidationError("fetch", "fetch must be a fetch implementation (a function).");
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new ValidationError("signal", "signal must be an AbortSignal.");
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new ValidationError("onProgress", "onProgress must be a function of (received, total).");
  }
  if (options.signal?.aborted)
    throw new AbortError("The sample download was aborted before it started.", { operation: OPERATION });

  const { host } = url;
  const { href, authorization, password } = splitCredentials(url);
  const pipeline = createPipeline({
    redact: createRedactor(password),
    adapter: options.fetch ? fetchAdapter(options.fetch) : defaultAdapter(),
    timeoutMs,
    maxRetries: DEFAULT_MAX_RETRIES,
    maxResponseBytes: maxBytes,
    middleware: [],
  });
  let sample: Uint8Array;
  let contentType: string | undefined;
  try {
    let headers: Headers;
    ({ value: sample, headers } = await pipeline(
      {
        operation: OPERATION,
        request: {
          method: "GET",
          url: href,
          // No API key and no client headers: the sample's host (a CDN, usually) gets only what its URL carries.
          headers: new Headers({ accept: "audio/*", ...(authorization && { authorization }) }),
          body: null,
          onDownloadProgress: options.onProgress,
        },
        decode: decodeSample(host),
      },
      { signal: options.signal },
    ));
    contentType = headers.get("content-type") ?? undefined;
  } catch (error) {
    // The byte cap is `maxBytes` here: say so in this function's own words.
    if (error instanceof VoicesError && error.setting === "maxResponseBytes") throw tooLarge(host, maxBytes, error);
    throw error;
  }
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.part`);
  try {
    await writeFile(temp, sample, { flag: "wx" });
    await rename(temp, target);
  } catch (cause) {
    await unlink(temp).catch(() => {});
    throw new VoicesError(`Could not write the sample to "${shorten(destPath)}": ${(cause as Error).message}.`, {
      cause,
      operation: OPERATION,
    });
  }
  return { path: target, bytes: sample.byteLength, contentType };
}

/** The pipeline's body-cap error in this function's words, keeping what the answer said (status, headers, request id). */
function tooLarge(host: string, maxBytes: number, { status, headers }: VoicesError): InvalidResponseError {
  return new InvalidResponseError(
    `The sample from ${host} is larger than maxBytes (${maxBytes} bytes), so the download stopped.`,
    {
      status,
      headers,
      operation: OPERATION,
      hint: "Raise maxBytes if the sample really is that large.",
    },
  );
}
