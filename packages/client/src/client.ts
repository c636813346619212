/** createVoicesClient: options, the API key, the transport and the typed openapi-fetch instance. */
import createClient, { type Client } from "openapi-fetch";
import { ValidationError } from "./errors.js";
import type { paths } from "./generated/voices.gen.js";
import { createTransport, type FetchLike, secretRedactor } from "./transport.js";
import { checkSettings } from "./validate.js";
import { createVoicesResource, type VoicesResource } from "./voices.js";

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
   * The typed openapi-fetch client, with the same auth, timeouts, retries and errors,
   * for anything the methods do not cover. Its `data` is the whole envelope.
   */
  readonly raw: Client<paths>;
}

function readEnvApiKey(): string | undefined {
  // Guarded: browsers and edge runtimes have no `process`.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.NOIZ_API_KEY;
}

function checkBaseUrl(baseUrl: unknown): string {
  if (typeof baseUrl === "string") {
    try {
      const url = new URL(baseUrl);
      if (url.protocol === "http:" || url.protocol === "https:") return baseUrl.replace(/\/+$/, "");
    } catch {
      // reported below
    }
  }
  throw new ValidationError("baseUrl", `baseUrl must be an absolute http(s) URL such as ${DEFAULT_BASE_URL}.`);
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
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const baseFetch: FetchLike | undefined = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (typeof baseFetch !== "function") {
    throw new ValidationError("fetch", "No fetch implementation: pass `fetch` to createVoicesClient().");
  }
  const transport = createTransport({
    apiKey,
    fetch: baseFetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
  });
  const raw = createClient<paths>({
    baseUrl,
    fetch: (request) => transport(request),
    headers: { Accept: "application/json", ...options.headers, Authorization: apiKey },
  });
  return { voices: createVoicesResource(raw, transport, secretRedactor(apiKey)), raw };
}
