/** The voices resource: list, listAll, get, clone and delete. */
import type { MultipartBody } from "./adapter.js";
import { InvalidResponseError } from "./errors.js";
import type { Redactor } from "./redact.js";
import type { RequestOptions } from "./transport.js";
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

/** Operations on voices. */
export interface VoicesResource {
  /** Lists one page of voices (`skip` is the page number, starting at 0). */
  list(params?: ListVoicesParams, options?: RequestOptions): Promise<VoiceList>;
  /** Iterates over every voice of every page, fetching pages ahead with bounded concurrency. */
  listAll(params?: ListAllVoicesParams, options?: RequestOptions): AsyncIterableIterator<Voice>;
  /** Gets one voice by its `voice_id`. */
  get(voice_id: string, options?: RequestOptions): Promise<Voice>;
  /** Clones a voice from `file` (WAV, MP3 or M4A) or `voice_url`; never sent twice if it may have arrived. */
  clone(body: CloneVoiceBody, options?: RequestOptions): Promise<ClonedVoice>;
  /** Soft-deletes a voice by its `voice_id`. */
  delete(voice_id: string, options?: RequestOptions): Promise<DeletedVoice>;
}

/** Sends one request to the API and resolves with the envelope's `data`. */
export type Call = <T>(
  method: "GET" | "POST" | "DELETE",
  path: string,
  init: { query?: ListVoicesParams; body?: MultipartBody },
  options: RequestOptions | undefined,
) => Promise<T>;

const voicePath = (voiceId: unknown) => `/voices/${encodeURIComponent(checkVoiceId(voiceId))}`;

/** The one check of a page's shape, for `list` and every page of `listAll`. */
function checkPage(page: VoiceList, redact: Redactor): VoiceList {
  if (
    !Number.isSafeInteger(page.total_count) ||
    page.total_count < 0 ||
    !Array.isArray(page.voices) ||
    !page.voices.every((voice) => typeof voice?.voice_id === "string")
  ) {
    throw new InvalidResponseError("GET /voices returned a page that is not { total_count, voices: [{ voice_id }] }.", {
      status: 200,
      // The body goes into logs: a service that echoes the key must not leak it there.
      body: redact(page),
    });
  }
  return page;
}

/** Builds the voices resource on the client's `call`. */
export function createVoicesResource(call: Call, redact: Redactor): VoicesResource {
  // async, so bad input rejects the returned promise instead of throwing synchronously.
  const list = async (params?: ListVoicesParams, options?: RequestOptions) =>
    checkPage(await call<VoiceList>("GET", "/voices", { query: checkListParams(params) }, options), redact);

  // In its own chunk, like client.raw: a program that never pages through everything never downloads it.
  async function* listAll(params?: ListAllVoicesParams, options?: RequestOptions): AsyncIterableIterator<Voice> {
    const { listAllVoices } = await import("./list-all.js");
    yield* listAllVoices(list, params, options);
  }

  return {
    list,
    listAll,
    get: async (voice_id, options) => call<Voice>("GET", voicePath(voice_id), {}, options),
    clone: async (body, options) => {
      // In its own chunk too: checked (file sniffed, fields typed) before any byte is sent.
      const { cloneBody } = await import("./clone.js");
      return call<ClonedVoice>("POST", "/voices", { body: await cloneBody(body) }, options);
    },
    delete: async (voice_id, options) => call<DeletedVoice>("DELETE", voicePath(voice_id), {}, options),
  };
}
