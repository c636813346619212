/** The default adapter: fetch, on every runtime that has one. */
import type { Adapter, MultipartBody } from "./adapter.js";
import { readBody } from "./body.js";
import { InvalidResponseError } from "./errors.js";

/** A fetch implementation as the `fetch` options take it: it receives a `Request`. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Encodes a multipart description as FormData (each runtime's fetch streams Blob parts as it sends). */
export function toFormData({ parts }: MultipartBody): FormData {
  const form = new FormData();
  for (const part of parts) {
    if ("data" in part) {
      const { data, type } = part;
      // slice() is lazy: a file-backed Blob stays on disk; it only gains the type.
      form.append(part.name, data.type === type ? data : data.slice(0, data.size, type), part.filename);
    } else form.append(part.name, part.value);
  }
  return form;
}

/**
 * An adapter on `fetch`. Without one, it calls the runtime's global `fetch` (looked up on each
 * call, so a test library that patches it later still sees the requests) with the URL and an init:
 * no `Request` is built. A passed-in fetch gets a `Request` and `{ signal }`, as the `fetch` option
 * promises. Redirects are never followed (`redirect: "manual"`); a browser, which hides a
 * redirect's target (`opaqueredirect`), gets an `InvalidResponseError` instead of a silent success.
 * Upload progress: fetch cannot see bytes leave, so `onUploadProgress` hears `(0, total)` before the
 * request and `(total, total)` once the answer arrives, `total` being the parts' own sizes.
 */
export function createFetchAdapter(fetch?: FetchLike): Adapter {
  return async ({ method, url, headers, body, signal, maxResponseBytes, onUploadProgress, onDownloadProgress }) => {
    const multipart = body && "parts" in body ? body : undefined;
    const bytes = multipart ? null : (body as Uint8Array<ArrayBuffer> | null);
    const total = multipart
      ? multipart.parts.reduce((sum, part) => sum + ("data" in part ? part.data.size : part.value.length), 0)
      : (bytes?.byteLength ?? 0);
    const sent = multipart ? toFormData(multipart) : bytes;
    onUploadProgress?.(0, total);
    const response = await (fetch
      ? fetch(new Request(url, { method, headers, body: sent, redirect: "manual" }), { signal })
      : globalThis.fetch(url, { method, headers, body: sent, redirect: "manual", signal }));
    if (response.type === "opaqueredirect") {
      throw new InvalidResponseError(
        `${method} ${new URL(url).pathname} was redirected, and this runtime hides where to.`,
        {
          setting: "baseUrl",
          hint: "Set baseUrl to the final address.",
        },
      );
    }
    onUploadProgress?.(total, total);
    const { status, headers: received } = response;
    const length = received.get("content-length");
    // Read chunk by chunk and stopped at the cap, whatever the response declares. This is also the
    // cheapest read: a body of one chunk comes back as that chunk, with no copy (arrayBuffer() copies).
    return {
      status,
      headers: received,
      body: await readBody(response.body, {
        maxBytes: maxResponseBytes,
        status,
        length: length ? +length : undefined,
        headers: received,
        onProgress: onDownloadProgress,
      }),
    };
  };
}
