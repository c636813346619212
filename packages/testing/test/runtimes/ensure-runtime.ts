// Bun and Deno for the runtime tests, installed from npm on first use (like tools/scripts/ensure-chromium.mjs
// for Chromium) into node_modules/.cache of this package. Never skips: a runtime that cannot be
// installed fails its test with the reason.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The versions the runtime tests run on. */
export const RUNTIMES = { bun: "1.4.5", deno: "2.9.6" } as const;

const cache = resolve(dirname(fileURLToPath(import.meta.url)), "../../node_modules/.cache/runtimes");

/** The command (and leading arguments) that runs `name`, installing it first if needed. */
export function ensureRuntime(name: keyof typeof RUNTIMES): string[] {
  const version = RUNTIMES[name];
  const dir = join(cache, `${name}@${version}`);
  const command =
    name === "bun"
      ? [join(dir, "node_modules/bun/bin/bun.exe")]
      : [process.execPath, join(dir, "node_modules/deno/bin.cjs")];
  const works = () => {
    try {
      return execFileSync(command[0] as string, [...command.slice(1), "--version"], { encoding: "utf8" }).includes(
        version,
      );
    } catch {
      return false;
    }
  };
  if (existsSync(join(dir, "installed")) && works()) return command;
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync(
      "npm",
      ["install", "--prefix", dir, "--no-save", "--no-audit", "--no-fund", "--no-package-lock", `${name}@${version}`],
      { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", timeout: 300_000 },
    );
  } catch (error) {
    const details = (error as { stderr?: string }).stderr?.trim().split("\n").slice(-5).join("\n");
    throw new Error(`Could not install ${name}@${version} from npm for the runtime tests: ${details || String(error)}`);
  }
  if (!works()) {
    throw new Error(
      `${name}@${version} was installed into ${dir} but \`${command.join(" ")} --version\` does not run.`,
    );
  }
  writeFileSync(join(dir, "installed"), `${name}@${version}\n`);
  return command;
}
