// The React budget's browser program: a voice list with details, clone and delete, through the hooks.
import { useCloneVoice, useDeleteVoice, useVoice, useVoices, VoicesProvider } from "@noiz-voices/react";
import { createElement as h } from "react";

function Voices() {
  const voices = useVoices({ voice_type: "custom", limit: 20 });
  const first = voices.data?.voices[0];
  const details = useVoice(first?.voice_id ?? "");
  const clone = useCloneVoice();
  const remove = useDeleteVoice();
  return h(
    "div",
    null,
    details.data?.display_name,
    h("input", { type: "file", onChange: (event) => clone.mutate({ file: event.target.files[0] }) }),
    h("button", { type: "button", onClick: () => first && remove.mutate(first.voice_id) }, "delete"),
  );
}

export function App({ client }) {
  return h(VoicesProvider, { client }, h(Voices));
}
