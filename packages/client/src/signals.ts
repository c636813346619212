/**
 * Aborts and deadlines, in one place: the transport's attempts, its waits between retries, listAll's
 * pages and `@noiz-voices/node`'s sample download all use these.
 */

interface Subscription {
  fns: Set<() => void>;
  fire: () => void;
}
const subscriptions = new WeakMap<AbortSignal, Subscription>();

/**
 * Runs `fn` when `signal` aborts; returns the function that unsubscribes. However many calls share
 * one signal, it carries one listener (no `MaxListenersExceededWarning`), and none once every
 * subscriber has left: a signal kept for the life of an app holds nothing of finished calls.
 */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  let subscription = subscriptions.get(signal);
  if (!subscription) {
    const fns = new Set<() => void>();
    const fire = () => {
      subscriptions.delete(signal);
      for (const each of fns) each();
    };
    subscription = { fns, fire };
    subscriptions.set(signal, subscription);
    signal.addEventListener("abort", fire, { once: true });
  }
  const mine = subscription;
  mine.fns.add(fn);
  return () => {
    if (mine.fns.delete(fn) && !mine.fns.size && subscriptions.get(signal) === mine) {
      subscriptions.delete(signal);
      signal.removeEventListener("abort", mine.fire);
    }
  };
}

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

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const leave =
      signal &&
      onAbort(signal, () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    const timer = setTimeout(() => {
      leave?.();
      resolve();
    }, ms);
  });
}
