/** `client.raw`, in its own chunk: openapi-fetch is loaded only when `raw` is first used. */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/voices.gen.js";
import type { Exchange, Transport } from "./transport.js";

/**
 * A success whose JSON is already parsed, so that openapi-fetch's `response.json()`
 * does not parse the body a second time.
 */
class DecodedResponse extends Response {
  readonly #envelope: unknown;

  constructor({ envelope, status, headers, body }: Exchange) {
    const copy = new Headers(headers);
    // openapi-fetch calls json() only when it sees a length; otherwise it parses text().
    copy.set("content-length", String(body.byteLength));
    super(body as Uint8Array<ArrayBuffer>, { status, headers: copy });
    this.#envelope = envelope;
  }

  override json(): Promise<unknown> {
    return Promise.resolve(this.#envelope);
  }
}

/**
 * The typed openapi-fetch client on the SDK's transport: same auth, timeouts, retries, redirects and
 * errors. A request body (one `raw` built) is read into bytes once, so every attempt can send it.
 */
export function createOpenApiClient(baseUrl: string, headers: Headers, transport: Transport): Client<paths> {
  return createClient<paths>({
    baseUrl,
    headers,
    fetch: async (request) => {
      const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
      const { method, url } = request;
      return new DecodedResponse(
        await transport({ method, url, headers: request.headers, body }, { signal: request.signal }),
      );
    },
  });
}
