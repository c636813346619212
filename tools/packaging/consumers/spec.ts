// consumer-deps: openapi-types@12.1.3
// The consumer smoke test's program for @noiz-voices/spec: the typed document from `import`, and the
// two files of its exports map, which must hold the same document. It needs no server.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import document, { spec } from "@noiz-voices/spec";
import type { OpenAPIV3_1 } from "openapi-types";

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`consumer check failed: ${what}`);
}

export async function run(_prismUrl: string): Promise<string[]> {
  const seen: string[] = [];
  // The default export types as an OpenAPI 3.1 document.
  const typed: OpenAPIV3_1.Document = document;
  check(typed === spec, "the default export is the named one");
  check(typed.openapi === "3.1.0" && typed.info.title === "NOIZ Voices API", "an OpenAPI 3.1 document");
  const operations = Object.values(typed.paths ?? {}).flatMap((item) =>
    (["get", "post", "delete"] as const).flatMap((method) => item?.[method]?.operationId ?? []),
  );
  check(operations.join() === "listVoices,cloneVoice,getVoice,deleteVoice", `operations: ${operations.join()}`);
  seen.push("typed: ok");

  const require = createRequire(import.meta.url);
  const json = JSON.parse(readFileSync(require.resolve("@noiz-voices/spec/openapi.json"), "utf8"));
  check(JSON.stringify(json) === JSON.stringify(typed), "openapi.json is the default export");
  const yaml = readFileSync(require.resolve("@noiz-voices/spec/openapi.yaml"), "utf8");
  check(yaml.startsWith("openapi: 3.1.0\n") && yaml.includes("operationId: listVoices"), "openapi.yaml is the spec");
  check(require("@noiz-voices/spec").spec.openapi === "3.1.0", "require() gets it too");
  seen.push("files: ok");
  return seen;
}
