/** createVoicesClient: options, the API key, requests, the transport and `raw`. */
import type { Client } from "openapi-fetch";
import type { Adapter } from "./adapter.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./body.js";
import { ValidationError } from "./errors.js";
import { createFetchAdapter, type FetchLike } from "./fetch-adapter.js";
import type { paths } from "./generated/voices.gen.js";
import type { Logger, LogLevel, Middleware } from "./observe.js";
import { createRedactor } from "./redact.js";
import { createTransport, type Transport } from "./transport.js";
import { checkApiKey, checkBaseUrl, checkLogLevel, checkMiddleware, checkSettings } from "./validate.js";
import { type Call, createVoicesResource, type VoicesResource } from "./voices.js";

/** The service's production URL. */
export const DEFAULT_BASE_URL = "https://noiz.ai/v1";
/** Default time limit for each attempt, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Default number of retries after the first attempt. */
export const DEFAULT_MAX_RETRIES = 2;

/** Options of `createVoicesClient`. */
export interface VoicesClientOptions {
  /** The API key; defaults to the `NOIZ_API_KEY` environment variable where `process` exists. */
  apiKey?: string;
  /** The API's base URL (default `https://noiz.ai/v1`). */
  baseUrl?: string;
  /** A fetch implementation (default: the global `fetch`); it receives a `Request`. */
  fetch?: FetchLike;
  /** Time limit for each attempt, in milliseconds (default 60000). */
  timeoutMs?: number;
  /** Retries after the first attempt for retryable failures (default 2). */
  maxRetries?: number;
  /** Headers sent with every request (never on a redirect to another origin, like the key). */
  headers?: Record<string, string>;
  /** The most bytes read of a response body (default 8 MiB); past it the call fails with `InvalidResponseError`. */
  maxResponseBytes?: number;
  /** Advanced: what sends each attempt (default: fetch). `@noiz-voices/node` passes one built on undici. */
  adapter?: Adapter;
  /** Where log lines go when `logLevel` is not `"off"`: a console-shaped logger (default `console`). */
  logger?: Logger;
  /** How much to log (default: the `NOIZ_LOG` environment variable where `process` exists, else `"off"`). */
  logLevel?: LogLevel;
}

/** A client of the Voices API. */
export interface VoicesClient {
  /** List, iterate, get, clone and delete voices. */
  readonly voices: VoicesResource;
  /**
   * The typed openapi-fetch client, with the same auth, timeouts, retries and errors, for
   * anything the methods do not cover; its `data` is the whole envelope. Loaded on first use.
   */
  readonly raw: Client<paths>;
  /** Adds middleware (openapi-fetch-shaped) run on every attempt of every call, `voices.*` and `raw` alike. */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added with `use`. */
  eject(...middleware: Middleware[]): void;
}

function readEnv(name: string): string | undefined {
  // Guarded: browsers and edge runtimes have no `process`, and Deno without --allow-env throws on
  // a read; an option passed in code must work there all the same.
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  } catch {
    return undefined;
  }
}

/** Creates a client. Throws a `ValidationError` when no API key is given or found. */
export function createVoicesClient(clientOptions: VoicesClientOptions = {}): VoicesClient {
  checkSettings(clientOptions);
  const options = clientOptions ?? {};
  const logLevel = checkLogLevel(options.logLevel ?? readEnv("NOIZ_LOG") ?? "off");
  const apiKey = checkApiKey(options.apiKey ?? readEnv("NOIZ_API_KEY"));
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  if (!options.adapter && typeof (options.fetch ?? globalThis.fetch) !== "function") {
    throw new ValidationError("fetch", "No fetch in this runtime: pass `fetch` to createVoicesClient().");
  }
  const redact = createRedactor(apiKey);
  const middleware: Middleware[] = [];
  const transport = createTransport({
    redact,
    adapter: options.adapter ?? createFetchAdapter(options.fetch),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    middleware,
    // Should the chunk fail to load, calls go on without a log.
    log:
      logLevel === "off"
        ? undefined
        : import("./observe.js").then(
            ({ createLog }) => createLog(options.logger ?? console, logLevel, redact),
            () => undefined,
          ),
  });
  // Set one by one: header names are case-insensitive, so a caller's `authorization` or `x-a` must
  // replace ours or the client's, not be sent beside them ("evil, key"); and a record handed to
  // fetch as is would lose a header named `__proto__`.
  const withHeaders = (target: Headers, extra: Record<string, string> = {}) => {
    for (const [name, value] of Object.entries(extra)) target.set(name, value);
    target.set("Authorization", apiKey);
    return target;
  };
  const headers = withHeaders(new Headers({ Accept: "application/json" }), options.headers);

  // Not async: a bad option throws here, and `resultOf` turns that into a rejection.
  const call: Call = (method, path, { query, body }, callOptions) => {
    checkSettings(callOptions, true);
    // Values were checked (strings and integers) and undefined ones dropped by the validators;
    // names are the spec's, which need no escaping.
    let url = baseUrl + path;
    let separator = "?";
    for (const name in query) {
      url += `${separator}${name}=${encodeURIComponent((query as Record<string, string>)[name]!)}`;
      separator = "&";
    }
    return transport(
      {
        method,
        url,
        headers: callOptions?.headers ? withHeaders(new Headers(headers), callOptions.headers) : headers,
        body: body ?? null,
      },
      callOptions,
    );
  };

  return {
    voices: createVoicesResource(call, redact),
    raw: lazyRaw(baseUrl, headers, transport),
    use(...added) {
      checkMiddleware(added);
      middleware.push(...added);
    },
    eject(...removed) {
      middleware.splice(0, middleware.length, ...middleware.filter((item) => !removed.includes(item)));
    },
  };
}

/**
 * `client.raw`, loaded on first use: the voices methods do not need openapi-fetch, so a browser
 * program that never touches `raw` never downloads it. Every method, `use` and `eject` included,
 * runs once the chunk has loaded, in the order they were called: middleware registered before the
 * first request still applies to it.
 */
function lazyRaw(baseUrl: string, headers: Headers, transport: Transport): Client<paths> {
  let loading: Promise<Record<string, (...args: unknown[]) => unknown>> | undefined;
  const load = () => {
    loading ??= import("./raw.js").then(
      ({ createOpenApiClient }) => createOpenApiClient(baseUrl, headers, transport) as never,
    );
    return loading;
  };
  const raw: Record<string, unknown> = {};
  for (const method of "GET PUT POST DELETE OPTIONS HEAD PATCH TRACE request use eject".split(" ")) {
    raw[method] = (...args: unknown[]) => load().then((client) => client[method]!(...args));
  }
  return raw as unknown as Client<paths>;
}
