/** downloadVoiceSample: a voice's sample audio streamed to disk, all or nothing. */
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  AbortError,
  ConnectionError,
  InvalidResponseError,
  TimeoutError,
  ValidationError,
  type Voice,
  VoicesError,
} from "@noiz-voices/client";
import { createDeadline, type Deadline, errorFromResponse, readBody, TIMED_OUT } from "@noiz-voices/client/adapter";
import { shorten } from "./files.js";

/** Default time limit for a whole sample download, in milliseconds. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 60_000;
/** Default `maxBytes`: far above a voice sample (a minute of 48 kHz stereo WAV is about 11 MiB). */
export const DEFAULT_SAMPLE_MAX_BYTES = 64 * 1024 * 1024;
/** What is read of an error answer's body, for its message. */
const ERROR_BODY_BYTES = 64 * 1024;

/** Options of `downloadVoiceSample`. */
export interface DownloadSampleOptions {
  /** Aborts the download; the partial file is removed. */
  signal?: AbortSignal;
  /** Time limit for the whole download, in milliseconds (default 60000). */
  timeoutMs?: number;
  /** The most bytes to write, after decoding (default 64 MiB); past it the download fails with `InvalidResponseError`. */
  maxBytes?: number;
  /** Called as bytes arrive: bytes received so far and the total, when the host says it. */
  onProgress?: (received: number, total: number | undefined) => void;
  /** A fetch implementation (default: the global `fetch`). No API key is ever passed to it. */
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

/** The failure of a download that went wrong before or while the bytes arrived. */
function downloadFailure(cause: unknown, host: string, timeoutMs: number, deadline: Deadline, signal?: AbortSignal) {
  if (cause instanceof VoicesError) return cause;
  if (signal?.aborted) return new AbortError("The sample download was aborted by the caller's AbortSignal.", { cause });
  if (deadline.signal.reason === TIMED_OUT) {
    return new TimeoutError(
      `Downloading the sample from ${host} took longer than ${timeoutMs} ms. Try again or raise timeoutMs.`,
    );
  }
  const reason =
    cause instanceof Error
      ? cause.cause instanceof Error
        ? `${cause.message}: ${cause.cause.message}`
        : cause.message
      : String(cause);
  return new ConnectionError(
    `Downloading the sample from ${host} failed: ${reason}. Check the network and try again.`,
    {
      cause,
    },
  );
}

/** The sample URL without its credentials, and those as a Basic `Authorization` (fetch refuses them in a URL). */
function splitCredentials(url: URL): { href: string; authorization?: string } {
  if (!url.username && !url.password) return { href: url.href };
  const userinfo = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  const bare = new URL(url.href);
  bare.username = "";
  bare.password = "";
  return { href: bare.href, authorization: `Basic ${Buffer.from(userinfo).toString("base64")}` };
}

/**
 * Downloads a voice's sample (`voice.sample`) to `destPath`. The bytes stream into a temporary file
 * beside it, renamed into place only once complete, so a failed download leaves nothing behind. The
 * sample's host never receives the API key: this is a plain request with no credentials but the ones
 * its URL carries (sent as Basic auth, and never quoted in a message). A body over `maxBytes` once
 * decoded (an endless body, a compression bomb) stops the download with an `InvalidResponseError`.
 */
export async function downloadVoiceSample(
  voice: Pick<Voice, "sample"> & Partial<Pick<Voice, "voice_id">>,
  destPath: string,
  options: DownloadSampleOptions = {},
): Promise<DownloadedSample> {
  const url = checkSampleUrl(voice);
  const target = await checkDestination(destPath);
  const timeoutMs = options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
  if (typeof timeoutMs !== "number" || !(timeoutMs > 0) || timeoutMs > 2_147_483_647) {
    throw new ValidationError("timeoutMs", "timeoutMs must be a number of milliseconds > 0.");
  }
  const maxBytes = options.maxBytes ?? DEFAULT_SAMPLE_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new ValidationError("maxBytes", `maxBytes must be an integer >= 1 (default ${DEFAULT_SAMPLE_MAX_BYTES}).`);
  }
  const doFetch = options.fetch ?? globalThis.fetch;
  if (typeof doFetch !== "function") throw new ValidationError("fetch", "No fetch implementation: pass options.fetch.");
  if (options.signal?.aborted) throw new AbortError("The sample download was aborted before it started.");

  const { host } = url;
  const { href, authorization } = splitCredentials(url);
  const deadline = createDeadline(timeoutMs, options.signal);
  const fail = (cause: unknown) => downloadFailure(cause, host, timeoutMs, deadline, options.signal);
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.part`);
  let tempCreated = false;
  try {
    let response: Response;
    try {
      // No API key: the sample's host (a CDN, usually) gets only what its URL carries.
      response = await deadline.run(
        doFetch(href, {
          signal: deadline.signal,
          redirect: "follow",
          ...(authorization && { headers: { authorization } }),
        }),
      );
    } catch (cause) {
      throw fail(cause);
    }
    if (!response.ok) {
      let text = "";
      try {
        text = new TextDecoder().decode(await deadline.run(readBody(response.body, ERROR_BODY_BYTES, response.status)));
      } catch {
        // The status says enough; a body that is too long or cut is not worth another error.
      }
      throw errorFromResponse({
        operation: `Downloading the sample from ${host}`,
        status: response.status,
        headers: response.headers,
        body: text,
        retries: 0,
        retryAfterMs: undefined,
      });
    }
    if (!response.body) throw new ConnectionError(`The sample host ${host} sent no body.`);
    // fetch undoes Content-Encoding, so Content-Length counts other bytes than the ones read: the
    // length is checked against what arrived only when nothing was encoded (fetch checks the wire).
    const encoded = !/^\s*(identity\s*)?$/i.test(response.headers.get("content-encoding") ?? "");
    const lengthHeader = response.headers.get("content-length");
    const total = !encoded && lengthHeader && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
    if (total !== undefined && total > maxBytes) throw tooLarge(host, maxBytes);
    let received = 0;
    const source = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > maxBytes) {
          done(tooLarge(host, maxBytes));
          return;
        }
        options.onProgress?.(received, total);
        done(null, chunk);
      },
    });
    options.onProgress?.(0, total);
    tempCreated = true;
    try {
      await pipeline(source, counted, createWriteStream(temp, { flags: "wx" }), { signal: deadline.signal });
    } catch (cause) {
      if (isFileSystemError(cause)) {
        throw new VoicesError(`Could not write the sample to "${shorten(destPath)}": ${(cause as Error).message}.`, {
          cause,
        });
      }
      throw fail(cause);
    }
    if (total !== undefined && received !== total) {
      throw new ConnectionError(
        `The sample download from ${host} ended after ${received} of ${total} bytes. Try again.`,
      );
    }
    await rename(temp, target);
    tempCreated = false;
    return { path: target, bytes: received, contentType: response.headers.get("content-type") ?? undefined };
  } finally {
    deadline.clear();
    if (tempCreated) await unlink(temp).catch(() => {});
  }
}

function tooLarge(host: string, maxBytes: number): InvalidResponseError {
  return new InvalidResponseError(
    `The sample from ${host} is larger than maxBytes (${maxBytes} bytes), so the download stopped. Raise maxBytes if the sample really is that large.`,
  );
}

function isFileSystemError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) && (error as NodeJS.ErrnoException).syscall !== undefined;
}
