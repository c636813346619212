// The committed sample WAV the CLI tests and `pnpm start` clone from.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { makeSampleWav, samplePath } from "../../../tools/scripts/make-sample-wav.mjs";

describe("tools/fixtures/sample.wav", () => {
  it("is what tools/scripts/make-sample-wav.mjs makes: 3 s of 16 kHz mono PCM", () => {
    expect(existsSync(samplePath)).toBe(true);
    const committed = readFileSync(samplePath);
    expect(committed.equals(makeSampleWav())).toBe(true);
    expect(committed.subarray(0, 4).toString()).toBe("RIFF");
    expect(committed.readUInt32LE(24)).toBe(16_000);
    expect(committed.length).toBe(44 + 3 * 16_000 * 2);
  });
});
