// Every published package, as packed: publint finds no problem (suggestions included), and
// arethetypeswrong resolves its types for ESM and CJS consumers under node10, node16 and bundler.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, inject, it } from "vitest";
import { codeSubpaths } from "../../scripts/published-packages.mjs";
import { manifestOf } from "../src/pack.mjs";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const attwBin = join(dirname(require.resolve("@arethetypeswrong/cli/package.json")), "dist/index.js");

interface AttwReport {
  analysis: { entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName?: string } }> }> };
  problems: Record<string, unknown[]> | unknown[];
}

describe.each(inject("packed"))("$name", ({ tarball }) => {
  // The code entry points of its exports map (data files such as `@noiz-voices/spec/openapi.json` have no types).
  const code = codeSubpaths(manifestOf(tarball));
  it("passes publint", async () => {
    const data = await readFile(tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
      level: "suggestion",
      strict: true,
    });
    const readable = messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false })}`);
    expect(readable).toEqual([]);
  });

  it("passes attw: types resolve for import and require under node16 and bundler, for every entry point", async () => {
    // node16 profile: ESM and CJS consumers under node16 and bundler resolution. (node10 predates
    // `exports` and cannot see subpaths such as `@noiz-voices/node/testing`.)
    // Only code entry points: types cannot describe a data file such as `@noiz-voices/spec/openapi.yaml`.
    const args = [attwBin, tarball, "--format", "json", "--profile", "node16", "--no-definitely-typed"];
    args.push("--entrypoints", ...code);
    const { stdout } = await run(process.execPath, args, {
      env: { ...process.env, NO_COLOR: "1" },
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
    const report = JSON.parse(stdout) as AttwReport;
    const all = Array.isArray(report.problems) ? report.problems : Object.values(report.problems).flat();
    const problems = all.filter((problem) => (problem as { resolutionKind?: string }).resolutionKind !== "node10");
    expect(problems).toEqual([]);
    const entrypoints = Object.entries(report.analysis.entrypoints);
    expect(entrypoints.map(([subpath]) => subpath)).toContain(".");
    for (const [subpath, { resolutions }] of entrypoints.filter(([subpath]) => code.includes(subpath))) {
      for (const mode of ["node16-cjs", "node16-esm", "bundler"]) {
        expect(resolutions[mode]?.resolution?.fileName, `${subpath} under ${mode}`).toMatch(/\.d\.c?ts$/);
      }
    }
  });
});
