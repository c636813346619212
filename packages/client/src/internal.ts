/**
 * `@noiz-voices/client/internal`: what the sibling packages (`@noiz-voices/node`, `testing`, `mcp`)
 * share with the core. Not a public API: anything here may change in any release, without notice.
 * An app imports from `@noiz-voices/client`, and an adapter's author from `@noiz-voices/client/adapter`.
 */
export { type BodySource, DEFAULT_MAX_RESPONSE_BYTES, type ReadLimits, readBody } from "./body.js";
export { type ErrorClass, type ErrorRule, OUTCOME_UNKNOWN, ruleFor, triedTimes } from "./error-table.js";
export { isEnvelope, requestIdOf } from "./errors.js";
export { toFormData } from "./fetch-adapter.js";
export { OPERATIONS, type OperationId } from "./operations.js";
export {
  type Attempt,
  type Call,
  createPipeline,
  type Decode,
  type DecodeContext,
  type Exchange,
  type Pipeline,
  type PipelineConfig,
  whatOf,
} from "./pipeline.js";
export { createRedactor, type Redactor } from "./redact.js";
export { neverReachedServer } from "./retry.js";
export { createDeadline, type Deadline, MAX_TIMER_MS, onAbort, sleep, TIMED_OUT } from "./signals.js";
export { AUDIO_EXTENSIONS, checkLogLevel, checkVoiceId, DEFAULT_PAGE_LIMIT } from "./validate.js";
