export type { ListSnapshot } from "./cache.js";
export {
  type InfiniteVoiceListKey,
  type InfiniteVoicesParams,
  type VoiceDetailKey,
  type VoiceListKey,
  voiceKeys,
} from "./keys.js";
export {
  type CloneVoiceMutationOptions,
  cloneVoiceMutationOptions,
  type DeleteVoiceContext,
  type DeleteVoiceMutationOptions,
  deleteVoiceMutationOptions,
  type UseCloneVoiceOptions,
  type UseDeleteVoiceOptions,
  useCloneVoice,
  useDeleteVoice,
} from "./mutations.js";
export {
  DEFAULT_PAGE_SIZE,
  type InfiniteVoicesQueryOptions,
  infiniteVoicesQueryOptions,
  nextVoicesPage,
  type VoiceQueryOptions,
  type VoicesQueryOptions,
  voiceQueryOptions,
  voicesQueryOptions,
} from "./options.js";
export { useVoicesClient, VoicesProvider, type VoicesProviderProps } from "./provider.js";
export {
  type UseInfiniteVoicesOptions,
  type UseSuspenseInfiniteVoicesOptions,
  type UseSuspenseVoiceOptions,
  type UseSuspenseVoicesOptions,
  type UseVoiceOptions,
  type UseVoicesOptions,
  useInfiniteVoices,
  useSuspenseInfiniteVoices,
  useSuspenseVoice,
  useSuspenseVoices,
  useVoice,
  useVoices,
} from "./queries.js";
