// The fake server every runtime talks to: the published test kit's loopback server, with its HTTP
// control API (`POST {url}/__fake/fail-next`, `POST {url}/__fake/reset`).
export { startFakeServer } from "@noiz-voices/testing/server";
