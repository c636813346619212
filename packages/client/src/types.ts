import type { components, operations, paths } from "./generated/voices.gen.js";

type Schemas = components["schemas"];

/** A voice, custom or built-in, as the service returns it. */
export type Voice = Schemas["Voice"];
/** `custom` for voices cloned by the account, `built-in` for system voices. */
export type VoiceType = Schemas["VoiceType"];
/** One page of voices with the total count across all pages. */
export type VoiceList = Schemas["VoiceList"];
/** The result of cloning a voice. */
export type ClonedVoice = Schemas["ClonedVoice"];
/** The voice that a delete soft-deleted. */
export type DeletedVoice = Schemas["DeletedVoice"];
/** The JSON envelope every body is wrapped in; `code` 0 means success. */
export type Envelope = Schemas["Envelope"];
/** The body of a failed call. */
export type ErrorEnvelope = Schemas["ErrorEnvelope"];

/** Query parameters of `GET /voices`; `skip` is a page number, not an offset. */
export type ListVoicesParams = NonNullable<operations["listVoices"]["parameters"]["query"]>;

/** Parameters of `listAll`: the list filters, the first page, and how many pages to fetch at once. */
export type ListAllVoicesParams = ListVoicesParams & {
  /** Page requests kept in flight at once, the current page included (default 4). */
  concurrency?: number;
};

type WireCloneRequest = Schemas["CloneVoiceRequest"];

// The spec's `format: binary` is generated as `string`; callers hand over a Blob.
type BinaryAsBlob<T> = T extends unknown ? { [K in keyof T]: K extends "file" ? Blob : T[K] } : never;

/**
 * The body of a clone request: `file` (a Blob or File of WAV, MP3 or M4A audio) or
 * `voice_url`, at least one, plus optional `display_name`, `denoise` and `language`.
 */
export type CloneVoiceBody = BinaryAsBlob<WireCloneRequest>;

/** The wire form of a clone request, as generated from the spec. */
export type WireCloneVoiceRequest = WireCloneRequest;

export type { components, operations, paths };
