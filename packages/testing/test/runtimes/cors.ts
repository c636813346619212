// The browser page's second script: a page on one loopback origin calls the fake server on another,
// through the client on the browser's own fetch (CORS preflights with Authorization included).
import { createVoicesClient, ServerError } from "@noiz-voices/client";
import { makeWav } from "@noiz-voices/testing";

const out = (line: string) => {
  (globalThis as { __result?: string }).__result = line;
};

async function run(): Promise<Record<string, unknown>> {
  const baseUrl = new URL(location.href).searchParams.get("api") ?? "";
  const client = createVoicesClient({ apiKey: "test-key", baseUrl, maxRetries: 0, dangerouslyAllowBrowser: true });
  const cloned = await client.voices.clone({ file: new Blob([makeWav({ seconds: 1 })]), display_name: "From a page" });
  const voice = await client.voices.get(cloned.voice_id);
  const sample = await fetch(voice.sample ?? "");
  const control = await fetch(`${baseUrl}/__fake/fail-next`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ operation: "listVoices", fault: { status: 503 } }),
  });
  const failed = await client.voices.list().catch((error: unknown) => error instanceof ServerError);
  return {
    origin: location.origin !== new URL(baseUrl).origin,
    list: (await client.voices.list()).voices.map((v) => v.display_name),
    sample: [sample.status, (await sample.arrayBuffer()).byteLength, voice.sample?.startsWith(baseUrl)],
    control: control.status,
    failed,
  };
}

run().then(
  (result) => out(`RESULT ${JSON.stringify(result)}`),
  (error: unknown) => out(`ERROR ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`),
);
