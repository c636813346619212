/**
 * A multipart/form-data body whose length is known up front and whose file part is read from disk
 * in large chunks as the socket takes them.
 */
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { ValidationError } from "@noiz-voices/client";
import type { DiskSource } from "./files.js";

/** Read size for the file part: large chunks keep per-chunk overhead negligible (memory stays a few MiB). */
export const FILE_CHUNK_BYTES = 1024 * 1024;

/** One part of the form: a text field or a file on disk. */
export type FormPart =
  | { name: string; value: string }
  | { name: string; filename: string; type: string; source: DiskSource };

/** A multipart body that can be streamed as many times as needed (one stream per attempt). */
export interface MultipartBody {
  /** The `Content-Type` header, with the boundary. */
  contentType: string;
  /** Exact length in bytes, for `Content-Length`. */
  length: number;
  /** A new stream of the whole body. */
  open(): Readable;
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
    open: () => Readable.from(generate(pieces), { objectMode: false }),
  };
}

async function* generate(pieces: readonly (Buffer | DiskSource)[]): AsyncGenerator<Buffer> {
  for (const piece of pieces) {
    if (Buffer.isBuffer(piece)) {
      yield piece;
      continue;
    }
    await checkUnchanged(piece);
    let sent = 0;
    // Bounded to the size announced in Content-Length; a file that changed is caught below.
    const stream = createReadStream(piece.path, {
      start: 0,
      end: piece.size - 1,
      highWaterMark: FILE_CHUNK_BYTES,
    });
    for await (const chunk of stream) {
      sent += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    if (sent !== piece.size) throw changedError(piece);
    await checkUnchanged(piece);
  }
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
