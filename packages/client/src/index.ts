export {
  createVoicesClient,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type VoicesClient,
  type VoicesClientOptions,
} from "./client.js";
export {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  REQUEST_ID_HEADERS,
  ServerError,
  type Setting,
  TimeoutError,
  ValidationError,
  VoicesError,
  type VoicesErrorDetails,
} from "./errors.js";
export { voiceTypeValues } from "./generated/voices.gen.js";
export { LOG_LEVEL_ENV, LOG_LEVELS, type Logger, type LogLevel, type LogRecord } from "./log.js";
export type { Middleware } from "./middleware.js";
export type { Attempt, AttemptTrace, CallTrace, RequestOptions, Tracing } from "./pipeline.js";
export type {
  ClonedVoice,
  CloneVoiceBody,
  components,
  DeletedVoice,
  Envelope,
  ErrorEnvelope,
  ListAllVoicesParams,
  ListVoicesParams,
  operations,
  paths,
  Voice,
  VoiceList,
  VoiceType,
} from "./types.js";
export { type AudioType, sniffAudioType } from "./validate.js";
export type { VoicesIterator, VoicesPromise, VoicesResource, WithResponse } from "./voices.js";
