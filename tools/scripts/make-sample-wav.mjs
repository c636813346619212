#!/usr/bin/env node
// Writes tools/fixtures/sample.wav: 3 s of 16 kHz mono 16-bit PCM, a rising chirp with soft edges.
// Deterministic (same bytes every run), so the committed file can be checked against this script:
//   node tools/scripts/make-sample-wav.mjs           writes it
//   node tools/scripts/make-sample-wav.mjs --check   exits 1 if the committed file differs
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const samplePath = fileURLToPath(new URL("../fixtures/sample.wav", import.meta.url));

/** The WAV file's bytes. */
export function makeSampleWav({ seconds = 3, rate = 16_000, from = 220, to = 880 } = {}) {
  const frames = seconds * rate;
  const data = Buffer.alloc(frames * 2);
  let phase = 0;
  for (let i = 0; i < frames; i++) {
    const t = i / rate;
    // Exponential chirp; a 50 ms fade at each end avoids clicks.
    const frequency = from * (to / from) ** (t / seconds);
    phase += (2 * Math.PI * frequency) / rate;
    const fade = Math.min(1, t / 0.05, (seconds - t) / 0.05);
    const sample = Math.round(Math.sin(phase) * fade * 0.5 * 32767);
    data.writeInt16LE(sample, i * 2);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16); // PCM format chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const wav = makeSampleWav();
  if (process.argv.includes("--check")) {
    const same = readFileSync(samplePath).equals(wav);
    console.log(
      same ? `${samplePath} matches the script` : `${samplePath} differs: run node tools/scripts/make-sample-wav.mjs`,
    );
    process.exitCode = same ? 0 : 1;
  } else {
    writeFileSync(samplePath, wav);
    console.log(`wrote ${samplePath} (${wav.length} bytes)`);
  }
}
