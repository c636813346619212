/**
 * Encodes the core's multipart description (fields and file parts, in order, names already cleaned)
 * as `multipart/form-data` bytes with an exact length, produced only as fast as they are pulled. A
 * file made by `fileFromPath` is read from disk through a small ring of reused buffers, so memory
 * stays flat whatever the file's size; any other Blob is read through its own stream.
 */
import { randomBytes } from "node:crypto";
import { open, stat } from "node:fs/promises";
import { ValidationError } from "@noiz-voices/client";
import type { MultipartBody, UploadProgress } from "@noiz-voices/client/adapter";
import { type DiskSource, diskSourceOf, shorten } from "./files.js";

/** Read size for a file on disk: large chunks keep per-chunk overhead negligible. */
export const FILE_CHUNK_BYTES = 1024 * 1024;
/**
 * Buffers in the ring. undici pulls the next chunk only after the socket drained the last one (a
 * chunk above the socket's 16 KiB high-water mark always waits for `drain`), so a buffer is free
 * again when it is pulled next; two more give slack should a consumer ever read one chunk ahead.
 */
const RING_BUFFERS = 3;

/** A multipart body ready to send: its headers and its bytes. */
export interface EncodedMultipart {
  /** The `Content-Type` header, with the boundary. */
  contentType: string;
  /** Exact length in bytes, for `Content-Length`. */
  length: number;
  /**
   * The body's bytes, read only as they are pulled; `onProgress` hears of each chunk once the next
   * one is asked for (the consumer is done with it). A yielded chunk may be reused two pulls later:
   * a consumer that keeps chunks must copy them.
   */
  chunks(onProgress?: UploadProgress): AsyncGenerator<Uint8Array, void, undefined>;
}

// WHATWG's multipart/form-data encoding, as the fetch adapter's FormData does it: line breaks become
// CRLF; in names, CR, LF and `"` are percent-escaped.
const normalizeLineBreaks = (value: string) => value.replace(/\r?\n|\r/g, "\r\n");
const escapeName = (name: string) =>
  normalizeLineBreaks(name).replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");

/** Encodes `body`; the file parts' sizes come from their Blobs. */
export function encodeMultipart(body: MultipartBody): EncodedMultipart {
  const boundary = `----noiz-voices-${randomBytes(16).toString("hex")}`;
  const pieces: (Buffer | Blob)[] = [];
  let length = 0;
  for (const part of body.parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(part.name)}"`;
    if ("data" in part) {
      head += `; filename="${escapeName(part.filename)}"\r\nContent-Type: ${part.type || "application/octet-stream"}\r\n\r\n`;
      const headBytes = Buffer.from(head, "utf8");
      pieces.push(headBytes, part.data, Buffer.from("\r\n"));
      length += headBytes.length + part.data.size + 2;
    } else {
      const bytes = Buffer.from(`${head}\r\n\r\n${normalizeLineBreaks(part.value)}\r\n`, "utf8");
      pieces.push(bytes);
      length += bytes.length;
    }
  }
  const tail = Buffer.from(`--${boundary}--\r\n`);
  pieces.push(tail);
  length += tail.length;

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    async *chunks(onProgress) {
      let sent = 0;
      let pending = 0;
      // Progress for a chunk is reported when the next is pulled: by then the consumer has sent it.
      const settle = () => {
        if (pending === 0) return;
        sent += pending;
        pending = 0;
        onProgress?.(sent, length);
      };
      onProgress?.(0, length);
      for (const piece of pieces) {
        const chunks = Buffer.isBuffer(piece) ? [piece] : readBlob(piece);
        for await (const chunk of chunks) {
          settle();
          pending = chunk.length;
          yield chunk;
        }
      }
      settle();
    },
  };
}

/** A file part's bytes: straight from disk for a `fileFromPath` Blob, else the Blob's own stream. */
async function* readBlob(blob: Blob): AsyncGenerator<Uint8Array, void, undefined> {
  const source = diskSourceOf(blob);
  if (source) {
    yield* readDisk(source);
    return;
  }
  let read = 0;
  for await (const chunk of blob.stream() as unknown as AsyncIterable<Uint8Array>) {
    read += chunk.length;
    yield chunk;
  }
  if (read !== blob.size) {
    throw new ValidationError(
      "file",
      `file gave ${read} bytes instead of its size, ${blob.size}. Give a file that does not change while it is sent.`,
    );
  }
}

/**
 * Reads a file from a ring of reused buffers: no per-chunk garbage, so memory stays flat at a few
 * MiB (fresh buffers per chunk left ~38 MiB of garbage behind on a 500 MiB upload).
 */
async function* readDisk(source: DiskSource): AsyncGenerator<Uint8Array, void, undefined> {
  await checkUnchanged(source);
  const handle = await open(source.path, "r").catch(() => {
    throw changedError(source);
  });
  try {
    const ring = Array.from({ length: Math.min(RING_BUFFERS, Math.ceil(source.size / FILE_CHUNK_BYTES)) }, () =>
      Buffer.allocUnsafe(Math.min(FILE_CHUNK_BYTES, source.size)),
    );
    for (let position = 0, turn = 0; position < source.size; turn++) {
      const buffer = ring[turn % ring.length]!;
      const wanted = Math.min(buffer.length, source.size - position);
      const { bytesRead } = await handle.read(buffer, 0, wanted, position);
      if (bytesRead === 0) throw changedError(source);
      position += bytesRead;
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
  await checkUnchanged(source);
}

async function checkUnchanged(source: DiskSource): Promise<void> {
  const info = await stat(source.path).catch(() => undefined);
  if (!info || info.size !== source.size || info.mtimeMs !== source.mtimeMs) throw changedError(source);
}

function changedError(source: DiskSource): ValidationError {
  return new ValidationError(
    "path",
    `"${shorten(source.path)}" changed or disappeared while it was being uploaded. Keep the file unchanged until the clone finishes, then try again.`,
  );
}
