// Property-based bad input for clone: non-audio bytes, wrong types, hostile names and URLs yield
// a ValidationError before any byte is sent, or exactly the multipart form that was asked for.
import { createVoicesClient } from "@noiz-voices/client";
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";
import { wavBytes } from "../helpers.js";
import { anything, audioBytes, field, goodText, nastyString, nonAudioBytes, type Tagged } from "./arbitraries.js";
import { badFields, expectValidationOrCorrect, untag } from "./check.js";
import { contractViolations, FAKE_BASE, recorder, Sample, type SentRequest } from "./recorder.js";

const KEY = "fuzz-clone-key";
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const sample = new Sample(120);
const { sent, fetch } = recorder();
const client = createVoicesClient({ apiKey: KEY, baseUrl: FAKE_BASE, fetch, maxRetries: 0 });

const BIG_WAV = new File([wavBytes(1 << 20)], "big.wav");
const fileName = fc.oneof(
  fc.stringMatching(/^[\w-]{1,20}\.(wav|mp3|m4a|txt)$/),
  fc.constantFrom("", "../../etc/passwd", "a/b\\c.wav", 'quote"d.wav', "new\nline.wav", "😀.mp3", "\uD800.wav", " "),
);

/** A Blob or File of the given bytes, named or not. */
const blobOf = (bytes: fc.Arbitrary<Uint8Array<ArrayBuffer>>) =>
  fc
    .tuple(bytes, fc.option(fileName, { nil: undefined }), fc.constantFrom("", "audio/wav", "text/plain", "video/mp4"))
    .map(([data, name, type]) => (name === undefined ? new Blob([data], { type }) : new File([data], name, { type })));

const goodFile = fc.oneof(
  { weight: 20, arbitrary: blobOf(audioBytes) },
  { weight: 1, arbitrary: fc.constant(BIG_WAV) },
);
const badFile = fc.oneof(blobOf(nonAudioBytes), anything, fc.constant(new Blob([])));

const goodUrl = fc.oneof(
  fc
    .webUrl({ validSchemes: ["http", "https"] })
    .filter((url) => /^[\x21-\x7e]+$/.test(url) && !/%(?![\da-f]{2})/i.test(url)),
  fc.constantFrom(
    "https://example.com/a.wav",
    "http://127.0.0.1:8080/x.mp3?sig=a%20b&t=1#f",
    "https://xn--tda.example/%C3%A4.m4a",
  ),
);
// Not RFC 3986 (the spec's format: uri): raw non-ASCII or spaces, stray %, or not http(s) at all.
const badUrl = fc.oneof(
  fc.constantFrom(
    "",
    "a.wav",
    "/a.wav",
    "ftp://example.com/a.wav",
    "file:///a.wav",
    "javascript:alert(1)",
    "http://",
    "http://a b/c.wav",
    "https://ü.example/ä.m4a",
    "https://example.com/a b.wav",
    "https://example.com/100%.wav",
    "https://example.com/a|b.wav",
  ),
  nastyString,
  anything,
);

const cloneFields = fc.record({
  file: field(goodFile, badFile, 2),
  voice_url: field(goodUrl, badUrl, 1),
  display_name: field(goodText, anything, 1),
  denoise: field(fc.boolean(), anything, 1),
  language: field(fc.constantFrom("en", "zh", "de-CH", ""), anything, 1),
});

async function expectForm(request: SentRequest, body: Record<string, unknown>) {
  expect(request.method).toBe("POST");
  expect(request.url.pathname).toBe(`${new URL(FAKE_BASE).pathname}/voices`);
  expect(request.url.search).toBe("");
  expect(request.headers.get("authorization")).toBe(KEY);
  const contentType = request.headers.get("content-type") ?? "";
  expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
  const form = await new Response(request.body, { headers: { "content-type": contentType } }).formData();
  const names = [...new Set(form.keys())].sort();
  const expected = Object.keys(body).sort();
  expect(names).toEqual(expected);
  for (const name of expected) expect(form.getAll(name), `${name} is sent once`).toHaveLength(1);
  if (body.file) {
    const sentFile = form.get("file") as File;
    const given = body.file as Blob;
    expect(sentFile).toBeInstanceOf(Blob);
    expect(sentFile.type).toMatch(/^audio\/(wav|mpeg|mp4)$/);
    expect(sentFile.size).toBe(given.size);
    expect(Buffer.from(await sentFile.arrayBuffer()).equals(Buffer.from(await given.arrayBuffer()))).toBe(true);
    const name = (given as Partial<File>).name;
    if (name && /^[\w.-]+$/.test(name)) expect(sentFile.name).toBe(name);
    if (!name) expect(sentFile.name).toMatch(/^audio\.(wav|mp3|m4a)$/);
    // Only a base name goes out, with nothing a multipart parser could read two ways.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
    expect(sentFile.name).not.toMatch(/[\\/"\0-\x1f]/);
    expect(sentFile.name).not.toMatch(/^\.{0,2}$/);
  }
  for (const name of ["voice_url", "display_name", "language"]) {
    // multipart/form-data turns every line break into CRLF (WHATWG's form encoding).
    const value = body[name];
    if (typeof value === "string") expect(form.get(name)).toBe(value.replace(/\r\n|\r|\n/g, "\r\n"));
  }
  if (body.denoise !== undefined) expect(form.get("denoise")).toBe(String(body.denoise));
}

describe("fuzz: clone", () => {
  it(`${RUNS} hostile bodies: ValidationError before any byte, or exactly the asked-for form`, async () => {
    const counts = { rejected: 0, sent: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 12, arbitrary: cloneFields.map((fields) => ({ fields, whole: undefined as unknown })) },
          { weight: 1, arbitrary: anything.map((whole) => ({ fields: undefined, whole })) },
        ),
        async ({ fields, whole }) => {
          const body = fields ? untag(fields) : whole;
          const bad = fields ? badFields(fields) : ["body"];
          const hasSource =
            (fields && (fields.file as Tagged).value !== undefined) || fields?.voice_url.value !== undefined;
          const mustSucceed = bad.length === 0 && Boolean(hasSource);
          const checks: Promise<void>[] = [];
          const outcome = await expectValidationOrCorrect({
            call: () => client.voices.clone(body as never),
            sent,
            mustSucceed,
            // With neither file nor voice_url, the error names `file`.
            allowedFields: [...bad, "body", "file"],
            checkRequests: (requests, result) => {
              expect(requests).toHaveLength(1);
              expect(result).toMatchObject({ voice_id: "new-voice" });
              checks.push(expectForm(requests[0]!, body as Record<string, unknown>));
            },
          });
          await Promise.all(checks);
          counts[outcome]++;
          // The 1 MiB upload is checked locally, not replayed.
          sample.add(sent.splice(0).filter((request) => (request.body?.length ?? 0) < 100_000));
        },
      ),
      { numRuns: RUNS },
    );
    expect(counts.rejected).toBeGreaterThan(RUNS / 10);
    expect(counts.sent).toBeGreaterThan(RUNS / 10);
  });

  it("the uploads pass Prism's contract check", async () => {
    expect(sample.items.length).toBeGreaterThan(50);
    expect(await contractViolations(sample.items, inject("mockUrl"), 4)).toEqual([]);
  });
});
