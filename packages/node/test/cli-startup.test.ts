// How the command starts: the bin is a committed file (so `pnpm install` links it before any build),
// and a command that sends nothing loads neither the SDK nor undici nor the progress bars.
import { execFileSync, spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir } from "./helpers.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

describe("the noiz-voices bin", () => {
  it("is a file in the repository, not a build output, and runs the built command", async () => {
    const manifest = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as {
      bin: Record<string, string>;
      files: string[];
    };
    const bin = manifest.bin["noiz-voices"]!;
    expect(bin).toMatch(/^\.\/bin\//);
    expect(manifest.files).toContain("bin");
    // Tracked by git: a fresh clone has it before `pnpm install` links it.
    expect(execFileSync("git", ["ls-files", "--error-unmatch", bin], { cwd: ROOT, encoding: "utf8" }).trim()).toBe(
      bin.slice(2),
    );
    const shim = await readFile(new URL(`../${bin}`, import.meta.url), "utf8");
    expect(shim.startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(shim).toContain('await import("../dist/cli.js");');
    const version = spawnSync(process.execPath, [`${ROOT}/${bin}`, "--version"], { encoding: "utf8" });
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("startup", () => {
  /** The packages whose modules a run of `args` loaded (resolved through a module hook), by name. */
  async function packagesLoaded(args: string[]): Promise<Set<string>> {
    const dir = await tempDir();
    const log = `${dir}/loaded.txt`;
    const hooks = `${dir}/hooks.mjs`;
    const { writeFile } = await import("node:fs/promises");
    await writeFile(
      hooks,
      `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, result.url + "\\n");
  return result;
}`,
    );
    const register = `import { register } from "node:module"; register(${JSON.stringify(`file://${hooks}`)});`;
    const result = spawnSync(
      process.execPath,
      ["--import", `data:text/javascript,${encodeURIComponent(register)}`, `${ROOT}/bin/noiz-voices.js`, ...args],
      { encoding: "utf8", env: { PATH: process.env.PATH ?? "", NOIZ_CONFIG_DIR: dir } },
    );
    expect(result.status, result.stderr).toBe(0);
    const urls = (await readFile(log, "utf8")).trim().split("\n");
    const names = new Set<string>();
    for (const url of urls) {
      const name =
        /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? /packages\/(client|testing)\//.exec(url)?.[1];
      if (name) names.add(name.replace(/^(client|testing)$/, "@noiz-voices/$1"));
    }
    return names;
  }

  it.each([["--help"], ["list", "--help"], ["--version"], ["completion", "bash"], ["logout"]])(
    "noiz-voices %s loads commander, and not the SDK, undici or cli-progress",
    async (...args) => {
      const loaded = await packagesLoaded(args);
      expect(loaded).toContain("commander");
      for (const name of ["@noiz-voices/client", "undici", "cli-progress"]) expect(loaded).not.toContain(name);
    },
  );
});
