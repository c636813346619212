import { NotFoundError, type Voice } from "@noiz-voices/client";
import { useVoice } from "@noiz-voices/react";
import { useEffect, useState } from "react";
import { describeError } from "./errors.js";

interface VoiceDetailsProps {
  voiceId: string | null;
  onDelete: (voice: Voice) => void;
}

export function VoiceDetails({ voiceId, onDelete }: VoiceDetailsProps) {
  const voice = useVoice(voiceId);
  const [confirming, setConfirming] = useState(false);
  const [sampleFailed, setSampleFailed] = useState(false);
  // A new selection starts without a pending confirmation or a failed sample.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the selection changes
  useEffect(() => {
    setConfirming(false);
    setSampleFailed(false);
  }, [voiceId]);

  if (!voiceId) {
    return (
      <section className="panel details" aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <p className="state">Select a voice to see its details and hear its sample.</p>
      </section>
    );
  }

  return (
    <section className="panel details" aria-labelledby="details-title" aria-busy={voice.isFetching}>
      <h2 id="details-title">Details</h2>
      {voice.isPending && <p className="state">Loading the voice…</p>}
      {voice.isError && (
        <div className="state state-error" role="alert">
          <p>
            {voice.error instanceof NotFoundError
              ? "This voice doesn't exist any more (it may have been deleted)."
              : `Couldn't load the voice. ${describeError(voice.error)}`}
          </p>
          {!(voice.error instanceof NotFoundError) && (
            <button type="button" onClick={() => voice.refetch()}>
              Try again
            </button>
          )}
        </div>
      )}
      {voice.data && (
        <article className="voice-details">
          <h3>
            {voice.data.display_name}{" "}
            <span className={`badge badge-${voice.data.voice_type}`}>{voice.data.voice_type}</span>
          </h3>
          <dl>
            <dt>Voice id</dt>
            <dd>
              <code>{voice.data.voice_id}</code>
            </dd>
            {voice.data.labels && (
              <>
                <dt>Labels</dt>
                <dd>{voice.data.labels}</dd>
              </>
            )}
            {voice.data.create_time !== undefined && (
              <>
                <dt>Created</dt>
                <dd>{new Date(voice.data.create_time * 1000).toLocaleString()}</dd>
              </>
            )}
            {voice.data.meta?.text && (
              <>
                <dt>Sample transcript</dt>
                <dd className="transcript" id="sample-transcript">
                  “{voice.data.meta.text}”
                </dd>
              </>
            )}
          </dl>
          {voice.data.sample ? (
            <div className="sample">
              {/* preload="none": nothing is downloaded until the user presses play. */}
              {/* biome-ignore lint/a11y/useMediaCaption: the service has no caption track; the transcript above is its text, linked by aria-describedby. */}
              <audio
                controls
                preload="none"
                src={voice.data.sample}
                aria-label={`Sample of ${voice.data.display_name}`}
                aria-describedby={voice.data.meta?.text ? "sample-transcript" : undefined}
                onError={() => setSampleFailed(true)}
              />
              {sampleFailed && <p className="field-error">The sample couldn't be played from {voice.data.sample}.</p>}
            </div>
          ) : (
            <p className="state">{voice.isFetching ? "Loading the sample…" : "This voice has no sample."}</p>
          )}
          {voice.data.voice_type === "custom" &&
            (confirming ? (
              <div className="confirm" role="alertdialog" aria-labelledby="confirm-text">
                <p id="confirm-text">
                  Delete “{voice.data.display_name}”? It will disappear from your library and can't be used any more.
                </p>
                <div className="actions">
                  <button type="button" className="danger" onClick={() => voice.data && onDelete(voice.data)}>
                    Yes, delete
                  </button>
                  <button type="button" onClick={() => setConfirming(false)}>
                    Cancel
                  </button>
                </div>
              </div>
            ) : (
              <button type="button" className="danger-outline" onClick={() => setConfirming(true)}>
                Delete voice…
              </button>
            ))}
        </article>
      )}
    </section>
  );
}
