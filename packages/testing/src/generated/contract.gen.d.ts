/**
 * Generated, do not edit.
 * Source: spec/voices.openapi.yaml (ajv standalone validators, bundled by esbuild).
 * Change the spec, then run `pnpm generate`.
 */

/** An ajv validator: true when `data` is valid; otherwise `errors` says why. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ValidationIssue[] | null;
}

/** One violation, as ajv reports it. */
export interface ValidationIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** An operation of the spec, as the fake routes and checks it. */
export interface OperationSpec {
  operationId: "listVoices" | "cloneVoice" | "getVoice" | "deleteVoice";
  method: string;
  /** The spec's path template, such as `/voices/{voice_id}`. */
  path: string;
  /** Parameter names by where they go; each `<operationId>:<where>` has a request validator. */
  parameters: { path?: string[]; query?: string[]; header?: string[] };
  /** The body's media types (a validator each: `<operationId>:body:<type>`) and part encodings. */
  requestBody: { required: boolean; contentTypes: string[]; encoding: Record<string, string[]> } | null;
  /** Documented statuses; `json` ones have a response validator `<operationId>:<status>`. */
  responses: Record<string, { json: boolean; headers: string[] }>;
}

/** Request validators (coercing, filling defaults) by `<operationId>:<path|query|header>` or `<operationId>:body:<type>`. */
export const requestValidators: Record<string, Validator>;
/** Response body validators by `<operationId>:<status>`, and `schema:<Name>` for each component schema. */
export const responseValidators: Record<string, Validator>;
/** Every operation of the spec. */
export const operations: OperationSpec[];
/** The API key's header, lower-cased. */
export const security: { header: string };
/** The spec's `info.version`. */
export const specVersion: string;
