/** Parsers for option values: a bad value is a usage error (exit 2) with the expected form. */
import { InvalidArgumentError } from "commander";

/** A positive integer (`--limit`). */
export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError("Expected a positive integer.");
  }
  return Number(value);
}

/** An integer >= 0 (`--page`). */
export function pageNumber(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError("Expected a page number: an integer >= 0 (pages start at 0).");
  }
  return Number(value);
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/**
 * A duration in milliseconds: seconds by default, or with a unit (`500ms`, `30s`, `2m`). Its ceiling
 * is the client's to check (`timeoutMs`), with the client's own limit: the SDK is not loaded for parsing.
 */
export function duration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2] ?? "s"]! : Number.NaN;
  if (!(ms >= 1)) {
    throw new InvalidArgumentError("Expected a duration: seconds (30), or with a unit (500ms, 30s, 2m).");
  }
  return Math.round(ms);
}
