// The packages this repository publishes: every packages/* whose package.json is not private.
// Docs, packaging checks, size budgets and the release dry run all iterate over this list, so a
// new package is covered by every check as soon as it lands.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * @typedef {object} PublishedPackage
 * @property {string} name      the npm name, such as `@noiz-voices/client`
 * @property {string} dirName   the folder under packages/, such as `client`
 * @property {string} dir       absolute path of the package
 * @property {Record<string, any>} manifest  its package.json
 */

/** @returns {PublishedPackage[]} sorted by folder name */
export function publishedPackages(root = repoRoot) {
  const packagesDir = join(root, "packages");
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, "package.json")))
    .map((entry) => {
      const dir = join(packagesDir, entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      return { name: manifest.name, dirName: entry.name, dir, manifest };
    })
    .filter((pkg) => pkg.manifest.private !== true)
    .sort((a, b) => a.dirName.localeCompare(b.dirName));
}

/**
 * The code entry points of a package's `exports` map: every subpath whose target is a module
 * (`.js`, `.cjs`, `.mjs`), so not `./package.json`, patterns or data files such as
 * `@noiz-voices/spec/openapi.json`. A map-less package has the one entry point `.`.
 * @param {Record<string, any>} manifest
 * @returns {string[]}
 */
export function codeSubpaths(manifest) {
  const exportsMap = manifest.exports;
  if (!exportsMap || typeof exportsMap === "string") return ["."];
  return Object.entries(exportsMap)
    .filter(([subpath, target]) => subpath !== "./package.json" && !subpath.includes("*"))
    .filter(([, target]) => /\.[cm]?js"/.test(JSON.stringify(target)))
    .map(([subpath]) => subpath);
}

/**
 * The code subpaths that are public API: all but `./internal`, the fence the SDK's own packages share
 * (no stability promise, so it gets no reference page and no API report).
 */
export function publicSubpaths(manifest) {
  return codeSubpaths(manifest).filter((subpath) => subpath !== "./internal");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const pkg of publishedPackages()) console.log(`${pkg.name}\t${pkg.dir}`);
}
