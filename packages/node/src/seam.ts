// STAND-IN until @noiz-voices/client/adapter lands (branch seam): a copy of the seam's types.
// Replaced by a re-export once merged; nothing else in this package declares them.
export interface MultipartField {
  name: string;
  value: string;
}
export interface MultipartFile {
  name: string;
  filename: string;
  type: string;
  data: Blob;
}
export interface MultipartBody {
  kind: "multipart";
  parts: ReadonlyArray<MultipartField | MultipartFile>;
}
export type UploadProgress = (sent: number, total: number) => void;
export interface AdapterRequest {
  method: string;
  url: string;
  headers: Headers;
  body: Uint8Array | MultipartBody | null;
  signal: AbortSignal;
  maxResponseBytes: number;
  onUploadProgress?: UploadProgress | undefined;
}
export interface AdapterResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
}
export type Adapter = (request: AdapterRequest) => Promise<AdapterResponse>;

import { InvalidResponseError } from "@noiz-voices/client";
export type BodySource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;
const tooLarge = (maxBytes: number, status: number) =>
  new InvalidResponseError(
    `The response body is larger than maxResponseBytes (${maxBytes} bytes), so reading it stopped. Raise maxResponseBytes if the service really sends that much; otherwise check baseUrl.`,
    { status },
  );
export async function readBody(
  source: BodySource | null | undefined,
  maxBytes: number,
  status: number,
  length?: number,
): Promise<Uint8Array> {
  if (!source) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = "getReader" in source ? source.getReader() : undefined;
  const iterator = reader ? undefined : (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  try {
    if (length !== undefined && length > maxBytes) throw tooLarge(maxBytes, status);
    for (;;) {
      const { done, value } = reader ? await reader.read() : await iterator!.next();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge(maxBytes, status);
      chunks.push(value);
    }
  } catch (error) {
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
