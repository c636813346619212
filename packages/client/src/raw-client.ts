/** The openapi-fetch half of `client.raw`, in its own chunk: loaded only when `raw` is first used. */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/voices.gen.js";
import type { Decoded, Transport } from "./transport.js";

/**
 * A success whose JSON is already parsed, so that openapi-fetch's `response.json()`
 * does not parse the body a second time.
 */
class DecodedResponse extends Response {
  readonly #envelope: unknown;

  constructor({ envelope, response, bytes }: Decoded) {
    const headers = new Headers(response.headers);
    // openapi-fetch calls json() only when it sees a length; otherwise it parses text().
    headers.set("content-length", String(bytes.byteLength));
    super(bytes, { status: response.status, statusText: response.statusText, headers });
    this.#envelope = envelope;
  }

  override json(): Promise<unknown> {
    return Promise.resolve(this.#envelope);
  }
}

/** The typed openapi-fetch client on the SDK's transport: same auth, timeouts, retries and errors. */
export function createOpenApiClient(baseUrl: string, headers: Headers, transport: Transport): Client<paths> {
  return createClient<paths>({
    baseUrl,
    headers,
    fetch: async (request) => new DecodedResponse(await transport(request)),
  });
}
