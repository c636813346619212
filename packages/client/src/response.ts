/** Answers as web `Response`s, for `.withResponse()` and middleware: the same status, headers and bytes. */
import type { AdapterResponse } from "./adapter.js";
import { requestIdOf } from "./errors.js";
import type { Exchange } from "./pipeline.js";

/** A `Response` of an answer, for `.withResponse()` and middleware: the same status, headers and bytes. */
export function toResponse({ status, headers, body }: Omit<AdapterResponse, "url">, url: string): Response {
  const response = new Response(
    status === 204 || status === 205 || status === 304 ? null : (body as Uint8Array<ArrayBuffer>),
    {
      status,
      headers,
    },
  );
  // A constructed Response has no URL; the answer's is worth keeping.
  Object.defineProperty(response, "url", { value: url });
  return response;
}

/** `response` and `requestId` of a successful exchange, for `.withResponse()`. */
export const responseOf = (exchange: Exchange<unknown>) => ({
  response: toResponse(exchange, exchange.url),
  requestId: requestIdOf(exchange.headers),
});
