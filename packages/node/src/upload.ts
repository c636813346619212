/**
 * A fetch for one upload that writes a known multipart body over node:http(s), with backpressure.
 *
 * Why not the global fetch: Node 20's fetch (undici 6) reads a request body ahead of the socket, so
 * a 500 MiB upload held about 510 MiB in memory when measured (tools/bench/upload.mjs). Here the
 * file is read only as fast as the socket drains, so memory stays flat whatever the file's size.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import type { MultipartBody } from "./multipart.js";

/** Called as the body is sent: bytes written so far and the body's total length. */
export type UploadProgress = (sent: number, total: number) => void;

// One connection per upload: nothing lingers after the clone (a CLI exits at once).
const httpAgent = new HttpAgent({ keepAlive: false });
const httpsAgent = new HttpsAgent({ keepAlive: false });

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function headersOf(message: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = message.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

/**
 * Returns a fetch that sends `body` in place of the request's own body (the same form, already
 * checked by the client), keeping the request's URL, method and headers (auth included).
 */
export function createUploadFetch(
  body: MultipartBody,
  onProgress?: UploadProgress,
): (input: Request, init?: RequestInit) => Promise<Response> {
  return (input, init) => {
    // The client's own FormData stream is not read: the same fields go from disk instead.
    input.body?.cancel().catch(() => {});
    const url = new URL(input.url);
    const headers: OutgoingHttpHeaders = {};
    input.headers.forEach((value, name) => {
      headers[name] = value;
    });
    headers["content-type"] = body.contentType;
    headers["content-length"] = String(body.length);
    const signal = init?.signal ?? input.signal;

    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const isHttps = url.protocol === "https:";
      const send = isHttps ? httpsRequest : httpRequest;
      const outgoing = send(url, { method: input.method, headers, agent: isHttps ? httpsAgent : httpAgent });
      let answered = false;
      const onAbort = () => outgoing.destroy(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = () => signal?.removeEventListener("abort", onAbort);

      let uploaded = false;
      outgoing.on("response", (incoming) => {
        answered = true;
        incoming.on("close", done);
        // An answer before the whole body was sent (a 401, say) ends the upload: once the answer has
        // been read, stop sending, or a server that no longer reads would keep the file open forever.
        incoming.on("end", () => {
          if (!uploaded) outgoing.destroy();
        });
        const status = incoming.statusCode ?? 0;
        const responseBody = NULL_BODY_STATUSES.has(status)
          ? null
          : (Readable.toWeb(incoming) as unknown as ReadableStream<Uint8Array>);
        if (responseBody === null) incoming.resume();
        try {
          resolve(
            new Response(responseBody, {
              status,
              statusText: incoming.statusMessage ?? "",
              headers: headersOf(incoming),
            }),
          );
        } catch (error) {
          incoming.destroy();
          reject(error);
        }
      });
      outgoing.on("error", (error) => {
        done();
        // After an early answer (a 401 before the body was read, say), a broken upload is not the outcome.
        if (!answered) reject(error);
      });

      let sent = 0;
      onProgress?.(0, body.length);
      body
        .writeTo(outgoing, (bytes) => {
          sent += bytes;
          onProgress?.(sent, body.length);
        })
        .then(() => {
          uploaded = true;
        })
        .catch((error: unknown) => {
          if (answered) return;
          done();
          outgoing.destroy();
          reject(error);
        });
    });
  };
}
