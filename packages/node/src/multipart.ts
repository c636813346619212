/**
 * A multipart/form-data body whose length is known up front and whose file part is read from disk
 * in large chunks, only as fast as the socket takes them.
 */
import { randomBytes } from "node:crypto";
import { open, stat } from "node:fs/promises";
import type { Writable } from "node:stream";
import { ValidationError } from "@noiz-voices/client";
import type { DiskSource } from "./files.js";

/** Read size for the file part: large chunks keep per-chunk overhead negligible. */
export const FILE_CHUNK_BYTES = 1024 * 1024;
/** Buffers in the ring: one being read into while the others drain to the socket. */
const RING_BUFFERS = 3;

/** One part of the form: a text field or a file on disk. */
export type FormPart =
  | { name: string; value: string }
  | { name: string; filename: string; type: string; source: DiskSource };

/** A multipart body that can be written as many times as needed (once per attempt). */
export interface MultipartBody {
  /** The `Content-Type` header, with the boundary. */
  contentType: string;
  /** Exact length in bytes, for `Content-Length`. */
  length: number;
  /** Writes the whole body to `out` (respecting backpressure) and ends it; `onBytes` counts what was written. */
  writeTo(out: Writable, onBytes?: (bytes: number) => void): Promise<void>;
}

// WHATWG's multipart/form-data encoding: names escape `"`, CR and LF; values use CRLF line breaks.
const escapeName = (name: string) => name.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");
const normalizeLineBreaks = (value: string) => value.replace(/\r?\n|\r/g, "\r\n");

/** Builds the body; the file parts' sizes come from their disk sources. */
export function buildMultipart(parts: readonly FormPart[]): MultipartBody {
  const boundary = `----noiz-voices-${randomBytes(16).toString("hex")}`;
  const pieces: (Buffer | DiskSource)[] = [];
  let length = 0;
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(part.name)}"`;
    if ("source" in part) {
      head += `; filename="${escapeName(part.filename)}"\r\nContent-Type: ${part.type}\r\n\r\n`;
      const headBytes = Buffer.from(head, "utf8");
      pieces.push(headBytes, part.source, Buffer.from("\r\n"));
      length += headBytes.length + part.source.size + 2;
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
    async writeTo(out, onBytes) {
      const writer = new Writer(out);
      for (const piece of pieces) {
        if (Buffer.isBuffer(piece)) {
          await writer.write(piece);
          onBytes?.(piece.length);
        } else {
          await writeFile(piece, writer, onBytes);
        }
      }
      await writer.end();
    },
  };
}

/** Writes to a stream without outrunning it, and fails if the stream breaks while waiting. */
class Writer {
  readonly #out: Writable;
  readonly #broken: Promise<never>;

  constructor(out: Writable) {
    this.#out = out;
    this.#broken = new Promise<never>((_, reject) => {
      const fail = (error?: Error) => reject(error ?? new Error("the connection closed before the upload finished"));
      out.once("error", fail);
      out.once("close", () => fail());
    });
    this.#broken.catch(() => {});
  }

  /** Waits while the stream's buffer is full, then queues `chunk`; `done` runs once the stream is through with it. */
  async write(chunk: Buffer, done?: (error?: Error | null) => void): Promise<void> {
    if (this.#out.destroyed) throw new Error("the connection closed before the upload finished");
    if (this.#out.writableNeedDrain) {
      await Promise.race([new Promise((resolve) => this.#out.once("drain", resolve)), this.#broken]);
    }
    this.#out.write(chunk, done);
  }

  /** Waits until `promise` settles, or fails if the stream breaks first. */
  until<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.#broken]);
  }

  end(): Promise<void> {
    return this.until(new Promise<void>((resolve) => this.#out.end(resolve)));
  }
}

/**
 * Sends a file from a small ring of reused buffers: each is read into while the others are on
 * their way out, and is reused only once the socket is done with it. No per-chunk garbage, so
 * memory stays flat at a few MiB (fresh buffers per chunk left ~38 MiB of garbage behind).
 */
async function writeFile(source: DiskSource, writer: Writer, onBytes?: (bytes: number) => void): Promise<void> {
  await checkUnchanged(source);
  const handle = await open(source.path, "r");
  const free: Buffer[] = Array.from({ length: RING_BUFFERS }, () => Buffer.allocUnsafe(FILE_CHUNK_BYTES));
  const waiting: (() => void)[] = [];
  const release = (buffer: Buffer) => {
    free.push(buffer);
    waiting.shift()?.();
  };
  try {
    let position = 0;
    while (position < source.size) {
      while (free.length === 0) await writer.until(new Promise<void>((resolve) => waiting.push(resolve)));
      const buffer = free.pop()!;
      const wanted = Math.min(FILE_CHUNK_BYTES, source.size - position);
      const { bytesRead } = await handle.read(buffer, 0, wanted, position);
      if (bytesRead === 0) throw changedError(source);
      position += bytesRead;
      await writer.write(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead), () => release(buffer));
      onBytes?.(bytesRead);
    }
  } finally {
    await handle.close();
  }
  await checkUnchanged(source);
}
async function checkUnchanged(source: DiskSource): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>> | undefined;
  try {
    info = await stat(source.path);
  } catch {
    info = undefined;
  }
  if (!info || info.size !== source.size || info.mtimeMs !== source.mtimeMs) throw changedError(source);
}

function changedError(source: DiskSource): ValidationError {
  return new ValidationError(
    "path",
    `"${source.path}" changed or disappeared while it was being uploaded. Keep the file unchanged until the clone finishes, then try again.`,
  );
}
