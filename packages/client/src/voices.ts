/** The voices resource: list, listAll, get, clone and delete. */
import type { MultipartBody } from "./adapter.js";
import { cloneBody } from "./clone.js";
import { InvalidResponseError, VoicesError, withOperation } from "./errors.js";
import { listAllVoices } from "./list-all.js";
import type { OperationId } from "./operations.js";
import { type Decode, decodeEnvelope, type Exchange, type RequestOptions } from "./pipeline.js";
import { responseOf } from "./response.js";
import type {
  ClonedVoice,
  CloneVoiceBody,
  DeletedVoice,
  Envelope,
  ListAllVoicesParams,
  ListVoicesParams,
  Voice,
  VoiceList,
} from "./types.js";
import { checkListParams } from "./validate.js";

/** What `.withResponse()` resolves to: the result, the HTTP response it came in, and its request id. */
export interface WithResponse<T> {
  /** What a plain `await` gives. */
  data: T;
  /** The response (its body already read: use `data`). */
  response: Response;
  /** The server's id for the request, from the first of `x-request-id`, `request-id`, `x-amzn-requestid`, `cf-ray`. */
  requestId: string | undefined;
}

/** What a `voices` method returns: a promise of the result, with `.withResponse()` for the response too. */
export type VoicesPromise<T> = Promise<T> & {
  /** Resolves to `{ data, response, requestId }` instead of the result alone. */
  withResponse(): Promise<WithResponse<T>>;
};

/** What `listAll` returns: every voice; `.withResponse()` iterates the same voices with the response of each one's page. */
export type VoicesIterator = AsyncIterableIterator<Voice> & {
  /** A fresh iteration over the same voices, each as `{ data, response, requestId }` of the page it came in. */
  withResponse(): AsyncIterableIterator<WithResponse<Voice>>;
};

/** Operations on voices. */
export interface VoicesResource {
  /** Lists one page of voices (`skip` is the page number, starting at 0). */
  list(params?: ListVoicesParams, options?: RequestOptions): VoicesPromise<VoiceList>;
  /** Iterates over every voice of every page, fetching pages ahead with bounded concurrency. */
  listAll(params?: ListAllVoicesParams, options?: RequestOptions): VoicesIterator;
  /** Gets one voice by its `voice_id`. */
  get(voice_id: string, options?: RequestOptions): VoicesPromise<Voice>;
  /** Clones a voice from `file` (WAV, MP3 or M4A) or `voice_url`; never sent twice if it may have arrived. */
  clone(body: CloneVoiceBody, options?: RequestOptions): VoicesPromise<ClonedVoice>;
  /** Soft-deletes a voice by its `voice_id`. */
  delete(voice_id: string, options?: RequestOptions): VoicesPromise<DeletedVoice>;
}

/** Sends one operation to the API and resolves with the successful exchange (its value is the envelope). */
export type Call = (
  operation: OperationId,
  init: {
    voice_id?: unknown;
    query?: ListVoicesParams;
    body?: MultipartBody;
    decode: Decode<Envelope & { data: unknown }>;
  },
  options: RequestOptions | undefined,
) => Promise<Exchange>;

/**
 * The API's decoder with a check of `data`'s shape: an answer that fails it ends its attempt as an
 * `InvalidResponseError`, so the log's error line and the call's trace see the failure too.
 */
const decodeShaped =
  (isShaped: (data: never) => boolean, what: string): Decode<Envelope & { data: unknown }> =>
  (response, context) => {
    const value = decodeEnvelope(response, context);
    if (value instanceof VoicesError || isShaped(value.data as never)) return value;
    return new InvalidResponseError(`${what}.`, {
      status: response.status,
      headers: context.redact(response.headers),
      // The body goes into logs: a service that echoes the key must not leak it there.
      body: context.redact(value.data),
      operation: context.operation,
    });
  };

/** The one check of a page's shape, for `list` and every page of `listAll`. */
const decodePage = decodeShaped(
  (page: VoiceList) =>
    Number.isSafeInteger(page.total_count) &&
    page.total_count >= 0 &&
    Array.isArray(page.voices) &&
    page.voices.every((voice) => typeof voice?.voice_id === "string"),
  "GET /voices returned a page that is not { total_count, voices: [{ voice_id }] }",
);

/** `get`, `clone` and `delete` each name a voice by the `voice_id` their type promises (one decoder each, made once). */
const hasVoiceId = (data: { voice_id?: unknown }) => typeof data.voice_id === "string";
const decodeVoiceData = {
  getVoice: decodeShaped(hasVoiceId, "getVoice returned data without a voice_id"),
  cloneVoice: decodeShaped(hasVoiceId, "cloneVoice returned data without a voice_id"),
  deleteVoice: decodeShaped(hasVoiceId, "deleteVoice returned data without a voice_id"),
};

/** The envelope's `data`: what a plain `await` gives. */
const dataOf = (exchange: Exchange) => exchange.value.data as never;

/**
 * The promise of a result: the exchange `send` starts, mapped by `toResult`. Bad input that `send`
 * throws rejects the promise rather than throwing, and its error names `operation` like every other. `.withResponse()` waits on the exchange instead;
 * the result's own promise then gets a handler, so that only the chain the caller awaits reports a
 * failure.
 */
function resultOf<E extends Exchange<unknown>, T>(
  operation: OperationId,
  send: () => Promise<E>,
  toResult: (exchange: E) => T,
): VoicesPromise<T> {
  let exchange: Promise<E>;
  try {
    exchange = send();
  } catch (error) {
    exchange = Promise.reject(error);
  }
  // A check's error, sync or async (a clone's file is read before the call), gets the operation here.
  const named = (error: unknown) => Promise.reject(withOperation(error, operation));
  const result = exchange.then(toResult, named) as VoicesPromise<T>;
  result.withResponse = () => {
    result.catch(() => {});
    return exchange.then((answer) => ({ data: toResult(answer), ...responseOf(answer) }), named);
  };
  return result;
}

/** Builds the voices resource on the client's `call`. */
export function createVoicesResource(call: Call): VoicesResource {
  const listPage = (params: unknown, options: RequestOptions | undefined) =>
    call("listVoices", { query: checkListParams(params), decode: decodePage }, options);
  // listAll keeps each page's exchange, for `.withResponse()`.
  const fetchPage = (params: unknown, options: RequestOptions | undefined) =>
    listPage(params, options).then((exchange): Exchange<VoiceList> => ({ ...exchange, value: dataOf(exchange) }));

  const listAll = (params?: ListAllVoicesParams, options?: RequestOptions): VoicesIterator => {
    const voices = async function* () {
      for await (const [voice] of listAllVoices(fetchPage, params, options)) yield voice;
    };
    // The same iteration, each voice mapped to its page's response: one Response per page.
    const withResponse = async function* () {
      let page: Exchange<VoiceList> | undefined;
      let answer: Omit<WithResponse<Voice>, "data"> | undefined;
      for await (const [voice, exchange] of listAllVoices(fetchPage, params, options)) {
        if (exchange !== page) [page, answer] = [exchange, responseOf(exchange)];
        yield { data: voice, ...answer! };
      }
    };
    return Object.assign(voices(), { withResponse });
  };

  return {
    list: (params, options) => resultOf("listVoices", () => listPage(params, options), dataOf),
    listAll,
    get: (voice_id, options) =>
      resultOf("getVoice", () => call("getVoice", { voice_id, decode: decodeVoiceData.getVoice }, options), dataOf),
    clone: (body, options) =>
      resultOf(
        "cloneVoice",
        async () => call("cloneVoice", { body: await cloneBody(body), decode: decodeVoiceData.cloneVoice }, options),
        dataOf,
      ),
    delete: (voice_id, options) =>
      resultOf(
        "deleteVoice",
        () => call("deleteVoice", { voice_id, decode: decodeVoiceData.deleteVoice }, options),
        dataOf,
      ),
  };
}
