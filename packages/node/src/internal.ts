/**
 * `@noiz-voices/node/internal`: what `@noiz-voices/mcp` shares with this package. Not a public API:
 * anything here may change in any release, without notice.
 */
export { visible } from "./cli/escape.js";
