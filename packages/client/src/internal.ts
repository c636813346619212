/**
 * `@noiz-voices/client/internal`: what the sibling packages (`@noiz-voices/node`, `testing`, `mcp`)
 * share with the core. Not a public API: anything here may change in any release, without notice.
 * An app imports from `@noiz-voices/client`, and an adapter's author from `@noiz-voices/client/adapter`.
 */
export { type BodySource, readBody } from "./body.js";
export { ruleFor, triedTimes } from "./error-table.js";
export { withOperation } from "./errors.js";
export { createPipeline, type Decode } from "./pipeline.js";
export { createRedactor } from "./redact.js";
export { MAX_TIMER_MS } from "./signals.js";
export { AUDIO_EXTENSIONS, DEFAULT_PAGE_LIMIT } from "./validate.js";
