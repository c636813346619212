/** WAV audio for tests: the bytes to clone from, the fake's samples, and the duration of an upload. */

/** Options of `makeWav` and `writeWav`. */
export interface MakeWavOptions {
  /** Length in seconds (default 1). */
  seconds?: number;
  /** Frames per second (default 16000). */
  sampleRate?: number;
}

const HEADER_BYTES = 44;
const FADE_SECONDS = 0.05;

/** The frame count and rate of `options`, checked. */
function shape(options: MakeWavOptions, name: string): { frames: number; sampleRate: number } {
  const { seconds = 1, sampleRate = 16_000 } = options;
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new RangeError(`${name}: seconds must be a number > 0.`);
  if (!Number.isInteger(sampleRate) || sampleRate < 1 || sampleRate > 384_000) {
    throw new RangeError(`${name}: sampleRate must be an integer from 1 to 384000.`);
  }
  const frames = Math.round(seconds * sampleRate);
  // The RIFF sizes are 32-bit.
  if (HEADER_BYTES + frames * 2 > 0xffffffff) throw new RangeError(`${name}: at most 4 GiB of audio fits in a WAV.`);
  return { frames, sampleRate };
}

/** The 44-byte header of 16-bit mono PCM with `frames` frames. */
function header(frames: number, sampleRate: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + frames * 2, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true); // PCM format chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, "data");
  view.setUint32(40, frames * 2, true);
  return bytes;
}

/**
 * One second of audio that loops without a click: a chirp from 220 up to 880 Hz and back, tuned to a
 * whole number of cycles. Computed once per file; everything longer repeats it, which is what keeps
 * `makeWav` fast at any length.
 */
function phrase(sampleRate: number): Int16Array {
  let samples = phrases.get(sampleRate);
  if (!samples) {
    samples = computePhrase(sampleRate);
    // A few rates at most in a test run; the oldest goes first.
    if (phrases.size >= 8) phrases.delete(phrases.keys().next().value as number);
    phrases.set(sampleRate, samples);
  }
  return samples;
}

/** The phrases made so far, by sample rate (read only: `fill` copies from them). */
const phrases = new Map<number, Int16Array>();

function computePhrase(sampleRate: number): Int16Array {
  const [low, high] = [220, 880];
  // Frequency at t in [0, 1): exponential up for the first half, the mirror image down.
  const frequencies = new Float64Array(sampleRate);
  let cycles = 0;
  for (let i = 0; i < sampleRate; i++) {
    frequencies[i] = low * (high / low) ** (1 - Math.abs((2 * i) / sampleRate - 1));
    cycles += (frequencies[i] as number) / sampleRate;
  }
  const step = (2 * Math.PI * (Math.round(cycles) / cycles)) / sampleRate;
  const samples = new Int16Array(sampleRate);
  let phase = 0;
  for (let i = 0; i < sampleRate; i++) {
    samples[i] = Math.round(Math.sin(phase) * 0.5 * 32767);
    phase += (frequencies[i] as number) * step;
  }
  return samples;
}

/** Fills `data` (16-bit samples of frames `first`, `first + 1`, ... of a file of `frames`) from the phrase. */
function fill(data: Int16Array, first: number, frames: number, loop: Int16Array): void {
  const period = loop.length;
  // Up to the next phrase boundary, then whole phrases by doubling copies (memmove speed).
  let done = Math.min(data.length, period - (first % period));
  data.set(loop.subarray(first % period, (first % period) + done));
  if (done < data.length) {
    const start = done;
    const lead = Math.min(period, data.length - start);
    data.set(loop.subarray(0, lead), start);
    done = start + lead;
    // Doubling up to a block of whole phrases (about 1 MiB), then that block again and again: its
    // source stays in the CPU's cache.
    const block = Math.max(period, Math.floor((512 * 1024) / period) * period);
    while (done < data.length) {
      const size = Math.min(done - start, block, data.length - done);
      data.copyWithin(done, start, start + size);
      done += size;
    }
  }
  // 50 ms fades at both ends of the file, so it starts and stops without a click.
  const fade = Math.max(1, Math.round(FADE_SECONDS * period));
  for (let frame = first; frame < Math.min(first + data.length, fade); frame++) {
    data[frame - first] = Math.round((data[frame - first] as number) * (frame / fade));
  }
  for (let frame = Math.max(first, frames - fade); frame < first + data.length; frame++) {
    data[frame - first] = Math.round((data[frame - first] as number) * ((frames - 1 - frame) / fade));
  }
}

/** Samples are little-endian in a WAV; `Int16Array` uses the platform's order (little-endian nearly everywhere). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function toLittleEndian(data: Int16Array): void {
  if (LITTLE_ENDIAN) return;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < data.length; i++) view.setInt16(i * 2, data[i] as number, true);
}

/**
 * A WAV file: 16-bit mono PCM, a chirp (220 Hz up to 880 Hz and back, once a second) with 50 ms
 * fades at the ends. Deterministic, so tests can compare bytes; fast at any length (hundreds of MB
 * per second), as longer files repeat the first second. `makeWav({ seconds: 3 })` is the
 * repository's `tools/fixtures/sample.wav`. For files too big to hold in memory, `writeWav`.
 */
export function makeWav(options: MakeWavOptions = {}): Uint8Array<ArrayBuffer> {
  const { frames, sampleRate } = shape(options, "makeWav");
  const bytes = new Uint8Array(new ArrayBuffer(HEADER_BYTES + frames * 2));
  bytes.set(header(frames, sampleRate));
  const data = new Int16Array(bytes.buffer, HEADER_BYTES, frames);
  fill(data, 0, frames, phrase(sampleRate));
  toLittleEndian(data);
  return bytes;
}

/** What `writeWav` needs of `node:fs/promises`. */
interface FsPromises {
  open(path: string, flags: string): Promise<{ write(data: Uint8Array): Promise<unknown>; close(): Promise<void> }>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

/**
 * Writes the WAV `makeWav(options)` makes to `path`, a block at a time: memory stays flat at any
 * size (a 2 GB upload test needs no 2 GB buffer). Resolves with the file's size in bytes; a failed
 * write removes the partial file. Needs Node (20.16+), Bun or Deno.
 */
export async function writeWav(path: string, options: MakeWavOptions = {}): Promise<number> {
  const { frames, sampleRate } = shape(options, "writeWav");
  // No static import of node:fs: this module runs in browsers and edge runtimes too.
  const fs = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process?.getBuiltinModule?.(
    "node:fs/promises",
  ) as FsPromises | undefined;
  if (!fs) throw new TypeError("writeWav needs node:fs (Node 20.16 or newer, Bun, Deno); use makeWav here.");
  const loop = phrase(sampleRate);
  // Blocks of whole phrases (about 4 MiB), so every block but the ends is the same bytes.
  const blockFrames = sampleRate * Math.max(1, Math.floor((2 * 1024 * 1024) / sampleRate));
  const file = await fs.open(path, "w");
  try {
    await file.write(header(frames, sampleRate));
    let middle: Uint8Array | undefined;
    for (let first = 0; first < frames; first += blockFrames) {
      const count = Math.min(blockFrames, frames - first);
      const fades = first === 0 || first + count > frames - Math.round(FADE_SECONDS * sampleRate) - 1;
      if (!fades && middle && count === blockFrames) {
        await file.write(middle);
        continue;
      }
      const data = new Int16Array(count);
      fill(data, first, frames, loop);
      toLittleEndian(data);
      const bytes = new Uint8Array(data.buffer);
      if (!fades && count === blockFrames) middle = bytes;
      await file.write(bytes);
    }
    await file.close();
  } catch (error) {
    await file.close().catch(() => {});
    await fs.rm(path, { force: true });
    throw error;
  }
  return HEADER_BYTES + frames * 2;
}

/** How many leading bytes `wavDuration` needs at most: headers with a long LIST chunk still fit. */
export const WAV_HEAD_BYTES = 64 * 1024;

/**
 * The duration in seconds of a WAV file from its header (`fmt ` byte rate, `data` size), given its
 * first bytes and its total size; `undefined` when the header cannot be read.
 */
export function wavDuration(head: Uint8Array, totalSize: number): number | undefined {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const tag = (offset: number) => String.fromCharCode(...head.subarray(offset, offset + 4));
  if (head.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") return undefined;
  let byteRate: number | undefined;
  for (let offset = 12; offset + 8 <= head.length; ) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    if (id === "fmt " && offset + 20 <= head.length) byteRate = view.getUint32(offset + 16, true);
    if (id === "data") {
      if (!byteRate) return undefined;
      // A streamed WAV may say 0 or 0xFFFFFFFF; the bytes that are there are the audio.
      const available = Math.max(0, totalSize - (offset + 8));
      const dataSize = size === 0 || size === 0xffffffff ? available : Math.min(size, available);
      return Math.round((dataSize / byteRate) * 1000) / 1000;
    }
    offset += 8 + size + (size % 2); // chunks are padded to an even size
  }
  return undefined;
}
