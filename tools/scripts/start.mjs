// The main job: start the Prism mock of the spec and walk the whole flow with the real client.
import { createVoicesClient } from "@noiz-voices/client";
import { startMockServer } from "@noiz-voices/mock";

const mock = await startMockServer();
console.log(`mock: Prism serving spec/voices.openapi.yaml on ${mock.url}`);
try {
  const client = createVoicesClient({ apiKey: "mock-key", baseUrl: mock.url });
  const builtIn = await client.voices.list(
    { voice_type: "built-in" },
    // Prism answers with the spec's first example unless asked for another.
    { headers: { Prefer: "example=builtInVoices" } },
  );
  console.log(
    `list: ${builtIn.total_count} built-in voice(s): ${builtIn.voices.map((v) => v.display_name).join(", ")}`,
  );
  const wav = new Uint8Array(44);
  wav.set([0x52, 0x49, 0x46, 0x46], 0);
  wav.set([0x57, 0x41, 0x56, 0x45], 8);
  const cloned = await client.voices.clone({ file: new File([wav], "sample.wav"), display_name: "Demo" });
  console.log(`clone: created ${cloned.voice_id}`);
  const voice = await client.voices.get(cloned.voice_id);
  console.log(`get: ${voice.voice_id} "${voice.display_name}" (${voice.voice_type})`);
  const deleted = await client.voices.delete(cloned.voice_id);
  console.log(`delete: ${deleted.voice_id} deleted at ${new Date(deleted.delete_time * 1000).toISOString()}`);
} finally {
  await mock.stop();
  console.log("mock: stopped");
}
