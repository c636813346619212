// The three exports are one document: the YAML as written in spec/voices.openapi.yaml, its bundle
// as JSON, and the typed default export (the built package is what is checked).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { bundledSpec, specPath, specText } from "../scripts/bundle.mjs";

const dist = new URL("../dist/", import.meta.url);
const require = createRequire(import.meta.url);

describe("@noiz-voices/spec as built", () => {
  it("openapi.yaml is spec/voices.openapi.yaml byte for byte", async () => {
    expect(await readFile(new URL("openapi.yaml", dist), "utf8")).toBe(await specText());
  });

  it("openapi.json and the default export are the spec bundled now (no drift from the YAML)", async () => {
    const json = JSON.parse(await readFile(new URL("openapi.json", dist), "utf8"));
    const esm = await import(new URL("index.js", dist).href);
    const fresh = await bundledSpec();
    expect(json).toEqual(fresh);
    expect(esm.default).toEqual(fresh);
    expect(esm.spec).toBe(esm.default);
  });

  it("require() gets the same document, by name and as `default`", () => {
    const cjs = require(new URL("index.cjs", dist).pathname);
    expect(cjs.spec).toBe(cjs.default);
    expect(cjs.spec.openapi).toBe("3.1.0");
    expect(Object.keys(cjs.spec.paths)).toEqual(["/voices", "/voices/{voice_id}"]);
  });

  it("reads the spec from the one place it is written", () => {
    expect(specPath.endsWith("/spec/voices.openapi.yaml")).toBe(true);
  });
});
