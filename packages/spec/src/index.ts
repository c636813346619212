/**
 * The OpenAPI 3.1 document of the NOIZ Voices API, as data: the same document as
 * `@noiz-voices/spec/openapi.json`, typed as an OpenAPI document.
 * @packageDocumentation
 */
import type { OpenAPIV3_1 } from "openapi-types";
import { document } from "./generated/openapi.gen.js";

/** The Voices API's OpenAPI 3.1 document, bundled (its `#/components` $refs kept). */
const spec: OpenAPIV3_1.Document = document;

export default spec;
/** The same document as the default export, by name (for `require` and re-exports). */
export { spec };
