export { type ApiKeyFromSources, type ReadApiKeyOptions, readApiKey } from "./api-key.js";
export { createVoicesClient, DEFAULT_CONNECTIONS, type NodeVoicesClientOptions } from "./client.js";
export { type CloneFields, cloneVoiceFromFile, FILE_UPLOAD_TIMEOUT_MS } from "./clone.js";
export { fileFromPath } from "./files.js";
export {
  DEFAULT_DOWNLOAD_TIMEOUT_MS,
  DEFAULT_SAMPLE_MAX_BYTES,
  type DownloadedSample,
  type DownloadSampleOptions,
  downloadVoiceSample,
} from "./samples.js";
