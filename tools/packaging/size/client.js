// The size budget's browser program: every operation of the Voices API through the client.
import { createVoicesClient } from "@noiz-voices/client";

const client = createVoicesClient({ apiKey: "browser-key" });
const { voices } = await client.voices.list({ voice_type: "custom", limit: 20 });
const voice = await client.voices.get(voices[0].voice_id);
const file = document.querySelector("input[type=file]").files[0];
const cloned = await client.voices.clone({ file, display_name: voice.display_name });
await client.voices.delete(cloned.voice_id);
