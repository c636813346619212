/** WAV audio for tests: the bytes to clone from, the fake's samples, and the duration of an upload. */

/** Options of `makeWav`. */
export interface MakeWavOptions {
  /** Length in seconds (default 1). */
  seconds?: number;
  /** Frames per second (default 16000). */
  sampleRate?: number;
}

const HEADER_BYTES = 44;

/**
 * A WAV file: 16-bit mono PCM, a rising chirp (220 to 880 Hz) with 50 ms fades. Deterministic, so
 * tests can compare bytes; `makeWav({ seconds: 3 })` is the repository's `tools/fixtures/sample.wav`.
 */
export function makeWav(options: MakeWavOptions = {}): Uint8Array<ArrayBuffer> {
  const { seconds = 1, sampleRate = 16_000 } = options;
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new RangeError("makeWav: seconds must be a number > 0.");
  if (!Number.isInteger(sampleRate) || sampleRate < 1 || sampleRate > 384_000) {
    throw new RangeError("makeWav: sampleRate must be an integer from 1 to 384000.");
  }
  const frames = Math.round(seconds * sampleRate);
  const bytes = new Uint8Array(new ArrayBuffer(HEADER_BYTES + frames * 2));
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
  const [from, to] = [220, 880];
  let phase = 0;
  for (let i = 0; i < frames; i++) {
    const t = i / sampleRate;
    // An exponential chirp: something to hear, and no clicks at the ends.
    phase += (2 * Math.PI * from * (to / from) ** (t / seconds)) / sampleRate;
    const fade = Math.min(1, t / 0.05, (seconds - t) / 0.05);
    view.setInt16(HEADER_BYTES + i * 2, Math.round(Math.sin(phase) * fade * 0.5 * 32767), true);
  }
  return bytes;
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
