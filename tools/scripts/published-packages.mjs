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

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const pkg of publishedPackages()) console.log(`${pkg.name}\t${pkg.dir}`);
}
