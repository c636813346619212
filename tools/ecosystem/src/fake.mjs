// The fake server every runtime talks to. A stand-in until `@noiz-voices/testing/server` lands.
export { startFakeServer } from "./stand-in-server.mjs";
