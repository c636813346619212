// What both gates (spec:check, api:check) need to know about releases, from git history and the
// pending changesets only (no registry): the commit that set a package's current version, and
// whether the pending changesets bump a package enough.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import readChangesets from "@changesets/read";

/** @typedef {"patch" | "minor" | "major"} Bump */
const RANK = { none: 0, patch: 1, minor: 2, major: 3 };

const git = (root, args) =>
  execFileSync("git", args, {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });

/** The file at a commit, or undefined when the commit does not have it. */
export function showAt(root, commit, path) {
  try {
    return git(root, ["show", `${commit}:${path}`]);
  } catch {
    return undefined;
  }
}

const versionIn = (text) => {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text).version;
  } catch {
    return undefined;
  }
};

/**
 * The last release of the package in `dir` (such as `packages/spec`): its current version and the
 * commit that set it (the newest commit whose package.json has that version while its parent's does
 * not). `0.0.0` is the version of a package that was never released: then there is no release.
 * @param {string} root  the repository root
 * @param {string} dir   the package folder, relative to root
 * @returns {{ name: string, version: string, commit?: string, reason?: string }}
 */
export function lastRelease(root, dir) {
  const manifestPath = `${dir}/package.json`;
  const manifest = JSON.parse(readFileSync(join(root, manifestPath), "utf8"));
  const { name, version } = manifest;
  if (version === "0.0.0") return { name, version, reason: `${name} has never been released (version 0.0.0)` };
  if (git(root, ["rev-parse", "--is-shallow-repository"]).trim() === "true") {
    throw new Error(
      `this clone is shallow, so the commit that released ${name}@${version} may be missing. Fetch the full history (git fetch --unshallow; on GitHub Actions, actions/checkout with fetch-depth: 0).`,
    );
  }
  const commits = git(root, ["log", "--format=%H", "--", manifestPath]).split("\n").filter(Boolean);
  for (const commit of commits) {
    if (versionIn(showAt(root, commit, manifestPath)) !== version) continue;
    if (versionIn(showAt(root, `${commit}^`, manifestPath)) !== version) return { name, version, commit };
  }
  return {
    name,
    version,
    reason: `no commit sets ${name}'s version ${version} yet (is the version bump uncommitted?)`,
  };
}

/**
 * The largest pending bump of each package in `.changeset/`.
 * @param {string} root
 * @returns {Promise<Map<string, Bump>>}
 */
export async function pendingBumps(root) {
  const bumps = new Map();
  for (const changeset of await readChangesets(root)) {
    for (const { name, type } of changeset.releases) {
      if (RANK[type] > RANK[bumps.get(name) ?? "none"]) bumps.set(name, type);
    }
  }
  return bumps;
}

/**
 * The bump a change needs: a breaking one a major (a minor while the version is below 1.0), an
 * addition a minor (a patch below 1.0), as semver reads 0.x versions.
 * @param {string} version
 * @param {"breaking" | "addition"} kind
 * @returns {Bump}
 */
export function requiredBump(version, kind) {
  const belowOne = Number(version.split(".")[0]) === 0;
  if (kind === "breaking") return belowOne ? "minor" : "major";
  return belowOne ? "patch" : "minor";
}

/** Whether a pending bump (or none) is at least the one needed. */
export const covers = (pending, needed) => RANK[pending ?? "none"] >= RANK[needed];

/** The changeset to add, as a file a person can copy. */
export function changesetFix(bumps, summary) {
  const frontMatter = bumps.map(([name, bump]) => `"${name}": ${bump}`).join("\n");
  return `---\n${frontMatter}\n---\n\n${summary}\n`;
}
