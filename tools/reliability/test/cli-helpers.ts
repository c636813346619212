// Runs the built `noiz-voices` command (from @noiz-voices/node) as a child process.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const cli = join(dirname(createRequire(import.meta.url).resolve("@noiz-voices/node/package.json")), "dist/cli.js");
/** An empty config folder: a run without a key never reads the real home's stored keys. */
const configDir = mkdtempSync(join(tmpdir(), "noiz-cli-config-"));
process.once("exit", () => rmSync(configDir, { recursive: true, force: true }));

/** Runs the built `noiz-voices` command; resolves with its exit code and output. Killed after 30 s. */
export function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH ?? "", NOIZ_CONFIG_DIR: configDir, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
