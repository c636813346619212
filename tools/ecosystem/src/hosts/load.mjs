// Helpers for the hosts: load a package from a runtime's cache folder, and print results the way
// the runner reads them (one line, after a marker, so other output cannot be mistaken for it).
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** The line prefix the runner looks for on a host's stdout. */
export const RESULT_MARKER = "@@ecosystem-results ";

/**
 * Imports `name` as installed in `dir` (a runtime's cache folder), not from the workspace. It is
 * resolved as `require` would, so a CommonJS package's exports may sit on `default` only.
 */
export async function importFrom(dir, name) {
  const resolved = createRequire(join(dir, "package.json")).resolve(name);
  const module = await import(pathToFileURL(resolved).href);
  return { ...module.default, ...module };
}

/** Prints the scenario results (an array, or its JSON text) for the runner. */
export function report(results) {
  const text = typeof results === "string" ? results : JSON.stringify(results);
  process.stdout.write(`${RESULT_MARKER}${text}\n`);
}
