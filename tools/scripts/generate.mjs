// Regenerates packages/client/src/generated/voices.gen.ts from the spec.
// Run from any package directory (`pnpm generate` at the root runs it through turbo).
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const specPath = resolve(root, "spec/voices.openapi.yaml");
const outPath = resolve(root, "packages/client/src/generated/voices.gen.ts");

const HEADER = `/**
 * Generated, do not edit.
 * Source: spec/voices.openapi.yaml (openapi-typescript).
 * Change the spec, then run \`pnpm generate\`.
 */

`;

const ast = await openapiTS(pathToFileURL(specPath), {
  enumValues: true,
  rootTypes: false,
  alphabetize: false,
});
// openapi-typescript documents what the spec describes, but not its own top-level exports: the
// docs build requires every exported symbol to be documented, so they get a comment here.
const TOP_LEVEL_DOCS = {
  paths:
    "Every path of the Voices API with its operations: the type parameter of `client.raw`, an openapi-fetch `Client<paths>`.",
  webhooks: "The API's webhooks: none.",
  components: "The spec's reusable parts: `schemas` (such as `Voice`), `parameters` and `responses`.",
  $defs: "The spec's JSON Schema `$defs`: none.",
  operations: "Every operation by its `operationId`: parameters, request body and responses.",
  voiceTypeValues: "Every `VoiceType`, in the spec's order.",
};
const source = astToString(ast).replace(/^export (interface|type|const) (\$?\w+)/gm, (line, _kind, name) => {
  const doc = TOP_LEVEL_DOCS[name];
  if (!doc) throw new Error(`generate.mjs: export ${name} has no entry in TOP_LEVEL_DOCS; add a one-line doc for it.`);
  return `/** ${doc} */\n${line}`;
});
await mkdir(dirname(outPath), { recursive: true });
await writeFile(outPath, HEADER + source);
console.log(`generated ${outPath.slice(root.length + 1)}`);
