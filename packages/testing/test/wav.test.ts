// makeWav (the audio tests clone from) and reading a WAV header's duration.
import { readFileSync } from "node:fs";
import { createVoicesClient } from "@noiz-voices/client";
import { describe, expect, it, vi } from "vitest";
import { createFakeVoices, makeWav } from "../src/index.js";
import { wavDuration } from "../src/wav.js";

/** A WAV header with extra chunks before `data`, as editors write them. */
function wavWithChunks(chunks: [id: string, body: Uint8Array][], byteRate: number): Uint8Array {
  const parts: number[] = [...new TextEncoder().encode("RIFF"), 0, 0, 0, 0, ...new TextEncoder().encode("WAVE")];
  const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
  const fmt = [1, 0, 1, 0, ...u32(byteRate / 2), ...u32(byteRate), 2, 0, 16, 0];
  for (const [id, body] of [["fmt ", new Uint8Array(fmt)] as [string, Uint8Array], ...chunks]) {
    parts.push(...new TextEncoder().encode(id), ...u32(body.length), ...body);
    if (body.length % 2) parts.push(0);
  }
  return new Uint8Array(parts);
}

describe("makeWav", () => {
  it("makes tools/fixtures/sample.wav for 3 seconds: the same bytes", () => {
    const fixture = readFileSync(new URL("../../../tools/fixtures/sample.wav", import.meta.url));
    expect(Buffer.from(makeWav({ seconds: 3 })).equals(fixture)).toBe(true);
  });

  it("writes a 16-bit mono PCM header for its rate and length", () => {
    const wav = makeWav({ seconds: 0.5, sampleRate: 8000 });
    const view = new DataView(wav.buffer);
    expect(wav.byteLength).toBe(44 + 4000 * 2);
    expect(view.getUint32(24, true)).toBe(8000);
    expect(view.getUint32(40, true)).toBe(8000);
    expect(wavDuration(wav, wav.byteLength)).toBe(0.5);
  });

  it("does one second's work at any length: 10 minutes of audio take no more Math.sin calls than one second", () => {
    const sin = vi.spyOn(Math, "sin");
    try {
      // A rate no other test uses, so its one-second phrase is computed here.
      const wav = makeWav({ seconds: 600, sampleRate: 12_345 });
      expect(wav.byteLength).toBe(44 + 600 * 12_345 * 2);
      expect(sin.mock.calls.length).toBeLessThanOrEqual(12_345);
      // Later files at that rate reuse it.
      sin.mockClear();
      makeWav({ seconds: 60, sampleRate: 12_345 });
      expect(sin).not.toHaveBeenCalled();
    } finally {
      sin.mockRestore();
    }
  });

  it("loops without a click and fades in and out at the ends", () => {
    const wav = makeWav({ seconds: 3 });
    const data = new Int16Array(wav.buffer, 44);
    expect(data[0]).toBe(0);
    expect(data[data.length - 1]).toBe(0);
    // The second second repeats the first exactly (past the first's fade-in).
    expect([...data.subarray(17_000, 18_000)]).toEqual([...data.subarray(1000, 2000)]);
    // Neighbouring samples never jump by more than a 880 Hz sine at half amplitude can move.
    let jump = 0;
    for (let i = 1; i < data.length; i++)
      jump = Math.max(jump, Math.abs((data[i] as number) - (data[i - 1] as number)));
    expect(jump).toBeLessThan(Math.ceil(2 * Math.PI * (880 / 16_000) * 0.5 * 32_767));
  });

  it.each([{ seconds: 0 }, { seconds: Number.NaN }, { sampleRate: 0 }, { sampleRate: 44_100.5 }])(
    "refuses %j with a RangeError",
    (options) => {
      expect(() => makeWav(options)).toThrow(RangeError);
    },
  );
});

describe("wavDuration", () => {
  it("skips chunks before data, odd sizes padded", () => {
    const wav = wavWithChunks(
      [
        ["LIST", new Uint8Array(7)],
        ["data", new Uint8Array(32_000)],
      ],
      16_000,
    );
    expect(wavDuration(wav, wav.byteLength)).toBe(2);
  });

  it("reads a streamed WAV (data size 0 or 0xFFFFFFFF) from the bytes that are there", () => {
    const wav = wavWithChunks([["data", new Uint8Array(8_000)]], 16_000);
    const view = new DataView(wav.buffer);
    view.setUint32(wav.byteLength - 8_000 - 4, 0xffffffff, true);
    expect(wavDuration(wav, wav.byteLength)).toBe(0.5);
    view.setUint32(wav.byteLength - 8_000 - 4, 0, true);
    expect(wavDuration(wav, wav.byteLength)).toBe(0.5);
  });

  it("counts only the bytes present when the header claims more", () => {
    const wav = makeWav({ seconds: 2 });
    expect(wavDuration(wav.subarray(0, 44 + 16_000), 44 + 16_000)).toBe(0.5);
  });

  it.each([
    ["not RIFF", new TextEncoder().encode("ID3\u0003 not a wav at all")],
    ["cut before the data chunk", makeWav().subarray(0, 30)],
    ["no fmt chunk", wavWithChunks([], 16_000).subarray(0, 12)],
  ])("is undefined for %s", (_, head) => {
    expect(wavDuration(head, head.byteLength)).toBeUndefined();
  });

  it("leaves duration out of a clone whose audio is not WAV", async () => {
    const fake = createFakeVoices();
    const client = createVoicesClient({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, fetch: fake.fetch });
    const mp3 = new Uint8Array(64);
    mp3.set([0x49, 0x44, 0x33, 3]); // an ID3 tag: MP3
    const cloned = await client.voices.clone({ file: new Blob([mp3]), display_name: "mp3" });
    expect(cloned).not.toHaveProperty("duration");
    const { sample } = await client.voices.get(cloned.voice_id);
    expect(sample).toMatch(/\.mp3$/);
    expect((await fake.fetch(sample ?? "")).headers.get("content-type")).toBe("audio/mpeg");
  });
});
