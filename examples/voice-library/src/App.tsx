import type { Voice, VoiceType } from "@noiz-voices/client";
import { useDeleteVoice } from "@noiz-voices/react";
import { useState } from "react";
import { CloneForm } from "./CloneForm.js";
import { describeError } from "./errors.js";
import { useBackendInfo } from "./useBackendInfo.js";
import { useDebounced } from "./useDebounced.js";
import { VoiceDetails } from "./VoiceDetails.js";
import { VoiceList } from "./VoiceList.js";

interface Notice {
  kind: "info" | "error";
  text: string;
}

export function App() {
  const [search, setSearch] = useState("");
  const keyword = useDebounced(search.trim(), 300);
  const [voiceType, setVoiceType] = useState<VoiceType>("custom");
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const backend = useBackendInfo();

  // Here rather than in the details panel: the panel closes when a delete starts, and the
  // outcome (or the rollback) still has to be told.
  const deleteVoice = useDeleteVoice({
    onSuccess: (deleted) => setNotice({ kind: "info", text: `Deleted “${deleted.display_name ?? deleted.voice_id}”.` }),
    onError: (error, voice_id) =>
      setNotice({
        kind: "error",
        text: `Couldn't delete ${voice_id}: ${describeError(error)} It is back in the list.`,
      }),
  });

  const confirmDelete = (voice: Voice) => {
    setSelectedId(null);
    setNotice({ kind: "info", text: `Deleting “${voice.display_name}”…` });
    deleteVoice.mutate(voice.voice_id);
  };

  return (
    <div className="app">
      <header className="app-header">
        <h1>Voice library</h1>
        <p className="tagline">Your cloned voices and NOIZ's built-in ones: search, listen, clone, delete.</p>
      </header>
      {backend.data?.fake && (
        <p className="banner" role="note">
          Demo data: this app's backend runs a local fake of the Voices API (@noiz-voices/testing), with no account and
          no key. What you clone or delete stays that way until the backend restarts.
        </p>
      )}
      {notice && (
        <p className={`notice notice-${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"}>
          {notice.text}
          <button type="button" className="link" onClick={() => setNotice(null)} aria-label="Dismiss">
            ×
          </button>
        </p>
      )}
      <main className="layout">
        <section className="panel library" aria-labelledby="library-title">
          <h2 id="library-title">Voices</h2>
          <div className="toolbar">
            <label className="search">
              <span className="visually-hidden">Search voices</span>
              <input
                type="search"
                placeholder="Search by name, description or label"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
              />
            </label>
            <fieldset className="segmented">
              <legend className="visually-hidden">Voice type</legend>
              {(["custom", "built-in"] as const).map((type) => (
                <label key={type} className={voiceType === type ? "active" : undefined}>
                  <input
                    type="radio"
                    name="voice_type"
                    value={type}
                    checked={voiceType === type}
                    onChange={() => setVoiceType(type)}
                  />
                  {type === "custom" ? "Custom" : "Built-in"}
                </label>
              ))}
            </fieldset>
          </div>
          <VoiceList voiceType={voiceType} keyword={keyword} selectedId={selectedId} onSelect={setSelectedId} />
        </section>
        <div className="side">
          <VoiceDetails voiceId={selectedId} onDelete={confirmDelete} />
          <CloneForm onShow={setSelectedId} />
        </div>
      </main>
    </div>
  );
}
