/**
 * `@noiz-voices/client/otel`: OpenTelemetry traces of every call, opt-in:
 * `createVoicesClient({ tracing: otel() })`. One `INTERNAL` span per call, named after the operation,
 * and under it one `CLIENT` span per attempt, with the attributes of OpenTelemetry's HTTP client
 * semantic conventions. Each attempt carries the trace context (`traceparent`) through the global
 * propagator. This is the only module of the package that imports `@opentelemetry/api` (an optional
 * peer dependency): the main entry never loads it.
 */
import {
  type Attributes,
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TracerProvider,
  trace,
} from "@opentelemetry/api";
import type { AdapterRequest } from "./adapter.js";
import { requestIdOf, type VoicesError } from "./errors.js";
import { OPERATIONS, type OperationId } from "./operations.js";
import type { Attempt, CallTrace, Tracing } from "./pipeline.js";

/** Options of `otel()`. */
export interface OtelOptions {
  /** Where the spans go (default: the global provider, looked up at each call). */
  tracerProvider?: TracerProvider | undefined;
}

/** The instrumentation scope the spans are reported under. */
export const TRACER_NAME = "@noiz-voices/client";

/** The methods HTTP semantic conventions know; any other is reported as `_OTHER`. */
const KNOWN_METHODS = new Set(["CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"]);

/**
 * An attempt span's name: `GET /voices/{voice_id}`, the method and the spec's path template (never
 * the id), from the operation table; `client.raw` names an operation the spec lacks the same way
 * (`GET /voices/{voice_id}/x`); anything else (a sample download) gets the method alone.
 */
function templateOf(operation: string): string | undefined {
  if (Object.hasOwn(OPERATIONS, operation)) {
    const { method, path } = OPERATIONS[operation as OperationId];
    return `${method} ${path}`;
  }
  return /^[A-Z]+ \/\S*$/.test(operation) ? operation : undefined;
}

/** Query parameters that carry a signature (a redirect's hop to a signed URL may have them); the conventions' list. */
const SIGNED_QUERY = ["AWSAccessKeyId", "Signature", "sig", "X-Goog-Signature"];

/**
 * `url.full` without credentials, as the conventions ask: a user and password in the URL, and the
 * values of signature parameters, become `REDACTED`.
 */
function fullUrl(url: URL): string {
  if (url.username || url.password) {
    url.username = "REDACTED";
    url.password = url.password && "REDACTED";
  }
  for (const name of SIGNED_QUERY) if (url.searchParams.has(name)) url.searchParams.set(name, "REDACTED");
  return url.href;
}

/** The attributes an attempt span starts with, so a sampler sees them. */
function attemptAttributes(request: AdapterRequest, resends: number, redact: (text: string) => string): Attributes {
  const url = new URL(request.url);
  const method = KNOWN_METHODS.has(request.method) ? request.method : "_OTHER";
  const attributes: Attributes = {
    "http.request.method": method,
    "server.address": url.hostname.replace(/^\[(.*)\]$/, "$1"),
    "server.port": Number(url.port) || (url.protocol === "https:" ? 443 : 80),
    "url.full": redact(fullUrl(url)),
  };
  if (method === "_OTHER") attributes["http.request.method_original"] = request.method;
  if (resends > 0) attributes["http.request.resend_count"] = resends;
  return attributes;
}

/** Marks a span failed: `error.type` is the error's class name; the status carries its (redacted) message. */
function fail(span: Span, error: VoicesError): void {
  span.setAttribute("error.type", error.name);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
}

/** Ends an attempt span from the attempt's record. */
function endAttempt(span: Span, { response, error, retryIn }: Attempt, redact: (text: string) => string): void {
  if (response) span.setAttribute("http.response.status_code", response.status);
  const requestId = error?.requestId ?? requestIdOf(response?.headers);
  if (requestId) span.setAttribute("noiz.request_id", redact(requestId));
  const retryAfter = response?.headers.get("retry-after");
  if (retryAfter != null) {
    const event: Attributes = { "http.response.header.retry-after": [redact(retryAfter)] };
    if (retryIn !== undefined) event["noiz.retry.delay_ms"] = retryIn;
    span.addEvent("noiz.retry_after", event);
  }
  if (error) fail(span, error);
  span.end();
}

/**
 * Traces every call and attempt with OpenTelemetry: pass the result as `tracing` to
 * `createVoicesClient`. Spans are children of the span active when the call was made.
 */
export function otel(options: OtelOptions = {}): Tracing {
  return {
    startCall(operation, redact): CallTrace {
      const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(TRACER_NAME);
      const parent = context.active();
      const span = tracer.startSpan(operation, { kind: SpanKind.INTERNAL }, parent);
      const callContext = trace.setSpan(parent, span);
      const template = templateOf(operation);
      let firstUrl: string | undefined;
      let attempts = 0;
      return {
        attempt(request) {
          firstUrl ??= request.url;
          // A redirect's hop is another URL: the operation's template does not describe it.
          const name = (request.url === firstUrl && template) || request.method;
          const attributes = attemptAttributes(request, attempts++, redact);
          const attemptSpan = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, callContext);
          const headers: Record<string, string> = {};
          propagation.inject(trace.setSpan(callContext, attemptSpan), headers);
          return {
            headers: Object.keys(headers).length ? headers : undefined,
            end: (attempt) => endAttempt(attemptSpan, attempt, redact),
          };
        },
        end(error) {
          if (error) fail(span, error);
          span.end();
        },
      };
    },
  };
}
