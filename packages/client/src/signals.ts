/**
 * Aborts and deadlines, in one place: the transport's attempts, its waits between retries, listAll's
 * pages and `@noiz-voices/node`'s sample download all use these.
 */

/** Per signal: its subscribers, and the one listener that calls them. */
const subscriptions = new WeakMap<AbortSignal, [Set<() => void>, () => void]>();

/**
 * Runs `fn` when `signal` aborts; returns the function that unsubscribes. However many calls share
 * one signal, it carries one listener (no `MaxListenersExceededWarning`), and none once every
 * subscriber has left: a signal kept for the life of an app holds nothing of finished calls.
 */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  let entry = subscriptions.get(signal);
  if (!entry) {
    const fns = new Set<() => void>();
    const fire = () => {
      subscriptions.delete(signal);
      for (const each of fns) each();
    };
    entry = [fns, fire];
    subscriptions.set(signal, entry);
    signal.addEventListener("abort", fire, { once: true });
  }
  const [fns, fire] = entry;
  fns.add(fn);
  return () => {
    if (fns.delete(fn) && !fns.size) {
      subscriptions.delete(signal);
      signal.removeEventListener("abort", fire);
    }
  };
}

/** The longest delay a timer takes (2^31 - 1 ms, about 24.8 days): a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** What timed out: the reason a deadline's signal carries when its time ran out. */
export const TIMED_OUT: unique symbol = Symbol("timed out");

/** A time limit linked to a caller's signal; see `createDeadline`. */
export interface Deadline {
  /** Aborts when the time runs out (reason `TIMED_OUT`) or the caller's signal aborts (its reason). */
  readonly signal: AbortSignal;
  /**
   * Settles with `work`, or rejects with the abort reason as soon as the signal aborts, even when
   * the work ignores its signal (a passed-in fetch may).
   */
  run<T>(work: Promise<T>): Promise<T>;
  /** Stops the timer and leaves the caller's signal. Call it once the work is done. */
  clear(): void;
}

/**
 * The one timeout and abort path: a fresh signal that aborts after `timeoutMs` or when `signal`
 * aborts. One timer and at most one subscription; no promise races when nothing aborts.
 */
export function createDeadline(timeoutMs: number, signal?: AbortSignal): Deadline {
  const controller = new AbortController();
  let reject: ((reason: unknown) => void) | undefined;
  const stop = (reason: unknown) => {
    controller.abort(reason);
    reject?.(reason);
  };
  const timer = setTimeout(stop, timeoutMs, TIMED_OUT);
  const leave = signal && onAbort(signal, () => stop(signal.reason));
  // An aborted signal fires no more: follow it now.
  if (signal?.aborted) stop(signal.reason);
  return {
    signal: controller.signal,
    run: (work) =>
      new Promise((resolve, fail) => {
        reject = fail;
        if (controller.signal.aborted) fail(controller.signal.reason);
        work.then(resolve, fail);
      }),
    clear() {
      clearTimeout(timer);
      leave?.();
    },
  };
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts: a deadline that waits for nothing. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  const deadline = createDeadline(ms, signal);
  return deadline.run(new Promise<void>(() => {})).catch((reason: unknown) => {
    deadline.clear();
    if (reason !== TIMED_OUT) throw reason;
  });
}
