/** createVoicesClient: options, the API key, requests, the transport and `raw`. */
import type { Client } from "openapi-fetch";
import { ValidationError } from "./errors.js";
import type { paths } from "./generated/voices.gen.js";
import { createRawClient } from "./raw.js";
import { createTransport, type FetchLike, secretRedactor } from "./transport.js";
import { checkSettings, pick } from "./validate.js";
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
export function createVoicesClient(options: VoicesClientOptions = {}): VoicesClient {
  const apiKey = options.apiKey ?? readEnvApiKey();
  if (typeof apiKey !== "string" || apiKey.trim() === "") {
    throw new ValidationError(
      "apiKey",
      "No API key: pass `apiKey` to createVoicesClient() or set the NOIZ_API_KEY environment variable.",
    );
  }
  checkSettings(options);
  const baseUrl = pick<{ baseUrl: string }>({ baseUrl: options.baseUrl ?? DEFAULT_BASE_URL }, [
    "baseUrl",
  ]).baseUrl.replace(/\/+$/, "");
  const fetch: FetchLike | undefined = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof fetch !== "function") {
    throw new ValidationError("fetch", "No fetch implementation: pass `fetch` to createVoicesClient().");
  }
  const transport = createTransport({
    apiKey,
    fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
  });
  const headers = { Accept: "application/json", ...options.headers, Authorization: apiKey };

  const call: Call = async (method, path, { query, body }, callOptions) => {
    if (callOptions) checkSettings(callOptions);
    let url = baseUrl + path;
    if (query) {
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, String(value));
      // Not `search.size`: Node 18 lacks it.
      const encoded = `${search}`;
      if (encoded) url += `?${encoded}`;
    }
    const requestHeaders = callOptions?.headers
      ? { ...headers, ...callOptions.headers, Authorization: apiKey }
      : headers;
    const request = new Request(url, { method, headers: requestHeaders, body: body ?? null });
    const decoded = await transport(request, {
      signal: callOptions?.signal,
      timeoutMs: callOptions?.timeoutMs,
      maxRetries: callOptions?.maxRetries,
      replayBody: body,
      fetch: callOptions?.fetch,
    });
    return decoded.envelope.data as never;
  };

  return {
    voices: createVoicesResource(call, secretRedactor(apiKey)),
    raw: createRawClient(baseUrl, headers, transport),
  };
}
