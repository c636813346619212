// consumer-deps: @opentelemetry/api@1.9.1 @opentelemetry/sdk-trace-base@2.12.1
// The consumer smoke test's program for @noiz-voices/client: compiled with `strict` against the
// packed tarball (no workspace links), then run against the Prism mock. It uses every runtime
// export of the package; test/consumer.test.ts checks that no export is left out.
import {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  type ClonedVoice,
  ConnectionError,
  createVoicesClient,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type DeletedVoice,
  InvalidResponseError,
  LOG_LEVEL_ENV,
  LOG_LEVELS,
  NotFoundError,
  RateLimitError,
  REQUEST_ID_HEADERS,
  ServerError,
  sniffAudioType,
  TimeoutError,
  ValidationError,
  type Voice,
  type VoiceList,
  VoicesError,
  type VoiceType,
  voiceTypeValues,
} from "@noiz-voices/client";
import { createFetchAdapter } from "@noiz-voices/client/adapter";
import { otel, TRACER_NAME } from "@noiz-voices/client/otel";
import { makeWav } from "@noiz-voices/testing";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
}

/** 0.1 s of WAV audio, from the test kit (installed from its tarball beside the client). */
const tinyWav = () => makeWav({ seconds: 0.1 });

/** Runs every operation against `baseUrl` (the Prism mock) and returns what it saw. */
export async function run(baseUrl: string): Promise<string[]> {
  const seen: string[] = [];
  check(DEFAULT_BASE_URL === "https://noiz.ai/v1", "DEFAULT_BASE_URL");
  check(DEFAULT_TIMEOUT_MS > 0 && DEFAULT_MAX_RETRIES >= 0, "defaults");
  const types: readonly VoiceType[] = voiceTypeValues;
  check(types.includes("custom") && types.includes("built-in"), "voiceTypeValues");
  check(sniffAudioType(tinyWav()) === "audio/wav", "sniffAudioType");

  const client = createVoicesClient({ apiKey: "consumer-key", baseUrl, maxRetries: 0, timeoutMs: 10_000 });

  const page: VoiceList = await client.voices.list({ voice_type: "custom", limit: 10 });
  check(page.total_count >= page.voices.length, "list");
  const first: Voice | undefined = page.voices[0];
  check(first !== undefined, "list returned a voice");
  seen.push(`list: ${page.total_count}`);

  let iterated = 0;
  for await (const voice of client.voices.listAll({ limit: 10 })) {
    const id: string = voice.voice_id;
    check(id.length > 0, "listAll voice_id");
    iterated++;
  }
  seen.push(`listAll: ${iterated}`);

  const voice: Voice = await client.voices.get(first.voice_id);
  seen.push(`get: ${voice.voice_id} ${voice.voice_type}`);

  const cloned: ClonedVoice = await client.voices.clone({
    file: new Blob([tinyWav()], { type: "audio/wav" }),
    display_name: "Consumer",
    language: "en",
  });
  seen.push(`clone: ${cloned.voice_id}`);

  const deleted: DeletedVoice = await client.voices.delete(cloned.voice_id);
  const deletedAt: number = deleted.delete_time;
  seen.push(`delete: ${deleted.voice_id} at ${deletedAt}`);

  const raw = await client.raw.GET("/voices/{voice_id}", { params: { path: { voice_id: first.voice_id } } });
  check(raw.data?.data.voice_id === first.voice_id, "raw GET");
  seen.push("raw: ok");

  try {
    await client.voices.get("no-such-voice", { headers: { Prefer: "code=404" } });
    check(false, "a 404 throws");
  } catch (error) {
    check(error instanceof NotFoundError && error.status === 404, "NotFoundError");
    seen.push(`404: ${error.name}`);
  }

  try {
    await client.voices.get("..");
    check(false, "a bad voice_id throws");
  } catch (error) {
    check(error instanceof ValidationError && error.field === "voice_id", "ValidationError");
    seen.push(`validation: ${error.field}`);
  }

  const controller = new AbortController();
  controller.abort();
  try {
    await client.voices.list({}, { signal: controller.signal });
    check(false, "an aborted call throws");
  } catch (error) {
    check(error instanceof AbortError, "AbortError");
    seen.push(`abort: ${error.name}`);
  }

  // Observability: .withResponse(), request ids, middleware on voices.* and raw alike.
  const { data, response } = await client.voices.get(first.voice_id).withResponse();
  check(data.voice_id === first.voice_id && response.status === 200, "withResponse");
  check(REQUEST_ID_HEADERS.includes("x-request-id"), "REQUEST_ID_HEADERS");
  let intercepted = 0;
  const counting = { onRequest: () => void intercepted++ };
  client.use(counting);
  await client.voices.get(first.voice_id);
  await client.raw.GET("/voices/{voice_id}", { params: { path: { voice_id: first.voice_id } } });
  client.eject(counting);
  check(intercepted === 2, "middleware");
  seen.push("observability: ok");

  // Traces (@noiz-voices/client/otel, with @opentelemetry/api installed beside it as its peer).
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const traced = createVoicesClient({
    apiKey: "consumer-key",
    baseUrl,
    maxRetries: 0,
    tracing: otel({ tracerProvider }),
  });
  await traced.voices.get(first.voice_id);
  const spans = exporter.getFinishedSpans();
  check(spans.map((span) => span.name).join() === "GET /voices/{voice_id},getVoice", "otel span names");
  check(
    spans.every((span) => span.instrumentationScope.name === TRACER_NAME),
    "TRACER_NAME",
  );
  seen.push("otel: ok");

  // The transport seam (@noiz-voices/client/adapter), as another package's adapter uses it.
  const seam = createVoicesClient({ apiKey: "consumer-key", baseUrl, maxRetries: 0, adapter: createFetchAdapter() });
  check((await seam.voices.get(first.voice_id)).voice_id === first.voice_id, "createFetchAdapter");
  seen.push("adapter: ok");
  check(LOG_LEVELS.includes("debug") && LOG_LEVEL_ENV === "NOIZ_LOG", "log levels");

  // The error tree, as users branch on it.
  const apiErrors = [BadRequestError, AuthenticationError, NotFoundError, RateLimitError, ServerError];
  for (const ErrorClass of apiErrors)
    check(ErrorClass.prototype instanceof ApiError, `${ErrorClass.name} is an ApiError`);
  check(TimeoutError.prototype instanceof ConnectionError, "TimeoutError is a ConnectionError");
  const roots = [ApiError, ConnectionError, AbortError, InvalidResponseError, ValidationError];
  for (const ErrorClass of roots)
    check(ErrorClass.prototype instanceof VoicesError, `${ErrorClass.name} is a VoicesError`);
  seen.push("errors: ok");

  // Misuse the types must reject (strict mode).
  // @ts-expect-error voice_type is an enum
  void (() => client.voices.list({ voice_type: "everything" }));
  // @ts-expect-error a clone needs file or voice_url
  void (() => client.voices.clone({ display_name: "no audio" }));
  // @ts-expect-error get takes a voice_id string
  void (() => client.voices.get(42));

  return seen;
}
