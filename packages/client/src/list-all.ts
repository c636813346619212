/** `voices.listAll`: every voice of every page, fetched ahead with bounded concurrency. */
import { InvalidResponseError, withOperation } from "./errors.js";
import { abortedError, type Exchange, type RequestOptions } from "./pipeline.js";
import { onAbort } from "./signals.js";
import type { ListAllVoicesParams, ListVoicesParams, Voice, VoiceList } from "./types.js";
import { checkListAllParams, checkRequestOptions, DEFAULT_PAGE_LIMIT } from "./validate.js";

/** One page as `listAll` gets it: the checked page and the exchange it came in. */
export type PageRequest = (params: ListVoicesParams, options: RequestOptions) => Promise<Exchange<VoiceList>>;

/**
 * Every voice of every page, in order and once each, each with the exchange of its page (so
 * `.withResponse()` can map it to that page's response). The first page gives `total_count`; later
 * pages are fetched ahead, at most `concurrency` in flight, and none past the last. A service that
 * stops making progress (a page of voices already seen, a short or empty page before the last) ends
 * the iteration with an `InvalidResponseError`: it never loops forever or drops voices silently.
 */
export async function* listAllVoices(
  fetchPageOf: PageRequest,
  params: ListAllVoicesParams | undefined,
  options: RequestOptions | undefined,
): AsyncGenerator<[Voice, Exchange<VoiceList>]> {
  let checked: ListAllVoicesParams;
  try {
    checked = checkListAllParams(params);
    checkRequestOptions(options);
  } catch (error) {
    throw withOperation(error, "listVoices");
  }
  const { concurrency = 4, ...query } = checked;
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  const firstPage = query.skip ?? 0;
  const callerSignal = options?.signal;
  // Cancels prefetched pages when the caller stops early or a page fails. It listens to the
  // caller's signal only while a page is in flight: an iterator abandoned without return() keeps
  // no listener on that signal once its pages have settled.
  const controller = new AbortController();
  let inFlight = 0;
  let leave: (() => void) | undefined;
  const pageOptions = { ...options, signal: controller.signal };
  const fetchPage = (page: number) => {
    if (callerSignal?.aborted) controller.abort(callerSignal.reason);
    else if (callerSignal && !inFlight) leave = onAbort(callerSignal, () => controller.abort(callerSignal.reason));
    inFlight++;
    const pending = fetchPageOf({ ...query, skip: page, limit }, pageOptions).finally(() => {
      if (!--inFlight) leave?.();
    });
    // Awaited in order below; this only keeps an early failure from being "unhandled".
    pending.catch(() => {});
    return pending;
  };
  const stalled = (page: number, why: string) =>
    new InvalidResponseError(
      `GET /voices stopped making progress at page ${page} (skip=${page}, limit=${limit}): ${why} Listing stopped rather than loop or miss voices; try again.`,
      { status: 200, operation: "listVoices" },
    );
  try {
    const firstAnswer = await fetchPage(firstPage);
    const first = firstAnswer.value;
    const pageCount = Math.ceil(first.total_count / limit);
    const queue: Promise<Exchange<VoiceList>>[] = [];
    let nextPage = firstPage + 1;
    const seen = new Set<string>();
    for (let at = firstPage, answer: Exchange<VoiceList> | undefined = firstAnswer; answer; at++) {
      const page = answer.value;
      if (at < pageCount - 1 && page.voices.length < limit) {
        throw stalled(
          at,
          `it has ${page.voices.length} voices, fewer than limit, yet total_count (${first.total_count}) says more pages follow.`,
        );
      }
      const fresh: Voice[] = [];
      for (const voice of page.voices) {
        if (seen.has(voice.voice_id)) continue;
        seen.add(voice.voice_id);
        fresh.push(voice);
      }
      if (page.voices.length && !fresh.length) throw stalled(at, "it holds only voices already seen.");
      // Every voice total_count promised has come (a page may hold more than limit): no more pages.
      const done = seen.size >= first.total_count;
      // At most `concurrency` pages in flight: those queued, plus none for the page in hand.
      while (!done && queue.length < concurrency && nextPage < pageCount) queue.push(fetchPage(nextPage++));
      for (const voice of fresh) {
        // An abort ends the iteration at once, not after the rest of a page already in hand.
        if (callerSignal?.aborted) throw abortedError("GET /voices", "listVoices", callerSignal);
        yield [voice, answer];
      }
      // `finally` cancels whatever is still in flight.
      if (done) return;
      answer = await queue.shift();
    }
  } finally {
    controller.abort();
  }
}
