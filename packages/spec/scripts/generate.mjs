// Generates src/generated/openapi.gen.ts: the bundled spec as a TypeScript object, checked at
// compile time (`satisfies`) to be an OpenAPI 3.1 document. Run by `pnpm generate`.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundledSpec } from "./bundle.mjs";

const outPath = resolve(dirname(fileURLToPath(import.meta.url)), "../src/generated/openapi.gen.ts");

const HEADER = `/**
 * Generated, do not edit.
 * Source: spec/voices.openapi.yaml (bundled by @redocly/openapi-core).
 * Change the spec, then run \`pnpm generate\`.
 */
`;

const document = await bundledSpec();
const source = `${HEADER}import type { OpenAPIV3_1 } from "openapi-types";

/** The Voices API's OpenAPI document, bundled (its \`#/components\` $refs kept). */
export const document = ${JSON.stringify(document, null, 2)} satisfies OpenAPIV3_1.Document;
`;
await mkdir(dirname(outPath), { recursive: true });
await writeFile(outPath, source);
console.log("generated packages/spec/src/generated/openapi.gen.ts");
