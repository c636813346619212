/** The voices resource: list, listAll, get, clone and delete. */
import type { Redactor } from "./redact.js";
import type {
  ClonedVoice,
  CloneVoiceBody,
  DeletedVoice,
  ListAllVoicesParams,
  ListVoicesParams,
  Voice,
  VoiceList,
} from "./types.js";
import { checkListParams, checkVoiceId, cloneForm } from "./validate.js";

/** Options for a single call. */
export interface RequestOptions {
  /** Aborts the call, including any wait between retries. */
  signal?: AbortSignal;
  /** Time limit for each attempt, in milliseconds (default: the client's `timeoutMs`). */
  timeoutMs?: number;
  /** Retries for this call (default: the client's `maxRetries`). */
  maxRetries?: number;
  /** Extra headers for this call. */
  headers?: Record<string, string>;
  /** A fetch implementation for this call only (default: the client's). */
  fetch?: (input: Request, init?: RequestInit) => Promise<Response>;
}

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
  init: { query?: ListVoicesParams; body?: FormData },
  options: RequestOptions | undefined,
) => Promise<T>;

const voicePath = (voiceId: unknown) => `/voices/${encodeURIComponent(checkVoiceId(voiceId))}`;

/** Builds the voices resource on the client's `call`. */
export function createVoicesResource(call: Call, scrub: Redactor): VoicesResource {
  // async, so bad input rejects the returned promise instead of throwing synchronously.
  const list = async (params?: ListVoicesParams, options?: RequestOptions) =>
    call<VoiceList>("GET", "/voices", { query: checkListParams(params) }, options);

  // In its own chunk, like client.raw: a program that never pages through everything never downloads it.
  async function* listAll(params?: ListAllVoicesParams, options?: RequestOptions): AsyncIterableIterator<Voice> {
    const { listAllVoices } = await import("./list-all.js");
    yield* listAllVoices(list, scrub, params, options);
  }

  return {
    list,
    listAll,
    get: async (voice_id, options) => call<Voice>("GET", voicePath(voice_id), {}, options),
    clone: async (body, options) => call<ClonedVoice>("POST", "/voices", { body: await cloneForm(body) }, options),
    delete: async (voice_id, options) => call<DeletedVoice>("DELETE", voicePath(voice_id), {}, options),
  };
}
