/** createVoicesClient: options, the API key, the browser guard, requests on the pipeline, and `raw`. */
import type { Client } from "openapi-fetch";
import type { Adapter } from "./adapter.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./body.js";
import { ValidationError, withOperation } from "./errors.js";
import { createFetchAdapter, type FetchLike } from "./fetch-adapter.js";
import type { paths } from "./generated/voices.gen.js";
import { createLog, LOG_LEVEL_ENV, type Logger, type LogLevel } from "./log.js";
import type { Middleware } from "./middleware.js";
import { OPERATIONS, operationOf } from "./operations.js";
import { createPipeline, type Pipeline, type Tracing } from "./pipeline.js";
import type { OperationFor } from "./raw.js";
import { createRedactor } from "./redact.js";
import {
  checkApiKey,
  checkBaseUrl,
  checkClientOptions,
  checkLogLevel,
  checkMiddleware,
  checkRequestOptions,
  checkVoiceId,
  readField,
} from "./validate.js";
import { type Call, createVoicesResource, type VoicesResource } from "./voices.js";

/** The service's production URL. */
export const DEFAULT_BASE_URL = "https://noiz.ai/v1";
/** Default time limit for each attempt, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Default number of retries after the first attempt. */
export const DEFAULT_MAX_RETRIES = 2;

/** Options of `createVoicesClient`. */
export interface VoicesClientOptions {
  /**
   * The API key; defaults to the `NOIZ_API_KEY` environment variable where `process` exists. Not
   * needed when `baseUrl` is your own backend, which adds the key itself.
   */
  apiKey?: string;
  /** The API's base URL (default `https://noiz.ai/v1`), or your own backend's. */
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
  /**
   * Lets a web page hold an `apiKey` (default false). Only for apps whose users bring their own key:
   * a key in a page is readable by every visitor, so keep the service's key on a backend.
   */
  dangerouslyAllowBrowser?: boolean;
  /** Traces every call and attempt: `otel()` from `@noiz-voices/client/otel` (default: no tracing). */
  tracing?: Tracing;
}

/** A client of the Voices API. */
export interface VoicesClient {
  /** List, iterate, get, clone and delete voices. */
  readonly voices: VoicesResource;
  /**
   * The typed openapi-fetch client, with the same auth, checks, timeouts, retries and errors, for
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

/** A web page: a `window` with a `document` (workers, edge runtimes and Deno have neither). */
const inWebPage = () =>
  typeof (globalThis as { window?: unknown }).window === "object" &&
  typeof (globalThis as { document?: unknown }).document === "object";

/** The React guide's section on keeping the key on a backend. */
const BACKEND_GUIDE = "https://github.com/noiz-ai/voices-sdk/blob/main/docs/react.md#keep-the-key-on-a-backend";

/** The key to send, or none for a backend of the caller's own; throws the `ValidationError` that explains a refusal. */
function resolveApiKey(given: unknown, options: VoicesClientOptions, baseUrl: string): string | undefined {
  if (typeof given !== "string" || !given.trim()) {
    if (given !== undefined && typeof given !== "string")
      throw new ValidationError("apiKey", "apiKey must be a string.");
    // The service always needs a key; a backend of your own adds it itself.
    if (new URL(baseUrl).origin === new URL(DEFAULT_BASE_URL).origin) {
      throw new ValidationError("apiKey", "No API key: pass `apiKey` to createVoicesClient() or set NOIZ_API_KEY.");
    }
    return undefined;
  }
  if (options.dangerouslyAllowBrowser !== true && inWebPage()) {
    throw new ValidationError(
      "dangerouslyAllowBrowser",
      `createVoicesClient() got an apiKey in a web page, where every visitor can read it. Keep the key on a backend and point baseUrl at it (no apiKey needed): ${BACKEND_GUIDE}. If each user brings their own key, pass dangerouslyAllowBrowser: true.`,
    );
  }
  return checkApiKey(given);
}

/** Creates a client. Throws a `ValidationError` when an option is wrong, or no API key is given for the service. */
export function createVoicesClient(clientOptions: VoicesClientOptions = {}): VoicesClient {
  checkClientOptions(clientOptions);
  const options = clientOptions ?? {};
  const logLevel = checkLogLevel(options.logLevel ?? readEnv(LOG_LEVEL_ENV) ?? "off");
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const given = options.apiKey ?? readEnv("NOIZ_API_KEY");
  const apiKey = resolveApiKey(given, options, baseUrl);
  if (!options.adapter && typeof (options.fetch ?? globalThis.fetch) !== "function") {
    throw new ValidationError("fetch", "No fetch in this runtime: pass `fetch` to createVoicesClient().");
  }
  // The key as given too: a server may echo it untrimmed.
  const redact = createRedactor(apiKey && (given as string));
  const middleware: Middleware[] = [];
  const pipeline = createPipeline({
    redact,
    adapter: options.adapter ?? createFetchAdapter(options.fetch),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    middleware,
    log: logLevel === "off" ? undefined : createLog(options.logger ?? console, logLevel, redact),
    tracing: options.tracing,
    addressSetting: "baseUrl",
  });
  // Set one by one: header names are case-insensitive, so a caller's `authorization` or `x-a` must
  // replace ours or the client's, not be sent beside them ("evil, key"); and a record handed to
  // fetch as is would lose a header named `__proto__`.
  const withHeaders = (target: Headers, extra: Record<string, string> = {}) => {
    for (const [name, value] of Object.entries(extra)) target.set(name, value);
    if (apiKey) target.set("Authorization", apiKey);
    return target;
  };
  const headers = withHeaders(new Headers({ Accept: "application/json" }), options.headers);

  // Not async: a bad option throws here, and the resource turns that into a rejection.
  const call: Call = (operation, { voice_id, query, body, decode }, callOptions) => {
    checkRequestOptions(callOptions);
    const { method, path } = OPERATIONS[operation];
    // Values were checked (strings and integers) and undefined ones dropped by the validators;
    // names are the spec's, which need no escaping.
    let url =
      baseUrl + (path.endsWith("}") ? path.replace("{voice_id}", encodeURIComponent(checkVoiceId(voice_id))) : path);
    let separator = "?";
    for (const name in query) {
      url += `${separator}${name}=${encodeURIComponent((query as Record<string, string>)[name]!)}`;
      separator = "&";
    }
    return pipeline(
      {
        operation,
        request: {
          method,
          url,
          headers: callOptions?.headers ? withHeaders(new Headers(headers), callOptions.headers) : headers,
          body: body ?? null,
        },
        decode,
      },
      callOptions,
    );
  };

  return {
    voices: createVoicesResource(call),
    raw: lazyRaw(baseUrl, headers, pipeline),
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
 * `client.raw`, loaded on first use: the voices methods do not need openapi-fetch (about 2 kB gzip),
 * so a browser program that never touches `raw` never downloads it. This is the one `import()` of
 * the client, and it is not on the request path: it runs before raw's first request is built, and
 * nothing that handles a failure waits on it. Every method, `use` and `eject` included, runs once
 * the chunk has loaded, in the order they were called: middleware registered before the first
 * request still applies to it.
 */
function lazyRaw(baseUrl: string, headers: Headers, pipeline: Pipeline): Client<paths> {
  let loading: Promise<Record<string, (...args: unknown[]) => unknown>> | undefined;
  // The same path checks as `voices.*`: a `voice_id` of `..` would resolve to another path.
  const operationFor: OperationFor = (method, schemaPath, pathParams) => {
    const operation = operationOf(method, schemaPath) ?? `${method} ${schemaPath}`;
    try {
      // A template's voice_id must be given: openapi-fetch would send `{voice_id}` itself.
      if (schemaPath.includes("{voice_id}")) checkVoiceId(readField(pathParams, "voice_id"));
    } catch (error) {
      throw withOperation(error, operation);
    }
    return operation;
  };
  const load = () => {
    loading ??= import("./raw.js").then(
      ({ createOpenApiClient }) => createOpenApiClient(baseUrl, headers, pipeline, operationFor) as never,
    );
    return loading;
  };
  const raw: Record<string, unknown> = {};
  for (const method of "GET PUT POST DELETE OPTIONS HEAD PATCH TRACE request use eject".split(" ")) {
    raw[method] = (...args: unknown[]) =>
      load().then((client) => {
        // openapi-fetch would send through a request's own fetch instead of the pipeline: no retries,
        // timeouts, body cap, middleware or SDK errors. The client's `fetch` option is the way.
        const [verb, path, init] =
          method === "request" ? [String(args[0]).toUpperCase(), ...args.slice(1)] : [method, ...args];
        if (method !== "use" && method !== "eject" && readField(init, "fetch") != null) {
          const error = new ValidationError(
            "fetch",
            "client.raw takes no fetch per request: pass fetch to createVoicesClient().",
          );
          throw withOperation(error, operationOf(verb, String(path)) ?? `${verb} ${path}`);
        }
        return client[method]!(...args);
      });
  }
  return raw as unknown as Client<paths>;
}
