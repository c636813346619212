// The one property every public function keeps: a hostile input yields a ValidationError before
// any request, or a request that is exactly what was asked; never another exception.
import { ValidationError } from "@noiz-voices/client";
import { expect } from "vitest";
import type { Tagged } from "./arbitraries.js";
import type { SentRequest } from "./recorder.js";

/** Fields with a bad value in a generated input, by the names a ValidationError uses. */
export function badFields(input: Record<string, Tagged>): string[] {
  return Object.entries(input)
    .filter(([, tagged]) => !tagged.good)
    .map(([name]) => name);
}

/** Rebuilds an input object from tagged fields, leaving out the ones generated as absent. */
export function untag(input: Record<string, Tagged>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, tagged] of Object.entries(input)) if (tagged.value !== undefined) out[name] = tagged.value;
  return out;
}

/**
 * Runs `call` and checks the outcome: a ValidationError naming one of `allowedFields` with no
 * request sent, or success (required when `mustSucceed`) with `checkRequests` passing on what
 * was sent.
 */
export async function expectValidationOrCorrect(options: {
  call: () => Promise<unknown>;
  sent: SentRequest[];
  mustSucceed: boolean;
  allowedFields: string[];
  checkRequests: (requests: SentRequest[], result: unknown) => void;
}): Promise<"rejected" | "sent"> {
  const before = options.sent.length;
  let result: unknown;
  try {
    result = await options.call();
  } catch (error) {
    if (!(error instanceof ValidationError)) {
      throw new Error(`expected a ValidationError or success, got ${describeError(error)}`);
    }
    expect(options.mustSucceed, `a good input was rejected: ${error.message}`).toBe(false);
    expect(options.allowedFields, `ValidationError names "${error.field}"`).toContain(error.field);
    expect(typeof error.message).toBe("string");
    expect(error.message.length).toBeLessThan(600);
    expect(options.sent.length, "a request was sent before the ValidationError").toBe(before);
    return "rejected";
  }
  options.checkRequests(options.sent.slice(before), result);
  return "sent";
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.constructor.name}: ${error.message.slice(0, 300)}`;
  return `a thrown ${typeof error}`;
}

/** The path segment after `/voices/`, decoded; fails if the path has any other shape. */
export function voiceIdOf(request: SentRequest, basePath: string): string {
  const prefix = `${basePath}/voices/`;
  const path = request.url.pathname;
  expect(path.startsWith(prefix), `path ${path} is under ${prefix}`).toBe(true);
  const segment = path.slice(prefix.length);
  expect(segment, "exactly one path segment").not.toContain("/");
  expect(segment.length).toBeGreaterThan(0);
  expect(request.url.search, "no query string").toBe("");
  return decodeURIComponent(segment);
}
