/** createVoicesClient: options, the API key, requests, the transport and `raw`. */
import type { Client } from "openapi-fetch";
import { ValidationError } from "./errors.js";
import type { paths } from "./generated/voices.gen.js";
import { createRawClient } from "./raw.js";
import { createRedactor } from "./redact.js";
import { createTransport, type FetchLike } from "./transport.js";
import { checkApiKey, checkBaseUrl, checkSettings } from "./validate.js";
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
  /** A fetch implementation (default: the global `fetch`). */
  fetch?: (input: Request, init?: RequestInit) => Promise<Response>;
  /** Time limit for each attempt, in milliseconds (default 60000). */
  timeoutMs?: number;
  /** Retries after the first attempt for retryable failures (default 2). */
  maxRetries?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
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
}

function readEnvApiKey(): string | undefined {
  // Guarded: browsers and edge runtimes have no `process`.
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.NOIZ_API_KEY;
}

/** Creates a client. Throws a `ValidationError` when no API key is given or found. */
export function createVoicesClient(clientOptions: VoicesClientOptions = {}): VoicesClient {
  checkSettings(clientOptions);
  const options = clientOptions ?? {};
  const apiKey = checkApiKey(options.apiKey ?? readEnvApiKey());
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const fetch: FetchLike | undefined = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof fetch !== "function") {
    throw new ValidationError("fetch", "No fetch in this runtime: pass `fetch` to createVoicesClient().");
  }
  const scrub = createRedactor(apiKey);
  const transport = createTransport({
    scrub,
    fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
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

  const call: Call = async (method, path, { query, body }, callOptions) => {
    checkSettings(callOptions, true);
    // Values were checked (strings and integers) and undefined ones dropped by the validators.
    const search = new URLSearchParams(query as Record<string, string>).toString();
    const url = search ? `${baseUrl + path}?${search}` : baseUrl + path;
    const init = {
      method,
      headers: callOptions?.headers ? withHeaders(new Headers(headers), callOptions.headers) : headers,
      body: body ?? null,
    };
    // A fresh Request for every attempt: a body can be read once, and a form gets a new boundary.
    const decoded = await transport(() => new Request(url, init), callOptions ?? {});
    return decoded.envelope.data as never;
  };

  return {
    voices: createVoicesResource(call, scrub),
    raw: createRawClient(baseUrl, headers, transport),
  };
}
