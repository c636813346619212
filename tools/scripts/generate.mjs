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
await mkdir(dirname(outPath), { recursive: true });
await writeFile(outPath, HEADER + astToString(ast));
console.log(`generated ${outPath.slice(root.length + 1)}`);
