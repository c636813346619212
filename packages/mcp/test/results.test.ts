// How results and errors are written: the SDK's message with its request id, and no secret in any form.
import { NotFoundError, ValidationError } from "@noiz-voices/client";
import { describe, expect, it } from "vitest";
import { failureText, jsonText, redactor } from "../src/results.js";

describe("failureText", () => {
  it("is the error's class, status and message, the request id included", () => {
    const error = new NotFoundError("No voice has the id nope.", { status: 404, requestId: "req-42" });
    expect(failureText(error)).toBe("NotFoundError (HTTP 404): No voice has the id nope. (request id req-42)");
  });

  it("names a validation error's field through the SDK's message", () => {
    const error = new ValidationError("limit", "limit must be a positive integer.");
    expect(failureText(error)).toBe("ValidationError: limit must be a positive integer.");
  });
});

describe("redactor", () => {
  it("removes a secret as given, trimmed, URL-encoded and JSON-escaped", () => {
    const redact = redactor([' sk/a+b"c ']);
    const text = `raw:sk/a+b"c url ${encodeURIComponent('sk/a+b"c')} json ${JSON.stringify('sk/a+b"c')}`;
    expect(redact(text)).toBe('raw:[redacted] url [redacted] json "[redacted]"');
  });
});

describe("jsonText", () => {
  it("escapes C1 and bidi controls that a terminal or a log would act on", () => {
    expect(jsonText({ name: "a\u009bb\u202ec" })).toBe('{"name":"a\\u009bb\\u202ec"}');
  });
});
