// Time in the fault suites: a fake clock for clients that talk to a real loopback server.
//
// Only setTimeout, clearTimeout and Date are faked. Sockets, setImmediate and the event loop stay
// real, so every request really travels; but every wait, the client's (its backoff, a Retry-After,
// each attempt's deadline) and the fault server's (`later`, `delayed`, `slowBody`), moves only when
// the test moves the clock. A test moves it only at a moment it can name by an event: the client
// reported a retry (the `retryInMs` of its attempt log's `LogRecord`, written just before it starts
// that wait), the server holds a request it will not answer, or a trickling body's headers reached
// the client. No test sleeps, and none reads a wall clock. How long a backoff is belongs to the retry
// policy's own test (packages/client/src/retry.test.ts): here the clock moves by whatever delay the
// client reported, and a test checks only that the next request arrived after exactly that wait.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { Logger, LogRecord, VoicesClientOptions } from "@noiz-voices/client";
import type { FaultServer, Step } from "@noiz-voices/fault-server";
import { afterEach, vi } from "vitest";

/** The fake time every test starts at: a whole second, so an HTTP date is an exact wait. */
export const CLOCK_START = Date.UTC(2025, 0, 1, 12, 0, 0);

/** Fakes the clock at `CLOCK_START`; `vi.useRealTimers()` (in `afterEach`) undoes it. */
export function useFakeClock(): void {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(CLOCK_START);
}

/** Fake milliseconds since `useFakeClock`. */
export const elapsed = (): number => Date.now() - CLOCK_START;

/** What a call ended with. */
export interface Outcome<T> {
  value?: T;
  error?: unknown;
}

/** Something the clock waits on: the client scheduled a retry, or a request stalled. */
export type ClockEvent = { retry: number } | { stall: string };

/** The fake time (ms since `CLOCK_START`) at which each request reached the server. */
export const arrivals = (server: FaultServer): number[] => server.requests.map((r) => r.receivedAt - CLOCK_START);

/** Marks a response whose headers count as a stall; see `Clock.stallOnHeaders`. */
const STALL_HEADER = "x-fault-stall";

/** The events of one test, and the means to wait on them. Call `close()` when the test ends. */
export interface Clock {
  /** Spread into `createVoicesClient`'s options: the attempt log whose records the retries are read from. */
  readonly log: { logger: Logger; logLevel: "warn" };
  /** The delay of each retry the client scheduled so far, in order: each record's `retryInMs`. */
  readonly retries: number[];
  /** `step`, which counts as a stall once the server starts it (a request held without an answer). */
  stallOnArrival(step: Step): Step;
  /** `step`, which counts as a stall once the server has run it (say, after reading a whole upload). */
  stallAfter(step: Step): Step;
  /** `step`, which counts as a stall once its response headers reach the client (a body that trickles). */
  stallOnHeaders(step: Step): Step;
  /** The next event, in the order they came; none is lost while the test was busy elsewhere. */
  next(): Promise<ClockEvent>;
  /**
   * Settles `call`: at each retry the clock moves by exactly its delay, at each stall by `stallMs`
   * (the attempt's timeout), and never otherwise.
   */
  settle<T>(call: Promise<T>, options?: { stallMs?: number }): Promise<Outcome<T>>;
  /** Stops listening for response headers. */
  close(): void;
}

/** Starts recording the events of one test. */
export function createClock(): Clock {
  const queue: ClockEvent[] = [];
  const waiters: ((event: ClockEvent) => void)[] = [];
  const push = (event: ClockEvent) => {
    const waiter = waiters.shift();
    if (waiter) waiter(event);
    else queue.push(event);
  };
  // The next event; `undefined` if `until` settles first (and then no event is taken).
  const take = (until?: Promise<unknown>) =>
    new Promise<ClockEvent | undefined>((resolve) => {
      const queued = queue.shift();
      if (queued) return resolve(queued);
      waiters.push(resolve);
      until?.then(() => {
        const at = waiters.indexOf(resolve);
        if (at !== -1) waiters.splice(at, 1);
        resolve(undefined);
      });
    });

  const retries: number[] = [];
  // Every info, warn and error line comes with its LogRecord; a retry is a record with `retryInMs`.
  const read = (_line: string, record?: unknown) => {
    const delay = (record as LogRecord | undefined)?.retryInMs;
    if (delay === undefined) return;
    retries.push(delay);
    push({ retry: delay });
  };
  const logger: Logger = { debug: () => {}, info: read, warn: read, error: read };

  // undici (Node's fetch and the Node client alike) reports each response's headers on this channel.
  const onHeaders = (message: unknown) => {
    const { response } = message as { response: { headers: (Buffer | string)[] } };
    for (let i = 0; i < response.headers.length; i += 2) {
      if (String(response.headers[i]).toLowerCase() === STALL_HEADER) push({ stall: "headers" });
    }
  };
  let listening = false;

  return {
    log: { logger, logLevel: "warn" },
    retries,
    stallOnArrival: (step) => (ctx) => {
      push({ stall: "arrival" });
      return step(ctx);
    },
    stallAfter: (step) => async (ctx) => {
      await step(ctx);
      push({ stall: "after" });
    },
    stallOnHeaders(step) {
      if (!listening) subscribe("undici:request:headers", onHeaders);
      listening = true;
      return (ctx) => {
        ctx.res.setHeader(STALL_HEADER, "1");
        return step(ctx);
      };
    },
    next: () => take() as Promise<ClockEvent>,
    async settle<T>(call: Promise<T>, { stallMs }: { stallMs?: number } = {}) {
      const result: Promise<Outcome<T>> = call.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      for (;;) {
        const event = await take(result);
        if (!event) break;
        if ("retry" in event) await vi.advanceTimersByTimeAsync(event.retry);
        else if (stallMs === undefined) throw new Error(`a request stalled (${event.stall}), but no stallMs was given`);
        else await vi.advanceTimersByTimeAsync(stallMs);
      }
      return result;
    },
    close() {
      if (listening) unsubscribe("undici:request:headers", onHeaders);
      listening = false;
    },
  };
}

const clocks: Clock[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const clock of clocks.splice(0)) clock.close();
});

/**
 * Fakes the clock and builds a client on it (`create` is either client's `createVoicesClient`), with
 * the `Clock` that follows it. The clock is real again after the test.
 */
export function onFakeClock<C>(
  create: (options: VoicesClientOptions) => C,
  options: VoicesClientOptions,
): { client: C; clock: Clock } {
  useFakeClock();
  const clock = createClock();
  clocks.push(clock);
  return { client: create({ ...options, ...clock.log }), clock };
}
