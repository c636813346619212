// Installs each runtime into its own cache folder (.runtimes/<id>), so a fresh clone on a bare
// machine with Node 20 and npm gets everything, and a failed install is pinned on its runtime.
// A folder whose stamp matches its pinned dependencies is reused as it is.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The cache root, git-ignored. */
export const runtimesDir = fileURLToPath(new URL("../.runtimes/", import.meta.url));

/** @param {string} id */
export const dirOf = (id) => join(runtimesDir, id);

/**
 * Installs one runtime's npm dependencies unless its cache is current, then checks its binary.
 * @param {import("./runtimes.mjs").Runtime} runtime
 * @returns {Promise<{ cached: boolean }>}
 */
export async function installRuntime(runtime) {
  if (!runtime.npm) return { cached: true };
  const dir = dirOf(runtime.id);
  const stamp = JSON.stringify({ dependencies: runtime.npm, platform: process.platform, arch: process.arch });
  const stampFile = join(dir, ".installed");
  const binaryOk = () => !runtime.binary || existsSync(runtime.binary(dir));
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp && binaryOk()) return { cached: true };

  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const specs = Object.entries(runtime.npm)
    .map(([name, spec]) => `${name}@${spec}`)
    .join(" ");
  const manifest = { name: `ecosystem-runtime-${runtime.id}`, private: true, dependencies: runtime.npm };
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  try {
    await run(
      "npm",
      ["install", "--no-audit", "--no-fund", "--no-package-lock", "--ignore-scripts", "--loglevel=error"],
      // Not strict about engines: miniflare declares Node 22 and is installed by Node 20's npm,
      // then run on Node 22.
      {
        cwd: dir,
        env: { ...process.env, npm_config_engine_strict: "false", npm_config_workspaces: "false" },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (error) {
    const said = `${error.stderr ?? ""}`.trim().split("\n").slice(-6).join(" | ");
    throw new Error(`npm install ${specs} failed: ${said || error.message}`);
  }
  if (!binaryOk()) {
    throw new Error(
      `npm installed ${specs} but ${runtime.binary(dir)} is missing (platform ${process.platform}-${process.arch})`,
    );
  }
  await writeFile(stampFile, stamp);
  return { cached: false };
}

/**
 * Finds Debian's Chromium, installing it with apt-get when missing. In a child process, so the
 * npm installs running beside it are not held up by a synchronous apt-get.
 * @returns {Promise<string>} the executable's path
 */
export async function ensureChromiumAsync() {
  const script = fileURLToPath(new URL("../../scripts/ensure-chromium.mjs", import.meta.url));
  try {
    const { stdout } = await run(process.execPath, [script], { maxBuffer: 16 * 1024 * 1024 });
    return stdout.trim().split("\n").at(-1) ?? "";
  } catch (error) {
    const said = `${error.stderr ?? ""}`.trim().split("\n").slice(-4).join(" | ");
    throw new Error(`Chromium is missing and could not be installed: ${said || error.message}`);
  }
}
