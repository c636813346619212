// One Prism mock per test run (see @noiz-voices/mock/vitest-setup), provided as inject("mockUrl").
export { setup, teardown } from "@noiz-voices/mock/vitest-setup";
