import type { IncomingMessage, ServerResponse } from "node:http";

/** What the server saw of one request. */
export interface RecordedRequest {
  /** Arrival order since the last `script()`, from 0. */
  readonly index: number;
  readonly method: string;
  /** Path and query, such as `/voices?skip=0`. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Request body bytes received so far. */
  bodyBytes: number;
  /** True once the whole request body arrived. */
  bodyComplete: boolean;
  /** `Date.now()` when the request's headers arrived. */
  readonly receivedAt: number;
}

/** What a step gets to answer one request. */
export interface StepContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly record: RecordedRequest;
  readonly index: number;
  /** Reads the whole request body (counted in `record.bodyBytes`). */
  readBody(): Promise<Buffer>;
  /** A timer the server clears when it closes. */
  later(ms: number, fn: () => void): NodeJS.Timeout;
}

/** How the server answers one request. */
export type Step = (ctx: StepContext) => void | Promise<void>;

/** Options of `startFaultServer`. */
export interface FaultServerOptions {
  /** The server closes itself after this long, in milliseconds (default 60000). */
  hardTimeoutMs?: number;
  /** The step for requests past the end of the script (default: a plain-text 500). */
  fallback?: Step;
}

/** A running fault server. */
export interface FaultServer {
  /** Base URL to pass as `baseUrl`, such as `http://127.0.0.1:43121`. */
  readonly url: string;
  readonly port: number;
  /** Every request since the last `script()`, in arrival order. */
  readonly requests: RecordedRequest[];
  /** How many requests arrived since the last `script()`. */
  readonly count: number;
  /** Sets the steps for the next requests (one per request), and clears the record. */
  script(steps: Step[], fallback?: Step): void;
  /** Closes the server and every connection; resolves once closed. */
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 and a free port. */
export function startFaultServer(options?: FaultServerOptions): Promise<FaultServer>;

/** Answers `status` with `body` (an object is sent as JSON) and `headers`, after reading the request body. */
export function reply(status: number, body?: unknown, headers?: Record<string, string | number>): Step;
/** Answers 200 with the success envelope `{ code: 0, message: "success", data }`. */
export function success(data: unknown, headers?: Record<string, string | number>): Step;
/** Answers `status` with the error envelope `{ code, message, data: null }`. */
export function failure(status: number, code: number, message: string, headers?: Record<string, string | number>): Step;
/** Destroys the connection as soon as the request's headers arrive: no response at all. */
export function resetOnHeaders(): Step;
/** Reads the whole request body, then destroys the connection without answering. */
export function resetAfterBody(): Step;
/** Sends the headers and the first half of `body` (with the full length declared), then cuts the connection. */
export function cutMidBody(status: number, body: unknown, delayMs?: number): Step;
/** Never answers; the connection stays open until the client gives up or the server closes. */
export function hang(): Step;
/** Reads the whole request body, then never answers. */
export function hangAfterBody(): Step;
/** Sends the headers at once, then one byte every `intervalMs` of a body that declares `totalBytes`. */
export function slowBody(options?: { intervalMs?: number; totalBytes?: number; status?: number }): Step;
/** Waits `ms`, then runs `step`: server latency. */
export function delayed(ms: number, step: Step): Step;
/** `count` copies of `step`. */
export function times(count: number, step: Step): Step[];
