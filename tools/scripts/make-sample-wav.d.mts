/** Absolute path of tools/fixtures/sample.wav. */
export const samplePath: string;
/** The sample WAV's bytes (deterministic). */
export function makeSampleWav(options?: { seconds?: number; rate?: number; from?: number; to?: number }): Buffer;
