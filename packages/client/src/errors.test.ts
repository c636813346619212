import { describe, expect, it } from "vitest";
import { errorFromResponse, type FailedAnswer } from "./error-table.js";
import {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  InvalidResponseError,
  isEnvelope,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
  VoicesError,
} from "./errors.js";

const exchange = (status: number, body: unknown, extra: Partial<FailedAnswer> = {}): FailedAnswer => ({
  operation: "listVoices",
  what: "GET /v1/voices",
  status,
  headers: new Headers({ "content-type": "application/json", "x-request": "r1" }),
  // What the pipeline hands over: parsed JSON, or the text when it is not JSON.
  body: typeof body === "string" ? parsedOrText(body) : body,
  retries: 0,
  sentOnce: false,
  ...extra,
});

function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const envelope = (code: number, message = "nope") => ({ code, message, data: null });

describe("the error table: status → class, hint, setting, retryable", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [404, NotFoundError],
    [429, RateLimitError],
    [500, ServerError],
    [501, ServerError],
    [502, ServerError],
    [503, ServerError],
    [504, ServerError],
    [599, ServerError],
    [402, ApiError],
    [403, ApiError],
    [405, ApiError],
    [408, ApiError],
    [409, ApiError],
    [410, ApiError],
    [418, ApiError],
    [422, ApiError],
    [451, ApiError],
    [300, ApiError],
  ])("HTTP %i → %o with status, code, headers and body", (status, ErrorClass) => {
    const error = errorFromResponse(exchange(status, envelope(status * 100, "went wrong")));
    expect(error.constructor).toBe(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(VoicesError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(ErrorClass.name);
    expect(error.status).toBe(status);
    expect(error.code).toBe(status * 100);
    expect(error.headers?.get("x-request")).toBe("r1");
    expect(error.body).toEqual(envelope(status * 100, "went wrong"));
    expect(error.message).toContain(`GET /v1/voices failed with HTTP ${status}: went wrong (code ${status * 100}).`);
    expect(error.operation).toBe("listVoices");
  });

  it.each([
    [408, true],
    [409, true],
    [429, true],
    [500, true],
    [503, true],
    [599, true],
    [200, false],
    [300, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [410, false],
    [422, false],
  ])("HTTP %i: retryable is %s", (status, retryable) => {
    expect(errorFromResponse(exchange(status, envelope(1))).retryable).toBe(retryable);
  });

  it("names the setting that fixes a rejected key or an answer that is not the service's", () => {
    expect(errorFromResponse(exchange(401, envelope(1))).setting).toBe("apiKey");
    expect(errorFromResponse(exchange(200, "<html>portal</html>")).setting).toBe("baseUrl");
    for (const status of [400, 404, 429, 503])
      expect(errorFromResponse(exchange(status, envelope(1))).setting).toBeUndefined();
  });

  it("keeps the hint in its own field, as the message's last sentence", () => {
    const error = errorFromResponse(exchange(404, envelope(40400)));
    expect(error.hint).toBe("Check the voice_id.");
    expect(error.message.endsWith(error.hint!)).toBe(true);
  });

  it("a 5xx of a request that is sent once says its outcome is unknown; a GET's does not", () => {
    const clone = errorFromResponse(exchange(503, envelope(1), { sentOnce: true }));
    expect(clone).toMatchObject({ outcomeUnknown: true, hint: expect.stringContaining("outcome is unknown") });
    expect(errorFromResponse(exchange(503, envelope(1)))).not.toHaveProperty("outcomeUnknown", true);
  });

  it("gives each common status a hint on what to do", () => {
    expect(errorFromResponse(exchange(400, envelope(1))).message).toContain("Check the parameters");
    expect(errorFromResponse(exchange(401, envelope(1))).message).toMatch(/`apiKey`.*NOIZ_API_KEY/);
    expect(errorFromResponse(exchange(404, envelope(1))).message).toContain("Check the voice_id");
    expect(errorFromResponse(exchange(503, envelope(1))).message).toContain("Try again later");
  });

  it("says how many times a request was tried", () => {
    expect(errorFromResponse(exchange(503, envelope(1), { retries: 2 })).message).toContain("tried 3 times");
    expect(errorFromResponse(exchange(503, envelope(1))).message).not.toContain("tried");
  });

  it("RateLimitError carries retryAfterMs and says how long to wait", () => {
    const headers = new Headers({ "retry-after": "90" });
    const error = errorFromResponse(exchange(429, envelope(42900, "quota"), { headers }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(90_000);
    expect(error.message).toContain("wait 90 s");
    expect(error.toJSON()).toMatchObject({ name: "RateLimitError", status: 429, code: 42900, retryAfterMs: 90_000 });
  });

  it("HTTP 200 with a non-zero envelope code is exactly an ApiError", () => {
    const error = errorFromResponse(exchange(200, envelope(40003, "still processing")));
    expect(error.constructor).toBe(ApiError);
    expect(error).toMatchObject({ status: 200, code: 40003, body: envelope(40003, "still processing") });
    expect(error.message).toContain("still processing (code 40003)");
  });

  it.each([
    ["not JSON", "<html>oops</html>"],
    ["JSON without the envelope", '{"ok":true}'],
    ["an empty body", ""],
  ])("HTTP 200 with %s is an InvalidResponseError that points at baseUrl", (_, text) => {
    const error = errorFromResponse(exchange(200, text));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, code: undefined });
    expect(error.message).toContain("baseUrl");
  });

  it("HTTP 200 with a success envelope but no data is an InvalidResponseError", () => {
    const error = errorFromResponse(exchange(200, { code: 0, message: "success" }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.code).toBe(0);
  });

  it.each([
    [502, "<!DOCTYPE html><html>Bad Gateway</html>", ServerError, "an HTML page"],
    [503, "<html><body>down</body></html>", ServerError, "an HTML page"],
    [404, "Not Found", NotFoundError, 'not the {code, message, data} envelope: "Not Found"'],
    [400, "", BadRequestError, 'envelope: ""'],
    [401, '{"error":"bad key"}', AuthenticationError, "HTTP 401"],
  ])("HTTP %i with a non-envelope body keeps the status's class", (status, text, ErrorClass, said) => {
    const error = errorFromResponse(exchange(status, text));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.status).toBe(status);
    expect(error.code).toBeUndefined();
    expect(error.message).toContain(said);
    // The page itself is no message: its markup stays in `body`.
    expect(error.message).not.toMatch(/<html/i);
  });

  it("quotes the envelope's message on one short line, and keeps all of it in body", () => {
    // A line break could forge a log line; a huge message buries the rest.
    const said = `bad\n[noiz-voices] GET /v1/voices → HTTP 200\u001b[2J${"y".repeat(5000)}`;
    const error = errorFromResponse(exchange(400, envelope(40000, said)));
    for (const control of ["\n", "\r", "\u001b"]) expect(error.message).not.toContain(control);
    expect(error.message).toContain("bad [noiz-voices] GET /v1/voices → HTTP 200 [2Jyyy");
    expect(error.message).toContain("y… (code 40000)");
    expect(error.message.length).toBeLessThan(400);
    expect((error.body as { message: string }).message).toBe(said);
  });

  it("keeps a JSON body that is not the envelope as parsed JSON", () => {
    expect(errorFromResponse(exchange(401, '{"error":"bad key"}')).body).toEqual({ error: "bad key" });
  });
});

describe("isEnvelope", () => {
  it("recognises the envelope and nothing else", () => {
    expect(isEnvelope({ code: 0, message: "success", data: {} })).toBe(true);
    expect(isEnvelope({ code: 40100, message: "invalid api key" })).toBe(true);
    for (const value of [null, undefined, 0, "x", [], {}, { code: 1 }, { message: "m" }, { code: 1.5, message: "m" }]) {
      expect(isEnvelope(value)).toBe(false);
    }
    expect(isEnvelope({ code: "0", message: "m" })).toBe(false);
  });
});

describe("the error tree", () => {
  it("roots every class in VoicesError with its own name", () => {
    const errors: VoicesError[] = [
      new ConnectionError("c"),
      new TimeoutError("t"),
      new AbortError("a"),
      new InvalidResponseError("i"),
      new ValidationError("limit", "v"),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(VoicesError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(error.constructor.name);
      expect(String(error)).toBe(`${error.name}: ${error.message}`);
    }
    expect(new TimeoutError("t")).toBeInstanceOf(ConnectionError);
  });

  it("toJSON keeps what a log needs", () => {
    const error = new ValidationError("limit", "limit must be a positive integer");
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ValidationError",
      message: "limit must be a positive integer",
      field: "limit",
      retryable: false,
    });
    expect(new ConnectionError("c", { outcomeUnknown: true }).toJSON()).toMatchObject({ outcomeUnknown: true });
  });
});
