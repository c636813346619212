export type { OperationId } from "./contract.js";
export {
  createFakeVoices,
  DEFAULT_FAKE_API_KEY,
  DEFAULT_FAKE_BASE_URL,
  type FakeVoices,
  type FakeVoicesOptions,
  type RecordedFile,
  type RecordedRequest,
} from "./fake.js";
export type {
  DelayFault,
  EnvelopeFault,
  Fault,
  FaultTarget,
  HangFault,
  NetworkFault,
  StatusFault,
} from "./faults.js";
export type { FakeVoice, SeedVoice } from "./store.js";
export { type MakeWavOptions, makeWav, writeWav } from "./wav.js";
