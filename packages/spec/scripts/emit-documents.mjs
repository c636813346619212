// After tsup: dist/openapi.yaml (the spec as written) and dist/openapi.json (the very document the
// default export holds), so the three exports of the package cannot differ.
import { writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { specText } from "./bundle.mjs";

const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../dist");
const { default: spec } = await import(pathToFileURL(resolve(dist, "index.js")).href);
await writeFile(resolve(dist, "openapi.yaml"), await specText());
await writeFile(resolve(dist, "openapi.json"), `${JSON.stringify(spec, null, 2)}\n`);
console.log("wrote dist/openapi.yaml and dist/openapi.json");
