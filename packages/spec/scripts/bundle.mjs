// The spec bundled into one JSON document by @redocly/openapi-core: every external $ref inlined
// (there are none today), the internal `#/components/...` $refs kept, so tools that read
// components by name (code generators, validators) see the document as written.
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle, createConfig } from "@redocly/openapi-core";

/** spec/voices.openapi.yaml: the one place the contract is written. */
export const specPath = resolve(dirname(fileURLToPath(import.meta.url)), "../../../spec/voices.openapi.yaml");

/** The spec as written, byte for byte. */
export const specText = () => readFile(specPath, "utf8");

/** @returns {Promise<Record<string, unknown>>} */
export async function bundledSpec() {
  const { bundle: document, problems } = await bundle({ ref: specPath, config: await createConfig({}) });
  const errors = problems.filter((problem) => problem.severity === "error");
  if (errors.length > 0)
    throw new Error(`bundling ${specPath}: ${errors.map((problem) => problem.message).join("; ")}`);
  return document.parsed;
}
