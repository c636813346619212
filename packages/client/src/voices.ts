/** The voices resource: list, listAll, get, clone and delete. */
import type { MultipartBody } from "./adapter.js";
import { InvalidResponseError } from "./errors.js";
import type { Redactor } from "./redact.js";
import type { Exchange, RequestOptions } from "./transport.js";
import type {
  ClonedVoice,
  CloneVoiceBody,
  DeletedVoice,
  ListAllVoicesParams,
  ListVoicesParams,
  Voice,
  VoiceList,
} from "./types.js";
import { checkListParams, checkVoiceId } from "./validate.js";

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

/** Sends one request to the API and resolves with the successful exchange. */
export type Call = (
  method: "GET" | "POST" | "DELETE",
  path: string,
  init: { query?: ListVoicesParams; body?: MultipartBody },
  options: RequestOptions | undefined,
) => Promise<Exchange>;

const dataOf = (exchange: Exchange) => exchange.envelope.data as never;

const voicePath = (voiceId: unknown) => `/voices/${encodeURIComponent(checkVoiceId(voiceId))}`;

/** The one check of a page's shape, for `list` and every page of `listAll`. */
function checkPage({ envelope, headers }: Exchange, redact: Redactor): VoiceList {
  const page = envelope.data as VoiceList;
  if (
    !Number.isSafeInteger(page.total_count) ||
    page.total_count < 0 ||
    !Array.isArray(page.voices) ||
    !page.voices.every((voice) => typeof voice?.voice_id === "string")
  ) {
    throw new InvalidResponseError("GET /voices returned a page that is not { total_count, voices: [{ voice_id }] }.", {
      status: 200,
      headers: redact(headers),
      // The body goes into logs: a service that echoes the key must not leak it there.
      body: redact(page),
    });
  }
  return page;
}

/**
 * The promise of a result: the exchange `send` starts, mapped by `pick`. Bad input that `send`
 * throws rejects the promise rather than throwing. `.withResponse()` waits on the exchange instead;
 * the result's own promise then gets a handler, so that only the chain the caller awaits reports a
 * failure. The `Response` is built in the observability chunk, only when asked for.
 */
function resultOf<T>(send: () => Promise<Exchange>, pick: (exchange: Exchange) => T = dataOf): VoicesPromise<T> {
  let exchange: Promise<Exchange>;
  try {
    exchange = send();
  } catch (error) {
    exchange = Promise.reject(error);
  }
  const result = exchange.then(pick) as VoicesPromise<T>;
  result.withResponse = () => {
    result.catch(() => {});
    return exchange.then(async (answer) => ({
      data: pick(answer),
      ...(await import("./observe.js")).responseOf(answer),
    }));
  };
  return result;
}

/** Builds the voices resource on the client's `call`. */
export function createVoicesResource(call: Call, redact: Redactor): VoicesResource {
  const list = (params?: ListVoicesParams, options?: RequestOptions) =>
    resultOf(
      () => call("GET", "/voices", { query: checkListParams(params) }, options),
      (exchange) => checkPage(exchange, redact),
    );

  // In its own chunk, like client.raw: a program that never pages through everything never downloads it.
  const listAll = (params?: ListAllVoicesParams, options?: RequestOptions): VoicesIterator => {
    async function* iterate(withResponse: boolean) {
      const { listAllVoices } = await import("./list-all.js");
      yield* listAllVoices(list, params, options, withResponse);
    }
    return Object.assign(iterate(false) as AsyncIterableIterator<Voice>, {
      withResponse: () => iterate(true) as AsyncIterableIterator<WithResponse<Voice>>,
    });
  };

  return {
    list,
    listAll,
    get: (voice_id, options) => resultOf(() => call("GET", voicePath(voice_id), {}, options)),
    clone: (body, options) =>
      resultOf(async () => {
        // In its own chunk too: checked (file sniffed, fields typed) before any byte is sent.
        const { cloneBody } = await import("./clone.js");
        return call("POST", "/voices", { body: await cloneBody(body) }, options);
      }),
    delete: (voice_id, options) => resultOf(() => call("DELETE", voicePath(voice_id), {}, options)),
  };
}
