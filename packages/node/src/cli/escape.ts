/**
 * The one escaping step for everything the command writes: server text must not drive the terminal.
 * Tables, plain text, error lines, log lines and JSON all go through `visible`.
 */
// Nothing from the SDK here: this module is loaded by `--help` too (see the bin's startup note in program.ts).

/**
 * What a terminal or a reader could act on: C0 controls (ESC, BEL, CR, LF, ...), DEL, C1 controls
 * (a bare `\x9b` is CSI on many terminals), the Unicode line and paragraph separators, the bidi
 * controls that reorder what is shown (Trojan Source), and lone surrogates.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `text` with every unsafe character written as a `\uXXXX` escape: ESC becomes the six characters
 * `\u001b`. The same form JSON uses, so JSON text stays valid JSON, and applying it twice changes
 * nothing.
 */
export function visible(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The deepest nesting the command prints; no voice comes close, a hostile answer can go far deeper. */
export const MAX_DEPTH = 256;

/** True when `value` nests objects or arrays more than `max` levels deep (iterative: no stack to overflow). */
function deeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== "object" || current === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Thrown for a value nested deeper than `MAX_DEPTH`; `Context.print` turns it into the SDK's
 * `InvalidResponseError` (the answer came from the service), without this module loading the SDK.
 */
export class TooDeepError extends Error {
  override name = "TooDeepError";
  constructor() {
    super(
      `The service's answer is nested more than ${MAX_DEPTH} levels deep, so it was not printed. ` +
        "No voice has that shape: check --base-url (or NOIZ_BASE_URL).",
    );
  }
}

/** JSON text of `value`, escaped by `visible`; a value nested deeper than `MAX_DEPTH` is a `TooDeepError`. */
export function jsonText(value: unknown, indent?: number): string {
  if (deeperThan(value, MAX_DEPTH)) throw new TooDeepError();
  // JSON.stringify escapes C0 inside strings, so a raw newline is indentation: kept, the rest escaped.
  return (JSON.stringify(value, null, indent) ?? "null").split("\n").map(visible).join("\n");
}

/** A server value as display text: strings as they are, objects as compact JSON, nothing for null. */
export function show(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return jsonText(value);
  return String(value);
}

/** A template tag: every interpolated value goes through `show` and `visible`; the literal parts are ours. */
export function safe(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += visible(show(values[i])) + strings[i + 1]!;
  return out;
}
