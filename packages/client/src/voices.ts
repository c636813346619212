/** The voices resource: list, listAll, get, clone and delete. */
import { InvalidResponseError } from "./errors.js";
import type {
  ClonedVoice,
  CloneVoiceBody,
  DeletedVoice,
  ListAllVoicesParams,
  ListVoicesParams,
  Voice,
  VoiceList,
} from "./types.js";
import {
  type CheckedCloneBody,
  checkCloneBody,
  checkListAllParams,
  checkListParams,
  checkVoiceId,
} from "./validate.js";

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

function toFormData(body: CheckedCloneBody): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (name === "file") form.append(name, value.blob, value.filename);
    else form.append(name, String(value));
  }
  return form;
}

const voicePath = (voiceId: unknown) => `/voices/${encodeURIComponent(checkVoiceId(voiceId))}`;

/** Builds the voices resource on the client's `call`. */
export function createVoicesResource(call: Call, redact: (text: string) => string): VoicesResource {
  // async, so bad input rejects the returned promise instead of throwing synchronously.
  const list = async (params?: ListVoicesParams, options?: RequestOptions) =>
    call<VoiceList>("GET", "/voices", { query: checkListParams(params) }, options);

  async function* listAll(params?: ListAllVoicesParams, options?: RequestOptions): AsyncIterableIterator<Voice> {
    const { concurrency = 4, ...query } = checkListAllParams(params);
    const limit = query.limit ?? 10;
    const firstPage = query.skip ?? 0;
    // Cancels prefetched pages when the caller stops early or a page fails.
    const controller = new AbortController();
    const onAbort = () => controller.abort(options?.signal?.reason);
    // An already-aborted signal never fires "abort": forward it now.
    if (options?.signal?.aborted) onAbort();
    else options?.signal?.addEventListener("abort", onAbort, { once: true });
    const pageOptions = { ...options, signal: controller.signal };
    const fetchPage = (page: number) =>
      list({ ...query, skip: page, limit }, pageOptions).then((data) => checkPage(data, redact));
    try {
      const first = await fetchPage(firstPage);
      const pageCount = Math.ceil(first.total_count / limit);
      const queue: Promise<VoiceList>[] = [];
      let nextPage = firstPage + 1;
      const seen = new Set<string>();
      let page: VoiceList | undefined = first;
      while (page) {
        // At most `concurrency` pages in flight: those queued, plus none for the page in hand.
        while (queue.length < concurrency && nextPage < pageCount) {
          const pending = fetchPage(nextPage++);
          // Awaited in order below; this only keeps an early failure from being "unhandled".
          pending.catch(() => {});
          queue.push(pending);
        }
        for (const voice of page.voices) {
          if (seen.has(voice.voice_id)) continue;
          seen.add(voice.voice_id);
          yield voice;
        }
        const next = queue.shift();
        page = next && (await next);
        if (page?.voices.length === 0) break;
      }
    } finally {
      options?.signal?.removeEventListener("abort", onAbort);
      controller.abort();
    }
  }

  return {
    list,
    listAll,
    get: async (voice_id, options) => call<Voice>("GET", voicePath(voice_id), {}, options),
    clone: async (body, options) =>
      call<ClonedVoice>("POST", "/voices", { body: toFormData(await checkCloneBody(body)) }, options),
    delete: async (voice_id, options) => call<DeletedVoice>("DELETE", voicePath(voice_id), {}, options),
  };
}

function checkPage(page: VoiceList, redact: (text: string) => string): VoiceList {
  if (
    !Number.isSafeInteger(page?.total_count) ||
    page.total_count < 0 ||
    !Array.isArray(page.voices) ||
    !page.voices.every((voice) => typeof voice?.voice_id === "string")
  ) {
    throw new InvalidResponseError("GET /voices returned a page that is not { total_count, voices: [{ voice_id }] }.", {
      status: 200,
      // The body goes into logs: a service that echoes the key must not leak it there.
      body: JSON.parse(redact(JSON.stringify(page) ?? "null")),
    });
  }
  return page;
}
