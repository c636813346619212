// Property-based bad input for the node helpers: fileFromPath, cloneVoiceFromFile on the Node client (its
// uploads stream to Prism, which rejects anything off-contract) and downloadVoiceSample.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ValidationError } from "@noiz-voices/client";
import { type FaultServer, reply, startFaultServer } from "@noiz-voices/fault-server";
import { cloneVoiceFromFile, createVoicesClient, downloadVoiceSample, fileFromPath } from "@noiz-voices/node";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { wavBytes } from "../helpers.js";
import { anything, audioBytes, field, goodText, nastyString, nonAudioBytes, type Tagged } from "./arbitraries.js";
import { badFields, untag } from "./check.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const dir = mkdtempSync(join(tmpdir(), "noiz-fuzz-node-"));
let fileCounter = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `bytes` to a fresh file in the temp dir and returns its path. */
const writeTemp = (bytes: Uint8Array, name = `f${fileCounter++}.bin`) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

/** A path the helpers must accept (an audio file), or one they must refuse, or not a path at all. */
const pathInput: fc.Arbitrary<Tagged & { bytes?: Uint8Array }> = fc.oneof(
  { weight: 3, arbitrary: audioBytes.map((bytes) => ({ value: writeTemp(bytes), good: true, bytes })) },
  { weight: 1, arbitrary: audioBytes.map((bytes) => ({ value: pathToFileURL(writeTemp(bytes)), good: true, bytes })) },
  {
    // Audio under names a multipart header or a shell could trip on.
    weight: 1,
    arbitrary: fc
      .tuple(
        audioBytes,
        fc.constantFrom("a\\b.wav", 'q"x.wav', "new\nline.wav", "😀 é.m4a", "-rf.mp3", " .wav", "%41.wav", "noext"),
      )
      .map(([bytes, name]) => ({ value: writeTemp(bytes, `${fileCounter++}-${name}`), good: true, bytes })),
  },
  { weight: 2, arbitrary: nonAudioBytes.map((bytes) => ({ value: writeTemp(bytes), good: false })) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        nastyString,
        fc.constantFrom(dir, join(dir, "missing.wav"), join(dir, "missing", "x.wav"), "/dev/null", "/etc/passwd", "."),
        fc.constantFrom(new URL("http://example.com/a.wav"), new URL("file:///nonexistent/a.wav")),
        anything,
      )
      .map((value) => ({ value, good: false })),
  },
);

/** Runs `call`; returns "rejected" for a ValidationError and fails on any other exception. */
async function validationOr<T>(call: () => Promise<T>, mustSucceed: boolean, fields: string[]) {
  try {
    return { value: await call() };
  } catch (error) {
    if (!(error instanceof ValidationError)) {
      throw new Error(
        `expected a ValidationError or success, got ${(error as Error)?.constructor?.name}: ${String((error as Error)?.message).slice(0, 300)}`,
      );
    }
    expect(mustSucceed, `a good input was rejected: ${error.message}`).toBe(false);
    expect(fields).toContain(error.field);
    expect(error.message.length, "a short message, whatever the input").toBeLessThan(600);
    return { rejected: error };
  }
}

describe("fuzz: fileFromPath", () => {
  it(`${RUNS} hostile paths: ValidationError, or a lazily read File of exactly that audio`, async () => {
    await fc.assert(
      fc.asyncProperty(pathInput, async (input) => {
        const result = await validationOr(() => fileFromPath(input.value as string), input.good, ["path"]);
        if (result.value) {
          expect(result.value.type).toMatch(/^audio\/(wav|mpeg|mp4)$/);
          if (input.bytes) {
            expect(result.value.size).toBe(input.bytes.length);
            expect(Buffer.from(await result.value.arrayBuffer()).equals(Buffer.from(input.bytes))).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("fuzz: cloneVoiceFromFile against Prism", () => {
  const runs = Math.ceil(RUNS / 10);
  it(`${runs} hostile paths and fields: ValidationError, or an upload Prism accepts`, async () => {
    const client = createVoicesClient({ apiKey: "fuzz-node-key", baseUrl: inject("mockUrl"), maxRetries: 0 });
    const fields = fc.record({
      display_name: field(goodText, anything, 1),
      denoise: field(fc.boolean(), anything, 1),
      language: field(fc.constantFrom("en", "zh", ""), anything, 1),
    });
    await fc.assert(
      fc.asyncProperty(pathInput, fields, async (path, tagged) => {
        const bad = [...(path.good ? [] : ["path", "file"]), ...badFields(tagged as Record<string, Tagged>)];
        const result = await validationOr(
          () => cloneVoiceFromFile(client, path.value as string, untag(tagged as Record<string, Tagged>)),
          bad.length === 0,
          [...bad, "body", "fields"],
        );
        if (result.value) expect(result.value.voice_id).toBe("abc123def456");
      }),
      { numRuns: runs },
    );
  });
});

describe("fuzz: downloadVoiceSample", () => {
  let server: FaultServer;
  // A WAV by its header: a sample that is not audio by its first bytes is refused, and no file written.
  const SAMPLE = new Uint8Array(readFileSync(writeTemp(wavBytes(4096))));
  beforeAll(async () => {
    server = await startFaultServer({ fallback: reply(200, SAMPLE, { "content-type": "audio/wav" }) });
    server.script([]);
  });
  afterAll(() => server.close());

  it(`${Math.ceil(RUNS / 4)} hostile voices and destinations: ValidationError, or the sample written whole`, async () => {
    const goodVoice = fc.string({ minLength: 1, maxLength: 12 }).map((id) => ({
      voice_id: id,
      display_name: "x",
      voice_type: "custom",
      sample: `${server.url}/s/${encodeURIComponent(id)}.wav`,
    }));
    const voice = fc.oneof(
      { weight: 3, arbitrary: goodVoice.map((value): Tagged => ({ value, good: true })) },
      {
        weight: 2,
        arbitrary: fc
          .oneof(
            anything,
            fc.record({ voice_id: fc.string(), sample: fc.oneof(nastyString, anything) }),
            fc.constantFrom(
              { voice_id: "a" },
              { voice_id: "a", sample: "" },
              { voice_id: "a", sample: "ftp://example.com/a.wav" },
              { voice_id: "a", sample: "file:///etc/passwd" },
              { voice_id: "a", sample: "javascript:alert(1)" },
            ),
          )
          .map((value): Tagged => ({ value, good: false })),
      },
    );
    let n = 0;
    // Destinations never leave the temp dir: hostile names lose their separators and sit inside it
    // (a bare ".." is the temp dir's parent: a directory, refused). Never a relative path: it would
    // write into the working directory.
    const hostileName = nastyString.map((name) => join(dir, name.replace(/[/\\]/g, "_")));
    const dest = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constant(null).map((): Tagged => ({ value: join(dir, `out-${n++}.wav`), good: true })),
      },
      {
        weight: 2,
        arbitrary: fc
          .oneof(
            hostileName,
            anything.filter((value) => typeof value !== "string"),
            fc.constantFrom(dir, join(dir, "no", "such", "dir", "x.wav"), ""),
          )
          .map((value): Tagged => ({ value, good: false })),
      },
    );
    await fc.assert(
      fc.asyncProperty(voice, dest, async (v, d) => {
        const bad = [...(v.good ? [] : ["voice", "sample"]), ...(d.good ? [] : ["destPath"])];
        const before = server.count;
        const result = await validationOr(
          () => downloadVoiceSample(v.value as never, d.value as string),
          bad.length === 0,
          bad,
        );
        if (result.rejected) expect(server.count, "no request before a ValidationError").toBe(before);
        if (result.value) {
          expect(result.value.path.startsWith(dir), `wrote ${result.value.path}`).toBe(true);
          expect(result.value.bytes).toBe(SAMPLE.length);
          expect(Buffer.from(readFileSync(result.value.path)).equals(Buffer.from(SAMPLE))).toBe(true);
        }
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
    // The sample host is not the API: no key ever goes there.
    expect(server.requests.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
  });
});
