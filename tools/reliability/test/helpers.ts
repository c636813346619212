// Shared bits of the hostile-condition suites.

/** Runs `fn` and returns what it resolved with or threw. */
export async function outcome<T>(fn: () => Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await fn() };
  } catch (error) {
    return { error };
  }
}

/** A valid WAV header padded to `size` bytes. */
export function wavBytes(size = 64): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set([0x52, 0x49, 0x46, 0x46], 0);
  bytes.set([0x57, 0x41, 0x56, 0x45], 8);
  return bytes;
}

/** A WAV `File` of `size` bytes. */
export function wavFile(size = 64, name = "sample.wav"): File {
  return new File([wavBytes(size)], name);
}

/** The list page the fault server answers with. */
export const PAGE = {
  total_count: 1,
  voices: [{ voice_id: "abc123def456", display_name: "My Custom Voice", voice_type: "custom" }],
};

/** A clone result. */
export const CLONED = { voice_id: "abc123def456", voice_display_name: "Mine" };
