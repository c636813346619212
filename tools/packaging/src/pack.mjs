// Packs published packages exactly as `pnpm publish` would (workspace: ranges rewritten).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * @typedef {object} PackedPackage
 * @property {string} name
 * @property {string} dirName   folder under packages/
 * @property {string} version
 * @property {string} tarball   absolute path of the .tgz
 */

/**
 * Runs `pnpm pack` in each package directory.
 * @param {{ name: string, dirName: string, dir: string }[]} packages
 * @param {string} destination  an existing directory for the tarballs
 * @returns {PackedPackage[]}
 */
export function packPackages(packages, destination) {
  return packages.map((pkg) => {
    const output = execFileSync("pnpm", ["pack", "--json", "--pack-destination", destination], {
      cwd: pkg.dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const { filename, version } = JSON.parse(output.slice(output.indexOf("{")));
    const tarball = filename.startsWith("/") ? filename : join(destination, filename);
    return { name: pkg.name, dirName: pkg.dirName, version, tarball };
  });
}

/**
 * Reads `package/package.json` out of a tarball.
 * @param {string} tarball
 * @returns {Record<string, any>}
 */
export function manifestOf(tarball) {
  return JSON.parse(readFromTarball(tarball, "package.json"));
}

/**
 * Reads one file out of a tarball, such as `README.md`.
 * @param {string} tarball
 * @param {string} file  its path inside the package
 * @returns {string}
 */
export function readFromTarball(tarball, file) {
  return execFileSync("tar", ["-xzOf", tarball, `package/${file}`], { encoding: "utf8" });
}

/** @param {string} tarball @returns {string[]} the packed file names, without the `package/` prefix */
export function filesOf(tarball) {
  return execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map((name) => name.replace(/^package\//, ""));
}

/** Reads a JSON file. @param {string} path */
export const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
