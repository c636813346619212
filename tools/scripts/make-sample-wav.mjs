#!/usr/bin/env node
// tools/fixtures/sample.wav, the file `pnpm start` and the CLI tests clone from, is
// `makeWav({ seconds: 3 })` of @noiz-voices/testing (16 kHz mono 16-bit PCM, a 220-880-220 Hz chirp once a second):
// the test kit's one WAV maker, committed as a file so that the CLI has something on disk to clone.
// packages/testing/test/wav.test.ts checks that the two agree.
//   node tools/scripts/make-sample-wav.mjs           writes it (after `pnpm build`)
//   node tools/scripts/make-sample-wav.mjs --check   exits 1 if the committed file differs
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { makeWav } from "@noiz-voices/testing";

const samplePath = fileURLToPath(new URL("../fixtures/sample.wav", import.meta.url));
const wav = makeWav({ seconds: 3 });

if (process.argv.includes("--check")) {
  const same = readFileSync(samplePath).equals(wav);
  console.log(same ? `${samplePath} is makeWav({ seconds: 3 })` : `${samplePath} differs: run ${process.argv[1]}`);
  process.exitCode = same ? 0 : 1;
} else {
  writeFileSync(samplePath, wav);
  console.log(`wrote ${samplePath} (${wav.byteLength} bytes)`);
}
