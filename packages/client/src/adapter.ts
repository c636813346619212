/**
 * `@noiz-voices/client/adapter`: the transport seam, for packages that bring their own adapter.
 * The core describes each attempt as an `AdapterRequest` and hands it to an
 * adapter, which sends it and returns status, headers and the body's bytes. Retries, timeouts,
 * aborts, redirects, decoding, errors, redaction, logging and middleware live once, above it.
 *
 * The default adapter is fetch (every runtime); `@noiz-voices/node` adds one on undici's
 * `request` that streams file parts from disk.
 *
 * Contract every adapter keeps:
 * - It never follows a redirect: a 3xx comes back as it is, `Location` included; the core decides.
 * - It reads at most `maxResponseBytes` of (decoded) body and stops reading past that, throwing
 *   the core's `InvalidResponseError`; the core never sees a body it did not ask for.
 * - It stops sending and reading as soon as `signal` aborts, and rejects with the signal's reason.
 * - An error of the SDK's own (a `VoicesError`, such as a `ValidationError` raised while a file part
 *   is read) is thrown as it is: the core passes it on without re-wrapping it.
 * - Any other failure (refused, reset, DNS) is thrown as the runtime's own error, `cause` and
 *   `code` kept, so that the retry policy can tell "never reached the server" apart.
 * - Should it ignore `signal` anyway, the core still ends the attempt on time; only its socket lingers.
 * - It does not mutate `headers` (the client shares one object among its calls) or the body.
 */

/** A text field of a multipart body. */
export interface MultipartField {
  /** The field's name, such as `display_name`. */
  name: string;
  /** Its value, as text. */
  value: string;
}

/** A file part of a multipart body: a Blob (file-backed on Node when made by `fileFromPath`). */
export interface MultipartFile {
  /** The field's name: `file`. */
  name: string;
  /** The file name to send, already cleaned by the core. */
  filename: string;
  /** The content type to send, from the sniffed bytes. */
  type: string;
  /** The bytes: the caller's Blob itself, not a copy. */
  data: Blob;
}

/** A `multipart/form-data` body, described: the adapter encodes it (as FormData, or streamed from disk). */
export interface MultipartBody {
  /** In the order they are sent. */
  parts: ReadonlyArray<MultipartField | MultipartFile>;
}

/** Called as a request body goes out: bytes sent so far and the body's total size. */
export type UploadProgress = (sent: number, total: number) => void;

/** Called as a response body comes in: bytes read so far and the declared total, when the server said it. */
export type DownloadProgress = (received: number, total: number | undefined) => void;

/** One attempt, as the core hands it to an adapter. */
export interface AdapterRequest {
  /** `GET`, `POST` or `DELETE` (any method, for `client.raw`). */
  method: string;
  /** The absolute URL, query included. */
  url: string;
  /** The headers to send, the key included; shared by calls, so never mutated. */
  headers: Headers;
  /** Bytes (a `client.raw` body), a multipart description (a clone), or none. */
  body: Uint8Array | MultipartBody | null;
  /** Aborts the attempt (the caller's signal or the attempt's timeout). */
  signal: AbortSignal;
  /** The most body bytes to read; past it the adapter stops and throws `InvalidResponseError`. */
  maxResponseBytes: number;
  /** Upload progress, for adapters that can count what they send. */
  onUploadProgress?: UploadProgress | undefined;
  /** Download progress: pass it to `readBody`, which counts what it reads. */
  onDownloadProgress?: DownloadProgress | undefined;
}

/** What an attempt got back. */
export interface AdapterResponse {
  /** The HTTP status, a 3xx included: the adapter follows no redirect. */
  status: number;
  /** The response headers. */
  headers: Headers;
  /** The whole body, decoded from any `Content-Encoding`, at most `maxResponseBytes`. */
  body: Uint8Array;
}

/** Sends one attempt. */
export type Adapter = (request: AdapterRequest) => Promise<AdapterResponse>;

export { createFetchAdapter, type FetchLike } from "./fetch-adapter.js";
