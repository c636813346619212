/** downloadVoiceSample: a voice's sample audio streamed to disk, all or nothing. */
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  AbortError,
  ApiError,
  ConnectionError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
  type Voice,
  VoicesError,
} from "@noiz-voices/client";

/** Default time limit for a whole sample download, in milliseconds. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 60_000;

/** Options of `downloadVoiceSample`. */
export interface DownloadSampleOptions {
  /** Aborts the download; the partial file is removed. */
  signal?: AbortSignal;
  /** Time limit for the whole download, in milliseconds (default 60000). */
  timeoutMs?: number;
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
    const shown = sample.length > 200 ? `${sample.slice(0, 100)}…${sample.slice(-60)}` : sample;
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
  // Quoted in messages, shortened: a message stays one readable line whatever the path.
  const shown = destPath.length > 200 ? `${destPath.slice(0, 100)}…${destPath.slice(-60)}` : destPath;
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

function httpError(url: URL, response: Response): ApiError {
  const message = `Downloading the sample from ${url.host} failed with HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`;
  const details = { status: response.status, headers: response.headers };
  if (response.status === 404)
    return new NotFoundError(`${message} The sample is gone; fetch the voice again.`, details);
  if (response.status === 429) return new RateLimitError(`${message} Try again later.`, details);
  if (response.status >= 500) return new ServerError(`${message} Try again later.`, details);
  return new ApiError(message, details);
}

/**
 * Downloads a voice's sample (`voice.sample`) to `destPath`. The bytes stream into a temporary file
 * beside it, renamed into place only once complete, so a failed download leaves nothing behind. The
 * sample's host never receives the API key: this is a plain request with no credentials.
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
  const doFetch = options.fetch ?? globalThis.fetch;
  if (typeof doFetch !== "function") throw new ValidationError("fetch", "No fetch implementation: pass options.fetch.");
  if (options.signal?.aborted) throw new AbortError("The sample download was aborted before it started.");

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onAbort, { once: true });

  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.part`);
  let tempCreated = false;
  try {
    let response: Response;
    try {
      // No headers at all: the sample's host (a CDN, usually) gets no Authorization.
      response = await doFetch(url.href, { signal: controller.signal, redirect: "follow" });
    } catch (cause) {
      throw failure(cause);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw httpError(url, response);
    }
    if (!response.body) throw new ConnectionError(`The sample host ${url.host} sent no body.`);
    const lengthHeader = response.headers.get("content-length");
    const total = lengthHeader && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : undefined;
    let received = 0;
    const source = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>);
    source.on("data", (chunk: Buffer) => {
      received += chunk.length;
      options.onProgress?.(received, total);
    });
    options.onProgress?.(0, total);
    tempCreated = true;
    try {
      await pipeline(source, createWriteStream(temp, { flags: "wx" }), { signal: controller.signal });
    } catch (cause) {
      if (isFileSystemError(cause)) {
        const shown = destPath.length > 200 ? `${destPath.slice(0, 100)}…${destPath.slice(-60)}` : destPath;
        throw new VoicesError(`Could not write the sample to "${shown}": ${(cause as Error).message}.`, { cause });
      }
      throw failure(cause);
    }
    if (total !== undefined && received !== total) {
      throw new ConnectionError(
        `The sample download from ${url.host} ended after ${received} of ${total} bytes. Try again.`,
      );
    }
    await rename(temp, target);
    tempCreated = false;
    return { path: target, bytes: received, contentType: response.headers.get("content-type") ?? undefined };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    if (tempCreated) await unlink(temp).catch(() => {});
  }

  function failure(cause: unknown): VoicesError {
    if (cause instanceof VoicesError) return cause;
    if (options.signal?.aborted)
      return new AbortError("The sample download was aborted by the caller's AbortSignal.", { cause });
    if (timedOut) {
      return new TimeoutError(
        `Downloading the sample from ${url.host} took longer than ${timeoutMs} ms. Try again or raise timeoutMs.`,
        {
          cause,
        },
      );
    }
    const reason =
      cause instanceof Error
        ? cause.cause instanceof Error
          ? `${cause.message}: ${cause.cause.message}`
          : cause.message
        : String(cause);
    return new ConnectionError(
      `Downloading the sample from ${url.host} failed: ${reason}. Check the network and try again.`,
      {
        cause,
      },
    );
  }
}

function isFileSystemError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) && (error as NodeJS.ErrnoException).syscall !== undefined;
}
