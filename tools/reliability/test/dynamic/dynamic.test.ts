// The client against `prism mock --dynamic`: every response is generated at random from the
// spec's schemas, and the client must parse every one and hand back what the schema requires.
import { createVoicesClient, InvalidResponseError, type Voice, voiceTypeValues } from "@noiz-voices/client";
import { describe, expect, inject, it } from "vitest";
import { wavFile } from "../helpers.js";

const CALLS = Number(process.env.DYNAMIC_CALLS ?? 50);

function expectVoice(voice: Voice) {
  expect(typeof voice.voice_id).toBe("string");
  expect(typeof voice.display_name).toBe("string");
  expect(voiceTypeValues).toContain(voice.voice_type);
}

/** Runs `count` calls, at most `width` at a time, and collects what went wrong. */
async function many<T>(count: number, width: number, call: (i: number) => Promise<T>, check: (value: T) => void) {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      try {
        check(await call(i));
      } catch (error) {
        failures.push(`call ${i}: ${(error as Error).name}: ${(error as Error).message}`.slice(0, 400));
      }
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return failures;
}

describe(`prism --dynamic: ${CALLS} calls of each operation`, () => {
  const client = () =>
    createVoicesClient({ apiKey: "dynamic-key", baseUrl: inject("dynamicMockUrl"), maxRetries: 0, timeoutMs: 20_000 });

  it("list parses every page", async () => {
    const failures = await many(
      CALLS,
      4,
      (i) => client().voices.list({ skip: i, limit: 1 + (i % 20), voice_type: voiceTypeValues[i % 2] }),
      (page) => {
        expect(Number.isInteger(page.total_count)).toBe(true);
        expect(page.total_count).toBeGreaterThanOrEqual(0);
        expect(Array.isArray(page.voices)).toBe(true);
        page.voices.forEach(expectVoice);
      },
    );
    expect(failures).toEqual([]);
  });

  it("get parses every voice", async () => {
    const failures = await many(CALLS, 4, (i) => client().voices.get(`voice-${i}`), expectVoice);
    expect(failures).toEqual([]);
  });

  it("clone parses every result", async () => {
    const failures = await many(
      CALLS,
      4,
      (i) =>
        client().voices.clone(
          i % 2
            ? { file: wavFile(256), display_name: `v${i}`, denoise: true }
            : { voice_url: "https://example.com/a.wav" },
        ),
      (cloned) => expect(typeof cloned.voice_id).toBe("string"),
    );
    expect(failures).toEqual([]);
  });

  it("delete parses every result", async () => {
    const failures = await many(
      CALLS,
      4,
      (i) => client().voices.delete(`voice-${i}`),
      (deleted) => {
        expect(typeof deleted.voice_id).toBe("string");
        expect(Number.isInteger(deleted.delete_time)).toBe(true);
      },
    );
    expect(failures).toEqual([]);
  });

  it("listAll reads generated pages until total_count, or stops on one that breaks the paging", async () => {
    // Generated total_counts can be huge: stop after a bounded number of voices. Generated pages
    // rarely agree with limit and total_count; listAll then ends with an InvalidResponseError that
    // says so (issue 11) instead of ending silently with voices missing.
    const failures = await many(
      Math.ceil(CALLS / 5),
      2,
      async () => {
        const ids: string[] = [];
        try {
          for await (const voice of client().voices.listAll({ limit: 5, concurrency: 2 })) {
            expectVoice(voice);
            ids.push(voice.voice_id);
            if (ids.length >= 25) break;
          }
        } catch (error) {
          if (!(error instanceof InvalidResponseError && /stopped making progress/.test(error.message))) throw error;
        }
        return ids;
      },
      (ids) => expect(new Set(ids).size).toBe(ids.length),
    );
    expect(failures).toEqual([]);
  });
});
