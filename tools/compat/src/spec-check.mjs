#!/usr/bin/env node
// pnpm spec:check (run by `pnpm test`)
//
// Compares spec/voices.openapi.yaml with the spec of the last release of @noiz-voices/spec: the
// commit that set its current version (from git history; no registry). A breaking change (level
// error) needs a pending changeset that bumps @noiz-voices/spec and @noiz-voices/client by a major
// (a minor while below 1.0). Before the first release there is nothing to guard: it says so and
// passes.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { diffSpecs } from "./diff.mjs";
import { resolveSpec, SPEC_PATH } from "./load.mjs";
import { changesetFix, covers, lastRelease, pendingBumps, requiredBump, showAt } from "./release.mjs";

/** The packages whose contract the spec is: a breaking spec change is a breaking change of each. */
export const SPEC_PACKAGES = [
  { name: "@noiz-voices/spec", dir: "packages/spec" },
  { name: "@noiz-voices/client", dir: "packages/client" },
];

/**
 * @param {string} root  the repository root
 * @returns {Promise<{ ok: boolean, report: string }>}
 */
export async function checkSpec(root) {
  const release = lastRelease(root, SPEC_PACKAGES[0].dir);
  if (!release.commit) {
    return {
      ok: true,
      report: `spec:check: ${release.reason}: no release to compare the spec with, nothing to guard.`,
    };
  }
  const since = `${release.name}@${release.version} (commit ${release.commit.slice(0, 12)})`;
  const baseText = showAt(root, release.commit, SPEC_PATH);
  if (baseText === undefined) throw new Error(`the release commit ${release.commit.slice(0, 12)} has no ${SPEC_PATH}`);
  const headFile = join(root, SPEC_PATH);
  const [base, head] = await Promise.all([
    resolveSpec(baseText, headFile),
    resolveSpec(readFileSync(headFile, "utf8"), headFile),
  ]);
  const changes = diffSpecs(base, head);
  const breaking = changes.filter((change) => change.breaking);
  if (breaking.length === 0) {
    return {
      ok: true,
      report: `spec:check: ${changes.length} change(s) since ${since}, none breaking.`,
    };
  }
  const bumps = await pendingBumps(root);
  const needed = SPEC_PACKAGES.map(({ name, dir }) => {
    const { version } = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
    return { name, version, bump: requiredBump(version, "breaking"), pending: bumps.get(name) };
  });
  const missing = needed.filter(({ bump, pending }) => !covers(pending, bump));
  const list = breaking.map((change) => `  - ${change.rule} [${change.operation}]: ${change.message}`).join("\n");
  if (missing.length === 0) {
    return {
      ok: true,
      report: `spec:check: ${breaking.length} breaking change(s) since ${since}, released by the pending changesets (${needed.map(({ name, pending }) => `${name} ${pending}`).join(", ")}):\n${list}`,
    };
  }
  const fix = changesetFix(
    needed.map(({ name, bump, pending }) => [name, covers(pending, bump) ? pending : bump]),
    "Describe the breaking change for the people who install these packages.",
  );
  const report = [
    `spec:check: ${breaking.length} breaking change(s) in ${SPEC_PATH} since ${since}:`,
    list,
    "",
    `A breaking change of the spec needs a ${needed.map(({ name, version, bump }) => `${bump} bump of ${name} (now ${version})`).join(" and a ")}; the pending changesets give ${missing.map(({ name, pending }) => `${name} ${pending ?? "no bump"}`).join(", ")}.`,
    "Fix: make the change compatible (see each message), or add a changeset such as .changeset/spec-breaking.md:",
    "",
    fix,
    "Compare any two versions with: pnpm spec:diff <base> <head>",
  ].join("\n");
  return { ok: false, report };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
  try {
    const { ok, report } = await checkSpec(root);
    (ok ? console.log : console.error)(report);
    process.exit(ok ? 0 : 1);
  } catch (error) {
    console.error(`spec:check: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
}
