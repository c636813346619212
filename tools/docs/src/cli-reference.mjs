// The command reference of a published package's executable, taken from its own `--help` at build
// time: the page shows what the built command prints, so it cannot drift from it.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * The executable `command` of one of `packages` (its `bin` entry), as an absolute path.
 * @param {{ name: string, dir: string, manifest: Record<string, any> }[]} packages
 * @param {string} command  such as `noiz-voices`
 */
export function findExecutable(packages, command) {
  for (const pkg of packages) {
    const bin =
      typeof pkg.manifest.bin === "string" ? { [pkg.name.split("/").pop()]: pkg.manifest.bin } : pkg.manifest.bin;
    if (bin?.[command]) return { pkg, path: join(pkg.dir, bin[command]) };
  }
  throw new Error(`No published package has a "${command}" executable in its package.json bin.`);
}

/**
 * The names listed under `Commands:` in commander's help, without `help` itself.
 * @param {string} help
 * @returns {string[]}
 */
export function commandsIn(help) {
  const lines = help.split("\n");
  const start = lines.indexOf("Commands:");
  if (start < 0) return [];
  const end = lines.findIndex((line, index) => index > start && /^\S/.test(line));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .map((line) => /^ {2}([a-z][\w-]*)/.exec(line)?.[1])
    .filter((name) => name !== undefined && name !== "help");
}

/**
 * Runs `executable --help`, then `<command> --help` for every command it lists (and their own
 * subcommands), in a clean environment: no NOIZ_* variable, a throwaway HOME, no colours, and
 * commander's default 80 columns (stdout is a pipe).
 * @param {string} executable  the script to run with this Node
 * @returns {Promise<{ path: string[], help: string }[]>} the program's help first (`path` empty)
 */
export async function collectHelp(executable) {
  const home = await mkdtemp(join(tmpdir(), "noiz-cli-help-"));
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    APPDATA: join(home, "AppData"),
    NO_COLOR: "1",
    TERM: "dumb",
  };
  const helpOf = async (path) => {
    const result = await run(process.execPath, [resolve(executable), ...path, "--help"], { env, cwd: home }).catch(
      (error) => error,
    );
    const help = String(result.stdout ?? "").trimEnd();
    if (!help) {
      throw new Error(
        `\`${[executable, ...path].join(" ")} --help\` printed nothing: ${result.stderr ?? result.message}`,
      );
    }
    return { path, help };
  };
  try {
    const entries = [];
    const queue = [[]];
    while (queue.length > 0) {
      const found = await Promise.all(queue.splice(0).map(helpOf));
      for (const entry of found) {
        entries.push(entry);
        for (const name of commandsIn(entry.help)) queue.push([...entry.path, name]);
      }
    }
    return entries;
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
