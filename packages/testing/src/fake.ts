/** `createFakeVoices`: the stateful fake of the Voices API, served through a fetch function. */
import { sniffAudioType } from "@noiz-voices/client";
import type { HttpHandler } from "msw";
import {
  API_KEY_HEADER,
  checkRequest,
  checkResponse,
  checkSchema,
  type OperationId,
  type OperationSpec,
  type RequestParts,
  route,
} from "./contract.js";
import { CONNECTION_RESET, CORE, type FakeCore, isConnectionReset, type ParsedUpload } from "./core.js";
import { checkFault, type Fault, FaultQueue, type FaultTarget, reasonOf } from "./faults.js";
import { mswHandlers } from "./msw.js";
import {
  type FakeVoice,
  type ListQuery,
  present,
  SAMPLES_PATH,
  type SampleAudio,
  type SeedVoice,
  VoiceStore,
} from "./store.js";
import { WAV_HEAD_BYTES, wavDuration } from "./wav.js";

/** The base URL the fake serves by default: the real service's. */
export const DEFAULT_FAKE_BASE_URL = "https://noiz.ai/v1";
/** The API key the fake accepts by default. */
export const DEFAULT_FAKE_API_KEY = "test-key";

/** Options of `createFakeVoices`. */
export interface FakeVoicesOptions {
  /** Custom voices to start with, beside the built-in ones (`reset()` brings them back). */
  voices?: readonly SeedVoice[];
  /** Accept any non-empty API key, not only `apiKey`. A request without a key still gets 401. */
  acceptAnyKey?: boolean;
  /** Where the fake serves the API (default `https://noiz.ai/v1`); pass it to the client as `baseUrl`. */
  baseUrl?: string;
  /** The API key the fake accepts (default `"test-key"`). */
  apiKey?: string;
}

/** A file part of a recorded form: what arrived, without the bytes. */
export interface RecordedFile {
  /** The part's file name. */
  filename: string;
  /** The part's media type. */
  type: string;
  /** Its size in bytes. */
  size: number;
}

/** A request the fake received. */
export interface RecordedRequest {
  /** The operation it was routed to; `null` for sample downloads and paths the spec does not have. */
  operation: OperationId | null;
  /** The HTTP method, upper-case. */
  method: string;
  /** The path under the base URL, such as `/voices/abc123`, still percent-encoded. */
  path: string;
  /** Query parameters as sent (a repeated one as an array). */
  query: Readonly<Record<string, string | readonly string[]>>;
  /** The fields of a `multipart/form-data` body (file parts described), or `null` for any other body. */
  form: Readonly<Record<string, string | RecordedFile | readonly (string | RecordedFile)[]>> | null;
  /** Headers, lower-cased, without the API key's. */
  headers: Readonly<Record<string, string>>;
  /** The HTTP status the fake answered with; `null` while pending, after a reset or a hang. */
  status: number | null;
}

/** The fake: a fetch for the API, the state behind it, and fault injection. */
export interface FakeVoices {
  /**
   * Serves the API at `baseUrl` with no server and no network:
   * `createVoicesClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, fetch: fake.fetch })`.
   * A URL outside `baseUrl` fails the way an unknown host does.
   */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** The base URL the fake serves, without a trailing slash. */
  readonly baseUrl: string;
  /** The API key the fake accepts. */
  readonly apiKey: string;
  /** Every voice (built-in, seeded, cloned), deleted ones with their `delete_time`: a frozen snapshot. */
  readonly voices: readonly Readonly<FakeVoice>[];
  /** Every request received, oldest first: a frozen snapshot. */
  readonly requests: readonly Readonly<RecordedRequest>[];
  /** Back to the starting voices; forgets the requests and every queued fault. */
  reset(): void;
  /**
   * Makes the next request to `operation` (an operationId, or `"*"` for any) fail with `fault`, or the
   * next `fault.times` ones. Faults queue up and apply in the order they were added.
   */
  failNext(operation: FaultTarget, fault: Fault): void;
  /**
   * MSW 2 request handlers serving the same fake at `baseUrl`: `setupServer(...fake.handlers)`.
   * Needs `msw` 2 installed; loaded on first use, so the fake works without it.
   */
  readonly handlers: HttpHandler[];
}

type Json = Record<string, unknown>;

const json = (status: number, body: Json, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });

const envelope = (code: number, message: string) => ({ code, message, data: null });

/** Waits `ms` on the test's clock, or rejects as soon as `signal` aborts. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Never resolves; rejects when `signal` aborts (the caller's timeout or abort). No timer: a fake clock has nothing to run. */
const hang = (signal: AbortSignal): Promise<never> =>
  new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });

const freeze = <T>(value: T): T => {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) freeze(inner);
    Object.freeze(value);
  }
  return value;
};

function normalizeBase(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`createFakeVoices: baseUrl must be an absolute http(s) URL; got ${JSON.stringify(baseUrl)}.`);
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash) {
    throw new TypeError("createFakeVoices: baseUrl must be an http(s) URL with no query or fragment.");
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** Reads a request's body as a form, if it is one the spec could take. */
async function readForm(request: Request, contentType: string | null) {
  if (contentType !== "multipart/form-data" && contentType !== "application/x-www-form-urlencoded") return null;
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

/**
 * A stateful fake of the Voices API. It starts with a few built-in voices (plus `options.voices`);
 * clones, lists, gets and deletes change and read that state, and every request and response is
 * checked against the spec the package was built from. See the package README for the behaviour.
 */
export function createFakeVoices(options: FakeVoicesOptions = {}): FakeVoices {
  const baseUrl = normalizeBase(options.baseUrl ?? DEFAULT_FAKE_BASE_URL);
  const apiKey = options.apiKey ?? DEFAULT_FAKE_API_KEY;
  if (typeof apiKey !== "string" || apiKey.trim() === "")
    throw new TypeError("createFakeVoices: apiKey must be a non-empty string.");
  // As a header carries it: a key read from a file keeps its newline, which no request can send.
  const expectedKey = apiKey.trim();
  const acceptAnyKey = options.acceptAnyKey === true;
  const store = new VoiceStore(options.voices ?? []);
  const faults = new FaultQueue();
  let requests: RecordedRequest[] = [];

  async function handle(request: Request, base: string, upload?: ParsedUpload): Promise<Response> {
    const url = new URL(request.url);
    const basePath = new URL(base).pathname.replace(/\/+$/, "");
    const path = url.pathname.slice(basePath.length) || "/";
    const method = request.method.toUpperCase();

    if (path.startsWith("/__fake/")) return control(request, method, path, base);

    const found = route(method, path);
    const headers = Object.fromEntries(
      [...request.headers].filter(([name]) => name !== API_KEY_HEADER).map(([name, value]) => [name, value]),
    );
    const contentType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() || null;
    const takesBody = found && "route" in found && found.route.operation.requestBody;
    const form = takesBody ? (upload?.form ?? (await readForm(request, contentType))) : null;
    const record: RecordedRequest = {
      operation: found && "route" in found ? found.route.operation.operationId : null,
      method,
      path,
      query: queryOf(url),
      form: form && describeForm(form),
      headers,
      status: null,
    };
    requests.push(record);
    const answer = (response: Response) => {
      record.status = response.status;
      return response;
    };

    if (!found) return answer(json(404, envelope(40400, `No operation at ${method} ${path} in the spec.`)));
    if (!("route" in found)) {
      return answer(
        json(
          405,
          envelope(40500, `${method} is not an operation of ${path}; the spec has ${found.allowed.join(", ")}.`),
          {
            allow: found.allowed.join(", "),
          },
        ),
      );
    }
    const { operation, pathParams } = found.route;
    const id = operation.operationId;

    const fault = faults.take(id);
    if (fault?.delayMs !== undefined) await wait(fault.delayMs, request.signal);
    else if (fault?.network) throw CONNECTION_RESET;
    else if (fault?.hang) await hang(request.signal);
    else if (fault?.status !== undefined) {
      const status = fault.status;
      const retryAfter = fault.retryAfter ?? (status === 429 ? 0 : undefined);
      const body = envelope(fault.code ?? status * 100, fault.message ?? reasonOf(status));
      return answer(send(id, status, body, retryAfter === undefined ? {} : { "retry-after": String(retryAfter) }));
    } else if (fault?.envelopeCode !== undefined) {
      // HTTP 200 with a failing envelope: checked as the error envelope it is.
      return answer(send(id, "ErrorEnvelope", envelope(fault.envelopeCode, fault.message ?? "injected error")));
    }

    const key = request.headers.get(API_KEY_HEADER);
    if (!key) return answer(send(id, 401, envelope(40101, "missing api key: send it in the Authorization header")));
    if (!acceptAnyKey && key !== expectedKey) {
      const hint = /^bearer /i.test(key) ? " (send the key itself, with no 'Bearer ' prefix)" : "";
      return answer(send(id, 401, envelope(40100, `invalid api key${hint}`)));
    }

    const parts: RequestParts = {
      pathParams,
      query: { ...record.query } as RequestParts["query"],
      headers,
      contentType,
      form: form && formForCheck(form),
    };
    const violation = checkRequest(operation, parts);
    if (violation) return answer(send(id, 400, envelope(40000, `${id}: ${violation}.`)));

    return answer(await perform(operation, parts, form, base, upload));
  }

  /**
   * Sends a JSON body after checking it against the spec (a fake that broke the contract would lie
   * to tests). `status` "ErrorEnvelope" sends HTTP 200 checked as an error envelope.
   */
  function send(id: OperationId, status: number | "ErrorEnvelope", body: Json, headers: Record<string, string> = {}) {
    const problem = status === "ErrorEnvelope" ? checkSchema(status, body) : checkResponse(id, status, body);
    if (problem) throw new Error(`@noiz-voices/testing: the fake's ${id} answer breaks the spec (${problem}).`);
    return json(status === "ErrorEnvelope" ? 200 : status, body, headers);
  }

  async function perform(
    operation: OperationSpec,
    parts: RequestParts,
    form: FormData | null,
    base: string,
    upload: ParsedUpload | undefined,
  ) {
    const id = operation.operationId;
    const ok = (data: unknown) => send(id, 200, { code: 0, message: "success", data });
    const notFound = (voiceId: string) =>
      send(id, 404, envelope(40400, `voice not found: no voice has voice_id ${JSON.stringify(voiceId)}`));
    const voiceId = parts.pathParams.voice_id ?? "";
    switch (id) {
      case "listVoices": {
        // checkRequest coerced the query's strings and filled in the spec's defaults.
        const page = store.list(parts.query as unknown as ListQuery);
        return ok({ ...page, voices: page.voices.map((voice) => present(store, voice, base)) });
      }
      case "getVoice": {
        const voice = store.get(voiceId);
        return voice ? ok(present(store, voice, base)) : notFound(voiceId);
      }
      case "deleteVoice": {
        const voice = store.get(voiceId);
        if (voice?.voice_type === "built-in") {
          return send(
            id,
            404,
            envelope(40400, `voice not found: ${voiceId} is built-in; only custom voices can be deleted`),
          );
        }
        const deleted = store.delete(voiceId);
        return deleted ? ok(deleted) : notFound(voiceId);
      }
      case "cloneVoice": {
        const fields = parts.form ?? {};
        const file = form?.get("file");
        let audio: SampleAudio | undefined;
        let duration: number | undefined;
        if (file && typeof file === "object") {
          const head = new Uint8Array(await file.slice(0, WAV_HEAD_BYTES).arrayBuffer());
          const type = sniffAudioType(head);
          if (!type) return send(id, 400, envelope(40002, "unsupported audio format; use WAV, MP3 or M4A"));
          audio = { bytes: file, type };
          upload?.keep(file);
          if (type === "audio/wav") duration = wavDuration(head, file.size);
        }
        const text = (name: string) => (typeof fields[name] === "string" ? (fields[name] as string) : undefined);
        const { voice: _, ...cloned } = store.clone({
          displayName: text("display_name"),
          language: text("language"),
          duration,
          audio,
        });
        return ok(cloned);
      }
    }
  }

  /** The fake's own routes under `/__fake/`: samples, and the control API for other processes. */
  async function control(request: Request, method: string, path: string, base: string): Promise<Response> {
    if (path.startsWith(SAMPLES_PATH) && (method === "GET" || method === "HEAD")) {
      const record: RecordedRequest = {
        operation: null,
        method,
        path,
        query: {},
        form: null,
        headers: {},
        status: 404,
      };
      requests.push(record);
      const audio = store.sample(path.slice(SAMPLES_PATH.length));
      if (!audio) return json(404, envelope(40400, "no such sample"));
      record.status = 200;
      const size = audio.bytes instanceof Blob ? audio.bytes.size : audio.bytes.byteLength;
      return new Response(method === "HEAD" ? null : audio.bytes, {
        status: 200,
        headers: { "content-type": audio.type, "content-length": String(size) },
      });
    }
    const bad = (message: string) => json(400, envelope(40000, message));
    if (method === "POST" && path === "/__fake/fail-next") {
      let body: { operation?: unknown; fault?: unknown };
      try {
        body = (await request.json()) as typeof body;
      } catch {
        return bad('fail-next takes JSON: { "operation": "getVoice", "fault": { "status": 503 } }');
      }
      try {
        fake.failNext(body?.operation as FaultTarget, body?.fault as Fault);
      } catch (error) {
        return bad((error as Error).message);
      }
      return new Response(null, { status: 204 });
    }
    if (method === "POST" && path === "/__fake/reset") {
      fake.reset();
      return new Response(null, { status: 204 });
    }
    if (method === "GET" && path === "/__fake/requests") return json(200, { requests: fake.requests } as Json);
    if (method === "GET" && path === "/__fake/voices") {
      return json(200, {
        voices: store.all().map((voice) => ({ ...present(store, voice, base), ...pickDelete(voice) })),
      });
    }
    return json(404, envelope(40400, `No fake control route at ${method} ${path}.`));
  }

  const core: FakeCore = { handle };

  let handlers: HttpHandler[] | undefined;
  const fake: FakeVoices & { [CORE]: FakeCore } = {
    baseUrl,
    apiKey,
    async fetch(input, init) {
      const request = new Request(input, init);
      if (request.signal.aborted) throw request.signal.reason;
      if (!isUnder(request.url, baseUrl)) {
        const cause = Object.assign(new Error(`getaddrinfo ENOTFOUND ${new URL(request.url).hostname}`), {
          code: "ENOTFOUND",
        });
        throw new TypeError(`fetch failed: the fake serves only ${baseUrl}/ (got ${new URL(request.url).origin})`, {
          cause,
        });
      }
      try {
        return await handle(request, baseUrl);
      } catch (error) {
        if (!isConnectionReset(error)) throw error;
        const cause = Object.assign(new Error("read ECONNRESET (injected by failNext)"), { code: "ECONNRESET" });
        throw new TypeError("fetch failed", { cause });
      }
    },
    get voices() {
      return freeze(store.all().map((voice) => ({ ...present(store, voice, baseUrl), ...pickDelete(voice) })));
    },
    get requests() {
      return freeze(structuredClone(requests));
    },
    reset() {
      store.reset();
      faults.clear();
      requests = [];
    },
    failNext(operation, fault) {
      faults.add(checkFault(operation, fault));
    },
    get handlers() {
      handlers ??= mswHandlers(core, baseUrl);
      return handlers;
    },
    [CORE]: core,
  };
  return fake;
}

const pickDelete = (voice: FakeVoice) => (voice.delete_time === undefined ? {} : { delete_time: voice.delete_time });

function isUnder(url: string, base: string): boolean {
  const { origin, pathname } = new URL(url);
  const baseUrl = new URL(base);
  const basePath = baseUrl.pathname.replace(/\/+$/, "");
  return origin === baseUrl.origin && (pathname === basePath || pathname.startsWith(`${basePath}/`));
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    query[name] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}

function describeForm(form: FormData): NonNullable<RecordedRequest["form"]> {
  const fields: Record<string, string | RecordedFile | (string | RecordedFile)[]> = {};
  for (const name of new Set(form.keys())) {
    const values = form
      .getAll(name)
      .map((value) =>
        typeof value === "string" ? value : { filename: value.name, type: value.type, size: value.size },
      );
    fields[name] = values.length === 1 ? (values[0] as string | RecordedFile) : values;
  }
  return fields;
}

function formForCheck(form: FormData): NonNullable<RequestParts["form"]> {
  const fields: NonNullable<RequestParts["form"]> = {};
  for (const name of new Set(form.keys())) {
    const values = form.getAll(name);
    const single = values[0];
    if (values.length === 1 && single !== undefined) {
      fields[name] = typeof single === "string" ? single : { file: true, type: single.type };
    } else {
      fields[name] = values.map((value) => (typeof value === "string" ? value : `(file ${value.type})`));
    }
  }
  return fields;
}
