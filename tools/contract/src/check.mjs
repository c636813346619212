// The contract check: the smoke flow (list, get, clone a tiny sample, delete it) through
// `prism proxy --errors` in front of the service. Every exchange that breaks the spec is
// reported field by field.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { createVoicesClient, VoicesError } from "@noiz-voices/client";
import { startPrismProxy } from "./prism-proxy.mjs";
import { violationsOf } from "./violations.mjs";

/**
 * @typedef {import("./violations.mjs").Violation} Violation
 * @typedef {object} Exchange
 * @property {string} method
 * @property {string} path       path and query, relative to the base URL
 * @property {number} status
 * @property {Violation[]} violations
 * @property {string | undefined} prismError
 * @typedef {object} Step
 * @property {string} name
 * @property {"ok" | "failed" | "skipped"} outcome
 * @property {string} [detail]
 * @property {Exchange[]} exchanges
 * @typedef {object} ContractReport
 * @property {string} upstream
 * @property {Step[]} steps
 * @property {Violation[]} violations  every Error-severity violation, all steps together
 */

/**
 * A WAV file (8-bit mono PCM at 8 kHz, a 440 Hz tone) whose every byte is below 0x80. `prism proxy`
 * forwards a request body as UTF-8 text, so any byte of an upload at or above 0x80 reaches the
 * upstream changed (stoplightio/prism#2349); bytes that are ASCII arrive whole. The header's sizes
 * are kept ASCII too: the length is rounded to whole 256-byte blocks, under 32 KB.
 * @param {number} seconds
 */
export function asciiWav(seconds) {
  const frames = Math.min(0x7e00, Math.round((seconds * 8000) / 256) * 256);
  const bytes = new Uint8Array(44 + frames);
  const view = new DataView(bytes.buffer);
  const text = (offset, value) => bytes.set(new TextEncoder().encode(value), offset);
  text(0, "RIFF");
  view.setUint32(4, 36 + frames, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, 8000, true);
  view.setUint32(28, 8000, true); // byte rate
  view.setUint16(32, 1, true); // block align
  view.setUint16(34, 8, true); // bits per sample
  text(36, "data");
  view.setUint32(40, frames, true);
  // Unsigned 8-bit samples around 0x40: a quiet tone that never reaches 0x80.
  for (let i = 0; i < frames; i++) bytes[44 + i] = 0x40 + Math.round(0x3f * Math.sin((2 * Math.PI * 440 * i) / 8000));
  return bytes;
}

/**
 * @param {{ upstream: string, apiKey: string, specPath: string, samplePath?: string, timeoutMs?: number }} options
 * @returns {Promise<ContractReport>}
 */
export async function runContractCheck({ upstream, apiKey, specPath, samplePath, timeoutMs = 60_000 }) {
  const proxy = await startPrismProxy({ specPath, upstream });
  /** @type {Exchange[]} */
  let current = [];
  const recordingFetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    const text = await response.clone().text();
    const url = new URL(request.url);
    current.push({
      method: request.method,
      path: url.pathname + url.search,
      status: response.status,
      ...violationsOf(response.headers, text),
    });
    return response;
  };
  // No retries: every exchange is reported as it happened, and a clone is never sent twice.
  const client = createVoicesClient({ apiKey, baseUrl: proxy.url, fetch: recordingFetch, maxRetries: 0, timeoutMs });
  /** @type {Step[]} */
  const steps = [];
  async function step(name, action) {
    current = [];
    try {
      const result = await action();
      steps.push({ name, outcome: "ok", exchanges: current });
      return result;
    } catch (error) {
      // When Prism answered instead of the service, its violations say it all (listed below the step).
      const fromPrism = current.find((exchange) => exchange.prismError);
      const detail = fromPrism
        ? `Prism answered ${fromPrism.status} instead of the service's response: ${fromPrism.prismError}`
        : error instanceof VoicesError
          ? `${error.name}: ${error.message}`
          : String(error);
      steps.push({ name, outcome: "failed", detail, exchanges: current });
      return undefined;
    }
  }
  const skip = (name, why) => steps.push({ name, outcome: "skipped", detail: why, exchanges: [] });

  try {
    const custom = await step("list custom voices", () => client.voices.list({ voice_type: "custom", limit: 10 }));
    const builtIn = await step("list built-in voices", () => client.voices.list({ voice_type: "built-in", limit: 10 }));
    const someVoice = custom?.voices[0] ?? builtIn?.voices[0];
    if (someVoice) await step(`get voice ${someVoice.voice_id}`, () => client.voices.get(someVoice.voice_id));
    else skip("get a voice", "no voice was listed");

    const sample = samplePath
      ? new File([await readFile(samplePath)], basename(samplePath))
      : // 2 s of a tone (16 KB): a real recording of speech (--sample) gives the service something to clone.
        new File([asciiWav(2)], "contract-check.wav", { type: "audio/wav" });
    const cloned = await step(`clone ${sample.name} (${sample.size} bytes)`, () =>
      client.voices.clone({ file: sample, display_name: "contract check (deleted right away)", language: "en" }),
    );
    if (cloned?.voice_id) {
      await step(`get the clone ${cloned.voice_id}`, () => client.voices.get(cloned.voice_id));
      await step(`delete the clone ${cloned.voice_id}`, () => client.voices.delete(cloned.voice_id));
    } else {
      skip("get and delete the clone", "the clone step returned no voice_id");
    }
  } finally {
    await proxy.stop();
  }
  const violations = steps.flatMap((s) =>
    s.exchanges.flatMap((e) => e.violations.filter((v) => v.severity === "Error")),
  );
  return { upstream, steps, violations };
}
