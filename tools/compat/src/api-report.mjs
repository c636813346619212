#!/usr/bin/env node
// pnpm api:check (run by `pnpm test`) and pnpm api:update
//
// The TypeScript API of every published package, one report per entry point of its exports map,
// written by @microsoft/api-extractor from the built .d.ts files and committed as
// packages/<folder>/etc/<folder>[-<subpath>].api.md.
//
//   check   fails when a package's API differs from its committed report (fix: pnpm api:update),
//           or when the reports differ from those of the package's last release in a way the
//           pending changesets do not cover: a removed or changed declaration needs a major (a minor
//           below 1.0), an added one a minor (a patch below 1.0).
//   update  rewrites the reports (build first: `pnpm api:update` does).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CompilerState, Extractor, ExtractorConfig } from "@microsoft/api-extractor";
import { publicSubpaths, publishedPackages } from "../../scripts/published-packages.mjs";
import { changesetFix, covers, lastRelease, pendingBumps, requiredBump, showAt } from "./release.mjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * @typedef {object} Entry
 * @property {string} name        the package's npm name
 * @property {string} dir         the package's folder, relative to the repository root
 * @property {string} subpath     `.` or `./adapter`, …
 * @property {string} types       the entry point's .d.ts (ESM), absolute
 * @property {string} reportName  the report's file name without `.api.md`, such as `client-adapter`
 */

/** The `types` file an `import` of `subpath` resolves to (the packages put `types` first under `import`). */
function typesOf(manifest, subpath) {
  const target = manifest.exports?.[subpath];
  if (target === undefined) return subpath === "." ? manifest.types : undefined;
  return target.import?.types ?? target.types;
}

/**
 * Every entry point of every published package.
 * @param {string} root
 * @returns {Entry[]}
 */
export function apiEntries(root = repoRoot) {
  return publishedPackages(root).flatMap((pkg) =>
    publicSubpaths(pkg.manifest).map((subpath) => {
      const types = typesOf(pkg.manifest, subpath);
      if (!types) throw new Error(`${pkg.name}: exports["${subpath}"] names no types file`);
      const suffix = subpath === "." ? "" : `-${subpath.slice(2).replace(/[^\w.-]+/g, "-")}`;
      return {
        name: pkg.name,
        dir: `packages/${pkg.dirName}`,
        subpath,
        types: join(pkg.dir, types),
        reportName: `${pkg.dirName}${suffix}`,
      };
    }),
  );
}

/** The report's path, relative to the repository root. */
export const reportPath = (entry) => `${entry.dir}/etc/${entry.reportName}.api.md`;

function extractorConfig(root, entry, tempFolder) {
  const packageDir = join(root, entry.dir);
  return ExtractorConfig.prepare({
    configObject: {
      projectFolder: packageDir,
      mainEntryPointFilePath: entry.types,
      bundledPackages: [],
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: "ES2022",
            module: "NodeNext",
            moduleResolution: "NodeNext",
            lib: ["ES2022", "DOM", "DOM.Iterable"],
            types: [],
            strict: true,
            skipLibCheck: true,
          },
          files: [entry.types],
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: entry.reportName,
        reportFolder: join(packageDir, "etc"),
        reportTempFolder: tempFolder,
        includeForgottenExports: false,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      newlineKind: "lf",
      messages: {
        compilerMessageReporting: { default: { logLevel: "warning" } },
        extractorMessageReporting: {
          // Not even "forgotten export": its warning names the .d.ts chunk by its content hash, so the
          // report would differ after any change to any declaration of the package.
          default: { logLevel: "none", addToApiReportFile: false },
        },
        tsdocMessageReporting: { default: { logLevel: "none" } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: join(packageDir, "package.json"),
  });
}

/**
 * Runs api-extractor on every entry point. With `update`, rewrites the reports that differ;
 * otherwise leaves them and lists them.
 * @param {{ root?: string, update?: boolean, entries?: Entry[] }} options
 * @returns {{ changed: Entry[], problems: string[] }}
 */
export function runReports({ root = repoRoot, update = false, entries = apiEntries(root) } = {}) {
  const tempFolder = mkdtempSync(join(tmpdir(), "noiz-api-report-"));
  const changed = [];
  const problems = [];
  try {
    // One TypeScript program per package, shared by its entry points.
    const states = new Map();
    for (const entry of entries) {
      if (!existsSync(entry.types)) {
        problems.push(
          `${entry.name}${entry.subpath.slice(1)}: ${entry.types} is missing; build the package first (pnpm build).`,
        );
        continue;
      }
      if (update) mkdirSync(join(root, entry.dir, "etc"), { recursive: true });
      const config = extractorConfig(root, entry, tempFolder);
      if (!states.has(entry.dir)) {
        const siblings = entries.filter((other) => other.dir === entry.dir && existsSync(other.types));
        states.set(
          entry.dir,
          CompilerState.create(config, { additionalEntryPoints: siblings.map((other) => other.types) }),
        );
      }
      const messages = [];
      const result = Extractor.invoke(config, {
        localBuild: update,
        compilerState: states.get(entry.dir),
        messageCallback: (message) => {
          // A report that differs, or was created, is the result below, not a problem.
          const aboutTheReport = String(message.messageId).startsWith("console-api-report");
          if (!aboutTheReport && (message.logLevel === "error" || message.logLevel === "warning"))
            messages.push(message.formatMessageWithLocation(root));
          message.handled = true;
        },
      });
      if (messages.length > 0) problems.push(`${entry.name}${entry.subpath.slice(1)}:\n  ${messages.join("\n  ")}`);
      if (result.apiReportChanged) changed.push(entry);
    }
  } finally {
    rmSync(tempFolder, { recursive: true, force: true });
  }
  return { changed, problems };
}

/** The declaration lines of a report (the ```ts block), trimmed, blank lines and comments out. */
export function declarations(report) {
  const body = /```ts\n([\s\S]*?)```/.exec(report)?.[1] ?? "";
  return body
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("//"));
}

/**
 * How each package's reports changed since its last release, and what the pending changesets
 * must bump for it.
 * @param {string} root
 * @param {Entry[]} entries
 */
export async function releaseCheck(root = repoRoot, entries = apiEntries(root)) {
  const bumps = await pendingBumps(root);
  const failures = [];
  const notes = [];
  for (const dir of [...new Set(entries.map((entry) => entry.dir))]) {
    const release = lastRelease(root, dir);
    const own = entries.filter((entry) => entry.dir === dir);
    const { name, version } = release;
    if (!release.commit) {
      notes.push(`${name}: ${release.reason}; no released API to compare with.`);
      continue;
    }
    const removed = [];
    const added = [];
    for (const entry of own) {
      const path = reportPath(entry);
      const now = existsSync(join(root, path)) ? declarations(readFileSync(join(root, path), "utf8")) : [];
      const then = showAt(root, release.commit, path);
      if (then === undefined) {
        // An entry point new since the release: everything in it is an addition.
        added.push(...now.map((line) => `${entry.subpath}: ${line}`));
        continue;
      }
      const before = declarations(then);
      const inNow = new Set(now);
      const inBefore = new Set(before);
      removed.push(...before.filter((line) => !inNow.has(line)).map((line) => `${entry.subpath}: ${line}`));
      added.push(...now.filter((line) => !inBefore.has(line)).map((line) => `${entry.subpath}: ${line}`));
    }
    // Entry points removed since the release.
    const released = showAt(root, release.commit, `${dir}/package.json`);
    for (const subpath of released ? publicSubpaths(JSON.parse(released)) : []) {
      if (!own.some((entry) => entry.subpath === subpath)) removed.push(`${subpath}: the whole entry point`);
    }
    if (removed.length === 0 && added.length === 0) continue;
    const kind = removed.length > 0 ? "breaking" : "addition";
    const needed = requiredBump(version, kind);
    const pending = bumps.get(name);
    if (covers(pending, needed)) {
      notes.push(
        `${name}: API changed since ${version} (${removed.length} removed or changed, ${added.length} added), released by its pending ${pending} changeset.`,
      );
      continue;
    }
    const sample = (lines) =>
      lines
        .slice(0, 8)
        .map((line) => `    ${line}`)
        .concat(lines.length > 8 ? [`    … ${lines.length - 8} more`] : []);
    failures.push(
      [
        `${name}: its API changed since ${name}@${version} (commit ${release.commit.slice(0, 12)}):`,
        ...(removed.length > 0
          ? [`  removed or changed (a removed or narrowed export breaks its users):`, ...sample(removed)]
          : []),
        ...(added.length > 0 ? [`  added:`, ...sample(added)] : []),
        `  That needs a ${needed} bump (version ${version}); the pending changesets give ${pending ?? "none"}.`,
        `  Fix: keep the export, or add a changeset such as .changeset/${name.split("/")[1]}-api.md:`,
        "",
        ...changesetFix([[name, needed]], "Say what changed in the API and what users do about it.")
          .trimEnd()
          .split("\n")
          .map((line) => `    ${line}`),
      ].join("\n"),
    );
  }
  return { ok: failures.length === 0, failures, notes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const mode = process.argv[2];
  if (mode !== "check" && mode !== "update") {
    console.error("Usage: node tools/compat/src/api-report.mjs check|update");
    process.exit(2);
  }
  const entries = apiEntries();
  const { changed, problems } = runReports({ update: mode === "update" });
  if (problems.length > 0) {
    console.error(`api-extractor reported:\n${problems.join("\n")}`);
    process.exit(1);
  }
  if (mode === "update") {
    console.log(
      changed.length > 0
        ? `api:update: rewrote ${changed.map(reportPath).join(", ")}`
        : `api:update: all ${entries.length} reports are up to date`,
    );
  } else if (changed.length > 0) {
    console.error(
      `api:check: the public API of these entry points differs from its committed report:\n${changed.map((entry) => `  ${entry.name}${entry.subpath.slice(1)}  (${reportPath(entry)})`).join("\n")}\nIf the change is meant: run \`pnpm api:update\`, review the diff of the .api.md files, and commit them (with a changeset: a removed or narrowed export needs a major, an added one a minor).`,
    );
    process.exit(1);
  }
  const { ok, failures, notes } = await releaseCheck();
  for (const note of notes) console.log(`api:check: ${note}`);
  if (!ok) {
    console.error(`api:check: API changes without a changeset of the right size:\n\n${failures.join("\n\n")}`);
    process.exit(1);
  }
  if (mode === "check") console.log(`api:check: ${entries.length} API reports match the packages.`);
}
