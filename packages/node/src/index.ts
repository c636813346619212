export { type CloneFields, type CloneFromFileOptions, cloneVoiceFromFile } from "./clone.js";
export { fileFromPath } from "./files.js";
export {
  DEFAULT_DOWNLOAD_TIMEOUT_MS,
  type DownloadedSample,
  type DownloadSampleOptions,
  downloadVoiceSample,
} from "./samples.js";
export type { UploadProgress } from "./upload.js";
