/** `voices.listAll`, in its own chunk: loaded on first use. */
import { InvalidResponseError } from "./errors.js";
import type { Redactor } from "./redact.js";
import type { ListAllVoicesParams, ListVoicesParams, Voice, VoiceList } from "./types.js";
import { checkListAllParams, checkSettings } from "./validate.js";
import type { RequestOptions } from "./voices.js";

/**
 * Every voice of every page, in order and once each. The first page gives `total_count`;
 * later pages are fetched ahead, at most `concurrency` in flight, and none past the last.
 */
export async function* listAllVoices(
  list: (params: ListVoicesParams, options: RequestOptions) => Promise<VoiceList>,
  scrub: Redactor,
  params?: ListAllVoicesParams,
  options?: RequestOptions,
): AsyncGenerator<Voice> {
  const { concurrency = 4, ...query } = checkListAllParams(params);
  checkSettings(options, true);
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
    list({ ...query, skip: page, limit }, pageOptions).then((data) => checkPage(data, scrub));
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

function checkPage(page: VoiceList, scrub: Redactor): VoiceList {
  if (
    !Number.isSafeInteger(page?.total_count) ||
    page.total_count < 0 ||
    !Array.isArray(page.voices) ||
    !page.voices.every((voice) => typeof voice?.voice_id === "string")
  ) {
    throw new InvalidResponseError("GET /voices returned a page that is not { total_count, voices: [{ voice_id }] }.", {
      status: 200,
      // The body goes into logs: a service that echoes the key must not leak it there.
      body: scrub(page),
    });
  }
  return page;
}
