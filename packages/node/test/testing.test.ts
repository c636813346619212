// The `@noiz-voices/node/testing` entry as built (what users import), and the committed sample WAV.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createVoicesClient, NotFoundError } from "@noiz-voices/client";
import { describe, expect, it } from "vitest";
import { makeSampleWav, samplePath } from "../../../tools/scripts/make-sample-wav.mjs";
import { specPath, startMockServer } from "../dist/testing.js";
import { tempDir } from "./helpers.js";

describe("@noiz-voices/node/testing", () => {
  it("ships the spec inside the package", () => {
    expect(specPath).toMatch(/dist[/\\]voices\.openapi\.yaml$/);
    expect(readFileSync(specPath, "utf8")).toContain("operationId: cloneVoice");
  });

  it("starts Prism on the spec, answers the client, picks responses with Prefer, and stops", async () => {
    const mock = await startMockServer({ startTimeoutMs: 120_000 });
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = createVoicesClient({ apiKey: "any-key", baseUrl: mock.url, maxRetries: 0 });
      expect((await client.voices.get("abc123def456")).display_name).toBe("My Custom Voice");
      const error = await client.voices.get("gone", { headers: { Prefer: "code=404" } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
    } finally {
      await mock.stop();
    }
    await expect(fetch(`${mock.url}/voices`)).rejects.toThrow();
  }, 180_000);

  it("says clearly when the spec it is given does not exist", async () => {
    const missing = join(await tempDir(), "nope.yaml");
    await expect(startMockServer({ specPath: missing })).rejects.toThrow(`no OpenAPI document at ${missing}`);
  });
});

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
