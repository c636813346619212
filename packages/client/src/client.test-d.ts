// Type tests (vitest --typecheck): results come from the spec, and misuse does not compile.
import { describe, expectTypeOf, it } from "vitest";
import type * as adapterEntry from "./adapter.js";
import {
  type Adapter,
  type AdapterRequest,
  createFetchAdapter,
  type MultipartBody,
  type UploadProgress,
} from "./adapter.js";
import {
  type ApiError,
  type ClonedVoice,
  type ConnectionError,
  createVoicesClient,
  type DeletedVoice,
  type Logger,
  type LogLevel,
  type Middleware,
  type paths,
  type RateLimitError,
  type RequestOptions,
  type ValidationError,
  type Voice,
  type VoiceList,
  type VoicesError,
  type VoiceType,
  type WithResponse,
} from "./index.js";

const client = createVoicesClient({ apiKey: "k" });
declare const blob: Blob;
declare const file: File;

describe("results are typed from the spec", () => {
  it("each result type is what its path answers with, per the generated paths", () => {
    type Data<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
      responses: { 200: { content: { "application/json": { data: infer D } } } };
    }
      ? D
      : never;
    expectTypeOf<Data<"/voices", "get">>().toEqualTypeOf<VoiceList>();
    expectTypeOf<Data<"/voices", "post">>().toEqualTypeOf<ClonedVoice>();
    expectTypeOf<Data<"/voices/{voice_id}", "get">>().toEqualTypeOf<Voice>();
    expectTypeOf<Data<"/voices/{voice_id}", "delete">>().toEqualTypeOf<DeletedVoice>();
    expectTypeOf<VoiceType>().toEqualTypeOf<"custom" | "built-in">();
  });

  it("keeps the wire's snake_case names and requires what the spec requires", () => {
    ({ voice_id: "v", display_name: "V", voice_type: "custom" }) satisfies Voice;
    // @ts-expect-error display_name is required
    ({ voice_id: "v", voice_type: "custom" }) satisfies Voice;
    // @ts-expect-error no camelCase mapping: the field is voice_id
    ({ voiceId: "v", display_name: "V", voice_type: "custom" }) satisfies Voice;
    // @ts-expect-error voice_type is the spec's enum
    ({ voice_id: "v", display_name: "V", voice_type: "premium" }) satisfies Voice;
    // @ts-expect-error total_count is required
    ({ voices: [] }) satisfies VoiceList;
    // @ts-expect-error a clone's result always has its voice_id
    ({ voice_display_name: "V" }) satisfies ClonedVoice;
    // @ts-expect-error a deleted voice always has its delete_time
    ({ voice_id: "v" }) satisfies DeletedVoice;
  });

  it("Voice: identifying fields are required, the rest optional", () => {
    expectTypeOf<Voice["voice_id"]>().toEqualTypeOf<string>();
    expectTypeOf<Voice["display_name"]>().toEqualTypeOf<string>();
    expectTypeOf<Voice["voice_type"]>().toEqualTypeOf<"custom" | "built-in">();
    expectTypeOf<Voice>().toHaveProperty("id").toEqualTypeOf<number | undefined>();
    expectTypeOf<Voice>().toHaveProperty("labels").toEqualTypeOf<string | undefined>();
    expectTypeOf<Voice>().toHaveProperty("sample").toEqualTypeOf<string | undefined>();
    expectTypeOf<Voice>().toHaveProperty("url").toEqualTypeOf<string | undefined>();
    expectTypeOf<Voice>().toHaveProperty("create_time").toEqualTypeOf<number | undefined>();
    expectTypeOf<NonNullable<Voice["meta"]>>().toEqualTypeOf<{ text?: string }>();
  });

  it("VoiceList, ClonedVoice and DeletedVoice have non-optional ids", () => {
    expectTypeOf<VoiceList["total_count"]>().toEqualTypeOf<number>();
    expectTypeOf<VoiceList["voices"]>().toEqualTypeOf<Voice[]>();
    expectTypeOf<ClonedVoice["voice_id"]>().toEqualTypeOf<string>();
    expectTypeOf<ClonedVoice>().toHaveProperty("duration").toEqualTypeOf<number | undefined>();
    expectTypeOf<DeletedVoice["voice_id"]>().toEqualTypeOf<string>();
    expectTypeOf<DeletedVoice["delete_time"]>().toEqualTypeOf<number>();
  });

  it("each method resolves to its operation's data", () => {
    expectTypeOf(client.voices.list()).resolves.toEqualTypeOf<VoiceList>();
    expectTypeOf(client.voices.get("v")).resolves.toEqualTypeOf<Voice>();
    expectTypeOf(client.voices.clone({ file: blob })).resolves.toEqualTypeOf<ClonedVoice>();
    expectTypeOf(client.voices.delete("v")).resolves.toEqualTypeOf<DeletedVoice>();
    expectTypeOf(client.voices.listAll()).toMatchTypeOf<AsyncIterable<Voice>>();
  });

  it("errors expose their fields", () => {
    expectTypeOf<ApiError["status"]>().toEqualTypeOf<number>();
    expectTypeOf<ApiError["code"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<RateLimitError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ConnectionError["outcomeUnknown"]>().toEqualTypeOf<boolean>();
    expectTypeOf<ValidationError["field"]>().toEqualTypeOf<string>();
  });
});

describe("misuse is a compile error", () => {
  it("list and listAll parameters", () => {
    client.voices.list({ voice_type: "built-in", keyword: "k", skip: 0, limit: 10 });
    // @ts-expect-error: not a voice type of the spec
    client.voices.list({ voice_type: "premium" });
    // @ts-expect-error: unknown parameter
    client.voices.list({ offset: 10 });
    // @ts-expect-error: limit is a number
    client.voices.list({ limit: "10" });
    client.voices.listAll({ voice_type: "custom", concurrency: 2 });
    // @ts-expect-error: not a voice type of the spec
    client.voices.listAll({ voice_type: "mine" });
    // @ts-expect-error: unknown parameter
    client.voices.listAll({ pageSize: 10 });
  });

  it("get and delete need a voice_id string", () => {
    // @ts-expect-error: missing voice_id
    client.voices.get();
    // @ts-expect-error: missing voice_id
    client.voices.delete();
    // @ts-expect-error: voice_id is a string
    client.voices.get(42);
  });

  it("clone needs file or voice_url, and file is a Blob", () => {
    client.voices.clone({ file: blob, display_name: "x", denoise: true, language: "en" });
    client.voices.clone({ file });
    client.voices.clone({ voice_url: "https://example.com/a.wav" });
    client.voices.clone({ file, voice_url: "https://example.com/a.wav" });
    // @ts-expect-error: neither file nor voice_url
    client.voices.clone({ display_name: "x" });
    // @ts-expect-error: neither file nor voice_url
    client.voices.clone({});
    // @ts-expect-error: file is a Blob or File, not a path
    client.voices.clone({ file: "./me.wav" });
    // @ts-expect-error: denoise is a boolean
    client.voices.clone({ voice_url: "https://example.com/a.wav", denoise: "true" });
    // @ts-expect-error: unknown field
    client.voices.clone({ voice_url: "https://example.com/a.wav", name: "x" });
  });

  it("options", () => {
    const options: RequestOptions = { signal: AbortSignal.timeout(1), timeoutMs: 1, maxRetries: 0, headers: {} };
    client.voices.get("v", options);
    // @ts-expect-error: timeoutMs is a number
    client.voices.get("v", { timeoutMs: "5s" });
    // @ts-expect-error: unknown option
    client.voices.get("v", { retries: 3 });
    // @ts-expect-error: unknown client option
    createVoicesClient({ apiKye: "k" });
  });
});

describe("client.raw is typed by the spec's paths", () => {
  it("returns the whole envelope of each path", async () => {
    const list = await client.raw.GET("/voices", { params: { query: { limit: 1 } } });
    // The spec says a success envelope's code is 0.
    expectTypeOf<NonNullable<typeof list.data>["code"]>().toEqualTypeOf<0>();
    expectTypeOf<NonNullable<typeof list.data>["message"]>().toEqualTypeOf<string>();
    expectTypeOf<NonNullable<typeof list.data>["data"]>().toEqualTypeOf<VoiceList>();
    const one = await client.raw.GET("/voices/{voice_id}", { params: { path: { voice_id: "v" } } });
    expectTypeOf<NonNullable<typeof one.data>["data"]>().toEqualTypeOf<Voice>();
    const gone = await client.raw.DELETE("/voices/{voice_id}", { params: { path: { voice_id: "v" } } });
    expectTypeOf<NonNullable<typeof gone.data>["data"]>().toEqualTypeOf<DeletedVoice>();
  });

  it("rejects unknown paths, methods and parameters", () => {
    // @ts-expect-error: no such path
    client.raw.GET("/voice");
    // @ts-expect-error: the spec has no PUT on /voices
    client.raw.PUT("/voices", {});
    // @ts-expect-error: the path parameter is required
    client.raw.GET("/voices/{voice_id}", {});
    // @ts-expect-error: not a voice type of the spec
    client.raw.GET("/voices", { params: { query: { voice_type: "premium" } } });
  });
});

describe("the transport seam (@noiz-voices/client/adapter)", () => {
  it("createVoicesClient takes an adapter, which gets an AdapterRequest and returns an AdapterResponse", () => {
    const adapter: Adapter = async (request) => {
      expectTypeOf(request.body).toEqualTypeOf<Uint8Array | MultipartBody | null>();
      return { status: 200, headers: new Headers(), body: new Uint8Array() };
    };
    // A plain function over AdapterRequest is an Adapter: nothing else is needed to write one.
    const plain = async (_request: AdapterRequest) => ({ status: 204, headers: new Headers(), body: new Uint8Array() });
    createVoicesClient({ apiKey: "k", adapter: plain });
    const byUrl = async (url: string) => ({ status: 200, headers: new Headers(), body: new Uint8Array(url.length) });
    // @ts-expect-error an adapter takes the request the core describes, not a URL string
    createVoicesClient({ apiKey: "k", adapter: byUrl });
    createVoicesClient({ apiKey: "k", adapter });
    createVoicesClient({ apiKey: "k", adapter: createFetchAdapter() });
    // @ts-expect-error an adapter returns status, headers and bytes, not a Response
    createVoicesClient({ apiKey: "k", adapter: async () => new Response() });
  });

  it("per call: maxResponseBytes and onUploadProgress", () => {
    const options: RequestOptions = { maxResponseBytes: 1024, onUploadProgress: (sent, total) => sent / total };
    expectTypeOf(options.onUploadProgress).toEqualTypeOf<UploadProgress | undefined>();
    // @ts-expect-error a byte count is a number
    client.voices.list({}, { maxResponseBytes: "1 MB" });
  });

  it("the ./adapter entry is the contract only: its types and createFetchAdapter, no internals", () => {
    expectTypeOf<keyof typeof adapterEntry>().toEqualTypeOf<"createFetchAdapter">();
    expectTypeOf(createFetchAdapter()).toEqualTypeOf<Adapter>();
  });
});

describe("observability", () => {
  it(".withResponse() is typed per method, and a plain await keeps its type", async () => {
    expectTypeOf(client.voices.get("a").withResponse()).resolves.toEqualTypeOf<WithResponse<Voice>>();
    expectTypeOf(client.voices.list().withResponse()).resolves.toEqualTypeOf<WithResponse<VoiceList>>();
    expectTypeOf(client.voices.clone({ file }).withResponse())
      .resolves.toHaveProperty("data")
      .toEqualTypeOf<ClonedVoice>();
    expectTypeOf(client.voices.delete("a").withResponse())
      .resolves.toHaveProperty("response")
      .toEqualTypeOf<Response>();
    expectTypeOf<WithResponse<Voice>["requestId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf(await client.voices.get("a")).toEqualTypeOf<Voice>();
    expectTypeOf(client.voices.get("a")).toMatchTypeOf<Promise<Voice>>();
    for await (const item of client.voices.listAll().withResponse()) expectTypeOf(item.data).toEqualTypeOf<Voice>();
  });

  it("errors carry requestId", () => {
    expectTypeOf<VoicesError["requestId"]>().toEqualTypeOf<string | undefined>();
  });

  it("logger and logLevel", () => {
    createVoicesClient({ apiKey: "k", logger: console, logLevel: "debug" });
    const logger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
    createVoicesClient({ apiKey: "k", logger, logLevel: "off" });
    expectTypeOf<LogLevel>().toEqualTypeOf<"off" | "error" | "warn" | "info" | "debug">();
    // @ts-expect-error not a level
    createVoicesClient({ apiKey: "k", logLevel: "verbose" });
    // @ts-expect-error a logger has debug, info, warn and error
    createVoicesClient({ apiKey: "k", logger: { info() {} } });
  });

  it("use and eject take openapi-fetch-shaped middleware", () => {
    const middleware: Middleware = {
      onRequest: ({ request }) => new Request(request),
      onResponse: ({ response }) => response,
      onError: ({ error }) => (error instanceof Error ? error : undefined),
    };
    client.use(middleware, { onRequest() {} });
    client.eject(middleware);
    // @ts-expect-error onResponse returns a Response or nothing
    client.use({ onResponse: () => "x" });
  });
});
