// The size budget's browser program: every operation of the Voices API through the client, and listAll.
import { createVoicesClient } from "@noiz-voices/client";

const client = createVoicesClient({ baseUrl: new URL("/api", location.origin).href });
const { voices } = await client.voices.list({ voice_type: "custom", limit: 20 });
const voice = await client.voices.get(voices[0].voice_id);
const file = document.querySelector("input[type=file]").files[0];
const cloned = await client.voices.clone({ file, display_name: voice.display_name });
await client.voices.delete(cloned.voice_id);
for await (const each of client.voices.listAll({ voice_type: "custom" })) console.log(each.display_name);
