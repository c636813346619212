/** The voices resource: list, listAll, get, clone and delete. */
import type { Client } from "openapi-fetch";
import { InvalidResponseError } from "./errors.js";
import type { paths } from "./generated/voices.gen.js";
import type { CallOptions, Transport } from "./transport.js";
import type {
  ClonedVoice,
  CloneVoiceBody,
  DeletedVoice,
  ListAllVoicesParams,
  ListVoicesParams,
  Voice,
  VoiceList,
  WireCloneVoiceRequest,
} from "./types.js";
import {
  type CheckedCloneBody,
  checkCloneBody,
  checkListAllParams,
  checkListParams,
  checkSettings,
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

type Result<T> = { data?: { data: T } | undefined };

function dataOf<T>(result: Result<T>): T {
  // The transport throws for every failure, so a missing body here is a broken invariant.
  if (!result.data) throw new InvalidResponseError("The response carried no body.");
  return result.data.data;
}

function callOptions(options: RequestOptions | undefined, replayBody?: BodyInit): CallOptions {
  if (options === undefined) return replayBody === undefined ? {} : { replayBody };
  checkSettings(options);
  return {
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    replayBody,
    fetch: options.fetch,
  };
}

function toFormData(body: CheckedCloneBody): FormData {
  const form = new FormData();
  if (body.file) form.append("file", body.file.blob, body.file.filename);
  if (body.voice_url !== undefined) form.append("voice_url", body.voice_url);
  if (body.display_name !== undefined) form.append("display_name", body.display_name);
  if (body.denoise !== undefined) form.append("denoise", String(body.denoise));
  if (body.language !== undefined) form.append("language", body.language);
  return form;
}

/** Builds the voices resource on a typed openapi-fetch client and the client's transport. */
export function createVoicesResource(raw: Client<paths>, transport: Transport): VoicesResource {
  const via = (call: CallOptions) => (request: Request) => transport(request, call);

  async function list(params?: ListVoicesParams, options?: RequestOptions): Promise<VoiceList> {
    const query = checkListParams(params);
    const call = callOptions(options);
    return dataOf(await raw.GET("/voices", { params: { query }, headers: options?.headers, fetch: via(call) }));
  }

  async function* listAll(params?: ListAllVoicesParams, options?: RequestOptions): AsyncIterableIterator<Voice> {
    const { query, concurrency } = checkListAllParams(params);
    callOptions(options);
    const limit = query.limit ?? 10;
    const firstPage = query.skip ?? 0;
    // Cancels prefetched pages when the caller stops early or a page fails.
    const controller = new AbortController();
    const onAbort = () => controller.abort(options?.signal?.reason);
    options?.signal?.addEventListener("abort", onAbort, { once: true });
    const pageOptions: RequestOptions = { ...options, signal: controller.signal };
    const fetchPage = (page: number) => list({ ...query, skip: page, limit }, pageOptions).then(checkPage);
    try {
      const first = await fetchPage(firstPage);
      const pageCount = Math.ceil(first.total_count / limit);
      const queue: Promise<VoiceList>[] = [];
      let nextPage = firstPage + 1;
      const topUp = () => {
        while (queue.length < concurrency && nextPage < pageCount) {
          const pending = fetchPage(nextPage++);
          // Awaited in order later; this only keeps an early failure from being "unhandled".
          pending.catch(() => {});
          queue.push(pending);
        }
      };
      const seen = new Set<string>();
      let page: VoiceList | undefined = first;
      while (page) {
        topUp();
        for (const voice of page.voices) {
          if (seen.has(voice.voice_id)) continue;
          seen.add(voice.voice_id);
          yield voice;
        }
        const next = queue.shift();
        page = next ? await next : undefined;
        if (page && page.voices.length === 0) break;
      }
    } finally {
      options?.signal?.removeEventListener("abort", onAbort);
      controller.abort();
    }
  }

  async function get(voice_id: string, options?: RequestOptions): Promise<Voice> {
    const id = checkVoiceId(voice_id);
    const call = callOptions(options);
    return dataOf(
      await raw.GET("/voices/{voice_id}", {
        params: { path: { voice_id: id } },
        headers: options?.headers,
        fetch: via(call),
      }),
    );
  }

  async function clone(body: CloneVoiceBody, options?: RequestOptions): Promise<ClonedVoice> {
    const checked = await checkCloneBody(body);
    const form = toFormData(checked);
    const call = callOptions(options, form);
    return dataOf(
      await raw.POST("/voices", {
        // The wire type says `file: string` (openapi-typescript's binary); the FormData carries the Blob.
        body: body as unknown as WireCloneVoiceRequest,
        bodySerializer: () => form,
        headers: options?.headers,
        fetch: via(call),
      }),
    );
  }

  async function remove(voice_id: string, options?: RequestOptions): Promise<DeletedVoice> {
    const id = checkVoiceId(voice_id);
    const call = callOptions(options);
    return dataOf(
      await raw.DELETE("/voices/{voice_id}", {
        params: { path: { voice_id: id } },
        headers: options?.headers,
        fetch: via(call),
      }),
    );
  }

  return { list, listAll, get, clone, delete: remove };
}

function checkPage(page: VoiceList): VoiceList {
  if (
    typeof page !== "object" ||
    page === null ||
    !Number.isSafeInteger(page.total_count) ||
    page.total_count < 0 ||
    !Array.isArray(page.voices) ||
    !page.voices.every((voice) => typeof voice?.voice_id === "string")
  ) {
    throw new InvalidResponseError(
      "GET /voices returned a page without an integer total_count and a voices array of objects with voice_id.",
      { body: page },
    );
  }
  return page;
}
