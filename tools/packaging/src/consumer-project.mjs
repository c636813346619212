// A fresh npm project outside the workspace that installs the packed tarballs, as a user would.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
/** The folder of the per-package consumer programs: consumers/<folder under packages/>.ts(x). */
export const consumersDir = resolve(fileURLToPath(import.meta.url), "../../consumers");

/**
 * The consumer program of a package, and the extra npm packages it needs (its
 * `// consumer-deps: a@1 b@2` line), or undefined when the package has none yet.
 * @param {string} dirName
 */
export function consumerOf(dirName) {
  for (const ext of [".ts", ".tsx"]) {
    const file = join(consumersDir, dirName + ext);
    if (!existsSync(file)) continue;
    const source = readFileSync(file, "utf8");
    const deps = /^\/\/ consumer-deps: (.+)$/m.exec(source)?.[1].trim().split(/\s+/) ?? [];
    return { file, ext, source, deps };
  }
  return undefined;
}

/**
 * Creates `dir` as an npm project depending on every tarball (and the extra deps), then runs
 * plain `npm install`. `overrides` pins internal dependencies to the tarballs too, so a package
 * that depends on another of ours gets the packed one, never a registry or workspace copy.
 * @param {string} dir
 * @param {{ name: string, tarball: string }[]} packed
 * @param {string[]} extraDeps  such as `react@19.3.1`
 */
export async function installTarballs(dir, packed, extraDeps) {
  await mkdir(dir, { recursive: true });
  const dependencies = Object.fromEntries(packed.map((pkg) => [pkg.name, `file:${pkg.tarball}`]));
  for (const spec of extraDeps) {
    const at = spec.lastIndexOf("@");
    if (at <= 0) throw new Error(`consumer-deps: "${spec}" needs a version (name@version)`);
    dependencies[spec.slice(0, at)] = spec.slice(at + 1);
  }
  const manifest = {
    name: "noiz-voices-consumer-smoke",
    private: true,
    type: "module",
    dependencies,
    overrides: dependencies,
  };
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  // A user's npm: no workspace, no pnpm; the registry serves third-party dependencies.
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--ignore-scripts"], {
    cwd: dir,
    env: { ...process.env, npm_config_workspaces: "false", npm_config_engine_strict: "false" },
    maxBuffer: 16 * 1024 * 1024,
  });
}
