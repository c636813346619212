/** Reading a response body with a byte cap: every adapter reads through this, so the cap holds once for all. */
import type { DownloadProgress } from "./adapter.js";
import { InvalidResponseError } from "./errors.js";

/** Default `maxResponseBytes`, 8 MiB: far above a real page (a 100-voice page is about 30 KB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 2 ** 23;

/** A body as runtimes hand it over: a web stream (fetch) or an async iterable (Node streams, undici). */
export type BodySource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

const tooLarge = (maxBytes: number, status: number, headers?: Headers) =>
  new InvalidResponseError(`The response body is larger than maxResponseBytes (${maxBytes} bytes): reading stopped.`, {
    status,
    headers,
    setting: "maxResponseBytes",
    hint: "Raise maxResponseBytes if the service really sends that much.",
  });

/** What `readBody` needs besides the body. */
export interface ReadLimits {
  /** The most bytes to read. */
  maxBytes: number;
  /** The answer's status, for the error. */
  status: number;
  /** The declared length (Content-Length), when there is one. */
  length?: number | undefined;
  /** The answer's headers, for the error (it then carries the request id). */
  headers?: Headers | undefined;
  /** Called after each chunk with the bytes read so far and `length`. */
  onProgress?: DownloadProgress | undefined;
}

/**
 * Reads a whole body into memory, at most `maxBytes`: past that it stops reading, cancels the
 * stream and throws an `InvalidResponseError`, so an endless body never grows memory. A declared
 * `length` (Content-Length) above the cap fails before the first byte is read. `headers` go on
 * that error (the core redacts them), so it carries the response's request id.
 */
export async function readBody(
  source: BodySource | null | undefined,
  { maxBytes, status, length, headers, onProgress }: ReadLimits,
): Promise<Uint8Array> {
  if (!source) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let iterator: AsyncIterator<Uint8Array> | undefined;
  if ("getReader" in source) reader = source.getReader();
  else iterator = source[Symbol.asyncIterator]();
  try {
    if (length !== undefined && length > maxBytes) throw tooLarge(maxBytes, status, headers);
    for (;;) {
      const { done, value } = reader ? await reader.read() : await iterator!.next();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge(maxBytes, status, headers);
      chunks.push(value);
      onProgress?.(size, length);
    }
  } catch (error) {
    // Stops the transfer (a fetch closes its connection, a Node stream is destroyed).
    reader?.cancel(error).catch(() => {});
    iterator?.return?.().catch(() => {});
    throw error;
  }
  if (chunks.length === 1) return chunks[0]!;
  const whole = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole;
}
