// consumer-deps: @types/node@20.19.43
// The consumer smoke test's program for @noiz-voices/node: the Node client, clone from a file on disk,
// and download a sample.
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Voice } from "@noiz-voices/client";
import {
  cloneVoiceFromFile,
  createVoicesClient,
  DEFAULT_CONNECTIONS,
  DEFAULT_DOWNLOAD_TIMEOUT_MS,
  DEFAULT_SAMPLE_MAX_BYTES,
  downloadVoiceSample,
  FILE_UPLOAD_TIMEOUT_MS,
  fileFromPath,
  readApiKey,
} from "@noiz-voices/node";
import { makeWav } from "@noiz-voices/testing";

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
}

/** 0.1 s of WAV audio (3244 bytes), from the test kit (installed from its tarball beside this package). */
const wavBytes = () => makeWav({ seconds: 0.1 });

export async function run(baseUrl: string): Promise<string[]> {
  const seen: string[] = [];
  const dir = await mkdtemp(join(tmpdir(), "noiz-node-consumer-"));
  // Serves the sample a downloaded voice points at, on loopback.
  const samples = createServer((_request, response) => response.end(Buffer.from(wavBytes())));
  await new Promise<void>((resolve) => samples.listen(0, "127.0.0.1", resolve));
  try {
    const client = createVoicesClient({
      apiKey: "consumer-key",
      baseUrl,
      maxRetries: 0,
      connections: DEFAULT_CONNECTIONS,
    });
    const path = join(dir, "me.wav");
    await writeFile(path, wavBytes());

    const blob = await fileFromPath(path);
    check(blob.size === wavBytes().byteLength && blob.type === "audio/wav", "fileFromPath detects WAV");
    const cloned = await client.voices.clone({ file: blob, display_name: "From disk" });
    seen.push(`clone from file: ${cloned.voice_id}`);
    const again = await cloneVoiceFromFile(
      client,
      path,
      { display_name: "From disk" },
      { timeoutMs: FILE_UPLOAD_TIMEOUT_MS },
    );
    check(again.voice_id === cloned.voice_id, "cloneVoiceFromFile is clone with fileFromPath");

    const { port } = samples.address() as AddressInfo;
    const voice: Voice = { ...(await client.voices.get(cloned.voice_id)), sample: `http://127.0.0.1:${port}/s.wav` };
    await downloadVoiceSample(voice, join(dir, "sample.wav"), {
      timeoutMs: DEFAULT_DOWNLOAD_TIMEOUT_MS,
      maxBytes: DEFAULT_SAMPLE_MAX_BYTES,
    });
    check((await stat(join(dir, "sample.wav"))).size === wavBytes().byteLength, "downloadVoiceSample wrote the sample");
    seen.push("download: ok");

    // The noiz-voices command's key sources: here NOIZ_API_KEY of the given environment.
    const fromEnv = await readApiKey({ env: { NOIZ_API_KEY: " consumer-key ", NOIZ_CONFIG_DIR: dir } });
    check(fromEnv?.key === "consumer-key" && fromEnv.source === "NOIZ_API_KEY", "readApiKey reads NOIZ_API_KEY");
    check((await readApiKey({ env: { NOIZ_CONFIG_DIR: dir } })) === undefined, "readApiKey: no source, no key");
  } finally {
    samples.close();
    await rm(dir, { recursive: true, force: true });
  }
  return seen;
}
