/** Cache edits behind the mutations: removing a voice from cached lists, and seeding a cloned voice. */
import type { ClonedVoice, CloneVoiceBody, Voice, VoiceList } from "@noiz-voices/client";
import type { InfiniteData, QueryClient, QueryKey } from "@tanstack/react-query";
import { voiceKeys } from "./keys.js";

/** Cached list data as it was before an optimistic edit, to put back on failure. */
export type ListSnapshot = ReadonlyArray<readonly [QueryKey, unknown]>;

function withoutVoice(page: VoiceList, voice_id: string): VoiceList {
  const voices = page.voices.filter((voice) => voice.voice_id !== voice_id);
  if (voices.length === page.voices.length) return page;
  return { ...page, voices, total_count: Math.max(0, page.total_count - 1) };
}

function withoutVoiceInfinite(
  data: InfiniteData<VoiceList, number>,
  voice_id: string,
): InfiniteData<VoiceList, number> {
  if (!data.pages.some((page) => page.voices.some((voice) => voice.voice_id === voice_id))) return data;
  // total_count is the whole list's, so every page's copy drops by one.
  const pages = data.pages.map((page) => {
    const voices = page.voices.filter((voice) => voice.voice_id !== voice_id);
    return { ...page, voices, total_count: Math.max(0, page.total_count - 1) };
  });
  return { ...data, pages };
}

function isInfiniteKey(key: QueryKey): boolean {
  return key[2] === "infinite";
}

/** Removes `voice_id` from every cached list, paged and infinite; returns what the lists held before. */
export function removeFromLists(queryClient: QueryClient, voice_id: string): ListSnapshot {
  const snapshot = queryClient.getQueriesData<unknown>({ queryKey: voiceKeys.lists() });
  for (const [key, data] of snapshot) {
    if (data === undefined) continue;
    const next = isInfiniteKey(key)
      ? withoutVoiceInfinite(data as InfiniteData<VoiceList, number>, voice_id)
      : withoutVoice(data as VoiceList, voice_id);
    if (next !== data) queryClient.setQueryData(key, next);
  }
  return snapshot;
}

/** Puts the lists back as they were in `snapshot`. */
export function restoreLists(queryClient: QueryClient, snapshot: ListSnapshot): void {
  for (const [key, data] of snapshot) queryClient.setQueryData(key, data);
}

/**
 * Seeds the detail of a just-cloned voice with what the clone response tells: its id, its name
 * (`voice_display_name`, else the `display_name` sent) and that it is a custom voice. The sample,
 * labels and times are not in the response, so the entry is marked stale: the first `useVoice`
 * shows the name at once and fetches the full voice.
 */
export function seedClonedVoice(queryClient: QueryClient, cloned: ClonedVoice, body: CloneVoiceBody): void {
  const queryKey = voiceKeys.detail(cloned.voice_id);
  const display_name = cloned.voice_display_name ?? body.display_name;
  if (queryClient.getQueryData(queryKey) === undefined && display_name !== undefined) {
    const seeded: Voice = { voice_id: cloned.voice_id, display_name, voice_type: "custom" };
    queryClient.setQueryData(queryKey, seeded);
    void queryClient.invalidateQueries({ queryKey, exact: true, refetchType: "none" });
    return;
  }
  // Already cached (a service that reuses ids, or the mock): whatever it held is out of date.
  void queryClient.invalidateQueries({ queryKey, exact: true });
}
