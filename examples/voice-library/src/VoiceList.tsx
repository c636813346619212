import type { Voice, VoiceType } from "@noiz-voices/client";
import { useInfiniteVoices } from "@noiz-voices/react";
import { describeError } from "./errors.js";

/** Voices per "load more". */
export const PAGE_SIZE = 10;

interface VoiceListProps {
  voiceType: VoiceType;
  keyword: string;
  selectedId: string | null;
  onSelect: (voice_id: string) => void;
}

export function VoiceList({ voiceType, keyword, selectedId, onSelect }: VoiceListProps) {
  const list = useInfiniteVoices({ voice_type: voiceType, keyword: keyword || undefined, limit: PAGE_SIZE });

  if (list.isPending) {
    return (
      <p className="state" aria-busy="true">
        Loading voices…
      </p>
    );
  }
  if (list.data === undefined) {
    return (
      <div className="state state-error" role="alert">
        <p>
          <strong>Couldn't load the voices.</strong> {list.error && describeError(list.error)}
        </p>
        <button type="button" onClick={() => list.refetch()}>
          Try again
        </button>
      </div>
    );
  }

  // A page can repeat a voice when the list shifts between requests: show each once.
  const seen = new Set<string>();
  const voices: Voice[] = [];
  for (const voice of list.data.pages.flatMap((page) => page.voices)) {
    if (!seen.has(voice.voice_id)) {
      seen.add(voice.voice_id);
      voices.push(voice);
    }
  }
  const total = list.data.pages.at(-1)?.total_count ?? voices.length;
  const kind = voiceType === "custom" ? "custom" : "built-in";

  if (voices.length === 0) {
    return (
      <p className="state state-empty">
        {keyword
          ? `No ${kind} voices match “${keyword}”. Try another word, or the other voice type.`
          : voiceType === "custom"
            ? "You have no custom voices yet. Clone one with the form."
            : "No built-in voices are available."}
      </p>
    );
  }

  return (
    <>
      <p className="count" aria-live="polite">
        {`${total} ${kind} ${total === 1 ? "voice" : "voices"}`}
        {keyword ? ` match “${keyword}”` : ""}
        {list.isFetching && !list.isFetchingNextPage ? " · updating…" : ""}
      </p>
      <ul className="voices" aria-label="Voices">
        {voices.map((voice) => (
          <li key={voice.voice_id}>
            <button
              type="button"
              className="voice"
              aria-pressed={voice.voice_id === selectedId}
              onClick={() => onSelect(voice.voice_id)}
            >
              <span className="voice-name">{voice.display_name}</span>
              <span className={`badge badge-${voice.voice_type}`}>{voice.voice_type}</span>
              {voice.labels && <span className="voice-labels">{voice.labels}</span>}
            </button>
          </li>
        ))}
      </ul>
      {list.hasNextPage ? (
        <button
          type="button"
          className="load-more"
          onClick={() => list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
        >
          {list.isFetchingNextPage ? "Loading more…" : `Load more (${voices.length} of ${total} shown)`}
        </button>
      ) : (
        voices.length > PAGE_SIZE && <p className="count">All {voices.length} shown.</p>
      )}
      {list.error && (list.isFetchNextPageError || list.isRefetchError) && (
        <p className="field-error" role="alert">
          {list.isFetchNextPageError ? "Couldn't load more" : "Couldn't refresh the list"}: {describeError(list.error)}
        </p>
      )}
    </>
  );
}
