/** `client.raw`, loaded on first use: the typed openapi-fetch client on the same pipeline. */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/voices.gen.js";
import type { Exchange, Pipeline } from "./pipeline.js";
import type { Envelope } from "./types.js";

/**
 * Checks a request's path parameters and names its operation (`getVoice`), from its method and the
 * spec's path template. The client passes it in, so this chunk imports no code of the core's: the
 * core stays one chunk, downloaded once.
 */
export type OperationFor = (method: string, schemaPath: string, pathParams: Record<string, unknown>) => string;

/**
 * A success whose JSON is already parsed, so that openapi-fetch's `response.json()`
 * does not parse the body a second time.
 */
class DecodedResponse extends Response {
  readonly #envelope: unknown;

  constructor({ value, status, headers, body }: Exchange<Envelope>) {
    const copy = new Headers(headers);
    // openapi-fetch calls json() only when it sees a length; otherwise it parses text().
    copy.set("content-length", String(body.byteLength));
    super(body as Uint8Array<ArrayBuffer>, { status, headers: copy });
    this.#envelope = value;
  }

  override json(): Promise<unknown> {
    return Promise.resolve(this.#envelope);
  }
}

/**
 * The typed openapi-fetch client on the SDK's pipeline: same auth, checks, timeouts, retries,
 * redirects, body cap and errors. Path parameters get the checks `voices.*` gives them before the
 * URL is built (a `voice_id` of `..` would resolve to another path), and each request carries its
 * operationId into errors and logs. A request body (one `raw` built) is read into bytes once, so
 * every attempt can send it.
 */
export function createOpenApiClient(
  baseUrl: string,
  headers: Headers,
  pipeline: Pipeline,
  operationFor: OperationFor,
): Client<paths> {
  const operations = new WeakMap<Request, string>();
  const client = createClient<paths>({
    baseUrl,
    headers,
    fetch: async (request) => {
      const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
      const { method, url } = request;
      const operation = operations.get(request) ?? `${method} ${new URL(url).pathname}`;
      return new DecodedResponse(
        await pipeline(
          { operation, request: { method, url, headers: request.headers, body } },
          { signal: request.signal },
        ),
      );
    },
  });
  client.use({
    onRequest({ request, schemaPath, params }) {
      operations.set(request, operationFor(request.method, schemaPath, params.path ?? {}));
    },
  });
  return client;
}
