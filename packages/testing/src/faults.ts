/** Fault injection: what `failNext` queues, and checking a fault before it is queued. */
import { MAX_TIMER_MS } from "@noiz-voices/client/internal";
import { OPERATION_IDS, type OperationId } from "./contract.js";

/** Where a fault applies: one operation by its `operationId`, or `"*"` for any of them. */
export type FaultTarget = OperationId | "*";

interface Times {
  /** How many requests in a row get this fault (default 1). `Infinity` keeps it until `reset()`. */
  times?: number;
}

/** Each fault kind names its own fields and none of the others'. */
type Only<T, Others> = T & { [K in Exclude<keyof Others, keyof T>]?: never };
type AllFields = { status: unknown; code: unknown; message: unknown; retryAfter: unknown } & {
  envelopeCode: unknown;
  delayMs: unknown;
  network: unknown;
  hang: unknown;
};

/**
 * An HTTP error: `status` (400 to 599) with the error envelope. `code` defaults to `status * 100`.
 * A 429 without `retryAfter` sends `Retry-After: 0`, so a client's retry does not wait.
 */
export type StatusFault = Only<
  Times & {
    /** The HTTP status, 400 to 599. */
    status: number;
    /** The envelope's `code` (default `status * 100`, such as 50300). */
    code?: number;
    /** The envelope's `message` (default: the status's reason, such as "service unavailable"). */
    message?: string;
    /** `Retry-After`: seconds, or an HTTP date. */
    retryAfter?: number | string;
  },
  AllFields
>;

/** HTTP 200 whose envelope `code` is not 0: the service's way of failing inside a success. */
export type EnvelopeFault = Only<
  Times & {
    /** The envelope's non-zero `code`. */
    envelopeCode: number;
    /** The envelope's `message` (default "injected error"). */
    message?: string;
  },
  AllFields
>;

/** The answer is held back `delayMs` milliseconds (on the clock the test controls), then served as usual. */
export type DelayFault = Only<
  Times & {
    /** Milliseconds to wait before answering. */
    delayMs: number;
  },
  AllFields
>;

/** The connection is reset: no response at all (fetch rejects, a server drops the socket). */
export type NetworkFault = Only<
  Times & {
    /** The network failure to simulate. */
    network: "reset";
  },
  AllFields
>;

/** No answer, ever, until the caller gives up (its timeout or `AbortSignal`). */
export type HangFault = Only<
  Times & {
    /** Never answer. */
    hang: true;
  },
  AllFields
>;

/** What `failNext` injects. */
export type Fault = StatusFault | EnvelopeFault | DelayFault | NetworkFault | HangFault;

/** A queued fault and how many more requests it applies to. */
export interface QueuedFault {
  target: FaultTarget;
  fault: Fault;
  remaining: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isInteger = (value: unknown): value is number => Number.isSafeInteger(value);

/**
 * Checks what `failNext` was given, so that a typo fails the test where it was made instead of
 * injecting nothing. Throws a `TypeError` that says what is allowed.
 */
export function checkFault(target: unknown, fault: unknown): QueuedFault {
  const where = "failNext";
  if (target !== "*" && !(OPERATION_IDS as readonly unknown[]).includes(target)) {
    throw new TypeError(
      `${where}: operation must be "*" or one of ${OPERATION_IDS.join(", ")}; got ${String(target)}.`,
    );
  }
  if (!isRecord(fault)) throw new TypeError(`${where}: fault must be an object such as { status: 503 }.`);
  const times = fault.times ?? 1;
  if (!(times === Number.POSITIVE_INFINITY || (isInteger(times) && times >= 1))) {
    throw new TypeError(`${where}: times must be an integer >= 1 or Infinity; got ${String(times)}.`);
  }
  const kinds = ["status", "envelopeCode", "delayMs", "network", "hang"].filter((key) => fault[key] !== undefined);
  if (kinds.length !== 1) {
    throw new TypeError(
      `${where}: a fault is exactly one of { status }, { envelopeCode }, { delayMs }, { network: "reset" } or { hang: true }; got ${kinds.length === 0 ? "none" : kinds.join(" and ")}.`,
    );
  }
  const fail = (what: string): never => {
    throw new TypeError(`${where}: ${what}.`);
  };
  if (fault.message !== undefined && typeof fault.message !== "string") fail("message must be a string");
  switch (kinds[0]) {
    case "status":
      if (!isInteger(fault.status) || fault.status < 400 || fault.status > 599) {
        fail("status must be an integer from 400 to 599 (for an error inside HTTP 200, use { envelopeCode })");
      }
      if (fault.code !== undefined && (!isInteger(fault.code) || fault.code === 0)) {
        fail("code must be a non-zero integer");
      }
      if (
        fault.retryAfter !== undefined &&
        !(typeof fault.retryAfter === "string" || (typeof fault.retryAfter === "number" && fault.retryAfter >= 0))
      ) {
        fail("retryAfter must be seconds (a number >= 0) or an HTTP date (a string)");
      }
      break;
    case "envelopeCode":
      if (!isInteger(fault.envelopeCode) || fault.envelopeCode === 0) fail("envelopeCode must be a non-zero integer");
      break;
    case "delayMs":
      if (typeof fault.delayMs !== "number" || !(fault.delayMs >= 0) || fault.delayMs > MAX_TIMER_MS) {
        fail(
          `delayMs must be a number of milliseconds from 0 to ${MAX_TIMER_MS} (about 24.8 days); for no answer at all, use { hang: true }`,
        );
      }
      break;
    case "network":
      if (fault.network !== "reset") fail('network must be "reset"');
      break;
    case "hang":
      if (fault.hang !== true) fail("hang must be true");
      break;
  }
  return { target: target as FaultTarget, fault: fault as unknown as Fault, remaining: times as number };
}

/** The queue `failNext` fills: first in, first out, each fault for its `times` matching requests. */
export class FaultQueue {
  #queue: QueuedFault[] = [];

  add(entry: QueuedFault): void {
    this.#queue.push(entry);
  }

  clear(): void {
    this.#queue = [];
  }

  /** The fault for the next request to `operation`, if one is queued; counts it as used. */
  take(operation: OperationId): Fault | undefined {
    const entry = this.#queue.find((candidate) => candidate.target === "*" || candidate.target === operation);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#queue.splice(this.#queue.indexOf(entry), 1);
    return entry.fault;
  }
}

const REASONS: Record<number, string> = {
  400: "bad request",
  401: "invalid api key",
  403: "forbidden",
  404: "not found",
  408: "request timeout",
  409: "conflict",
  413: "payload too large",
  429: "monthly quota exceeded",
  500: "internal server error",
  502: "bad gateway",
  503: "service unavailable",
  504: "gateway timeout",
};

/** The envelope message of an injected status without its own `message`. */
export const reasonOf = (status: number): string =>
  REASONS[status] ?? (status >= 500 ? "server error" : "request failed");
