// Generators of hostile input. Each field generator yields `{ value, good }`: `good` is true only
// for values the client must accept, so a property can demand success for those and a
// ValidationError (or a correct request) for everything else.
import fc from "fast-check";
import { wavBytes } from "../helpers.js";

/** A generated value and whether the client must accept it. */
export interface Tagged<T = unknown> {
  value: T;
  good: boolean;
}

const good = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Tagged<T>> => arb.map((value) => ({ value, good: true }));
const bad = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<Tagged<T>> => arb.map((value) => ({ value, good: false }));

/** Any UTF-16 code unit, lone surrogates and controls included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const separatorUnit = fc.constantFrom("/", "\\", ".", "%", "?", "#", " ", "\n", "\r", "\t", "\0", "\uD800", "é", "😀");

const HUGE = "x".repeat(100_000);
const HUGE_UNICODE = "😀\uD800é/".repeat(20_000);

/** Strings meant to hurt: unicode, lone surrogates, separators, dot segments, huge ones. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: codeUnit, maxLength: 40 }),
  fc.string({ unit: separatorUnit, maxLength: 20 }),
  fc.constantFrom(
    "",
    ".",
    "..",
    "/",
    "\\",
    "../",
    "../../etc/passwd",
    "..\\..\\windows",
    "a/b",
    "a/../b",
    "%2e%2e",
    "%2F",
    "%",
    "%zz",
    "?",
    "#",
    "a?b=c",
    "a#b",
    "&skip=9",
    "\u0000",
    "\r\nX-Injected: 1",
    "\uD800",
    "\uDFFF",
    "\uDFFF\uD800",
    "😀",
    "\u202Eevil",
    "ﬀ",
    " ",
    "null",
    "undefined",
    "__proto__",
    "constructor",
    "{voice_id}",
    HUGE,
    HUGE_UNICODE,
  ),
);

/** Numbers that are not what anyone meant. */
export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    0,
    -1,
    0.5,
    1.5,
    -0.5,
    2 ** 31,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53),
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.EPSILON,
    1e21,
  ),
  fc.double(),
  fc.integer({ min: -1000, max: 1000 }),
);

/** Anything at all that is the wrong type for most fields. */
export const anything: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.bigInt(),
  fc.constant(Symbol("fuzz")),
  fc.constant(() => "fn"),
  fc.date(),
  fc.uint8Array({ maxLength: 16 }),
  fc.constant(new Blob(["not audio"])),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.anything(),
  fc.constant(Object.create(null)),
  fc.constant(new Proxy({}, {})),
);

/** A field that is either left out, good, or hostile (`badWeight` in 7 by default: 2). */
export function field<T>(goodValues: fc.Arbitrary<T>, extraBad: fc.Arbitrary<unknown> = anything, badWeight = 2) {
  return fc.oneof(
    { weight: 3, arbitrary: good(goodValues) },
    { weight: 2, arbitrary: good(fc.constant(undefined)) },
    { weight: badWeight, arbitrary: bad(extraBad) },
  );
}

/** Strings the client must accept as an id: non-empty, well-formed, not a dot segment. */
export const goodId: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }).filter((s) => s !== "." && s !== ".."),
  fc.constantFrom("a/b", "%2e%2e", "...", "a?b", "a#b", "😀", " x ", "%"),
);

/** Well-formed text the client must pass on as it is. */
export const goodText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom("", "en", "zh", "a&b=c", "100%", "😀", "#tag", "../x"),
);

/** Audio bytes: a valid header of each kind, then arbitrary bytes. */
export const audioBytes: fc.Arbitrary<Uint8Array<ArrayBuffer>> = fc
  .tuple(
    fc.constantFrom(
      wavBytes(12),
      Uint8Array.of(0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0, 0),
      Uint8Array.of(0xff, 0xfb, 0x90, 0x64),
      Uint8Array.of(0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x4d, 0x34, 0x41, 0x20),
    ),
    fc.uint8Array({ maxLength: 200 }),
  )
  .map(([head, tail]) => {
    const bytes = new Uint8Array(head.length + tail.length);
    bytes.set(head);
    bytes.set(tail, head.length);
    return bytes;
  });

/** Bytes that are not WAV, MP3 or M4A by their header. */
export const nonAudioBytes: fc.Arbitrary<Uint8Array<ArrayBuffer>> = fc.oneof(
  fc
    .uint8Array({ maxLength: 200 })
    .filter((b) => !looksLikeAudio(b))
    .map((b) => new Uint8Array(b)),
  fc.constantFrom(
    new TextEncoder().encode("%PDF-1.7 not audio at all"),
    new TextEncoder().encode("<html><body>hi</body></html>"),
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0),
    Uint8Array.of(0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x41, 0x56, 0x49, 0x20),
    Uint8Array.of(0xff, 0xf1, 0x50, 0x80),
    new Uint8Array(0),
  ),
);

function looksLikeAudio(b: Uint8Array): boolean {
  const s = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && s(0, 4) === "RIFF" && s(8, 12) === "WAVE") return true;
  if (b.length >= 8 && s(4, 8) === "ftyp") return true;
  if (b.length >= 3 && s(0, 3) === "ID3") return true;
  return b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0;
}

/** Header names and values, good and hostile. */
export const headerName: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/),
  fc.constantFrom("X-Trace", "Prefer", "Accept-Language", "User-Agent", "Authorization"),
);

export const nastyHeaderName: fc.Arbitrary<string> = fc.oneof(
  nastyString,
  fc.constantFrom(
    "",
    "Bad Header",
    "X-Ünicode",
    "X\r\nInjected",
    "Content-Type",
    "content-length",
    "Host",
    "Authorization",
    "Transfer-Encoding",
    "Connection",
  ),
);
