// `noiz-voices mock`, started as a process, and the CLI used against it: clones stick, samples come
// from the fake, faults injected over its control API show as the CLI's errors.
import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { outputOf, type ProcessOutput, tempDir } from "./helpers.js";

const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const SAMPLE_WAV = fileURLToPath(new URL("../../../tools/fixtures/sample.wav", import.meta.url));

function run(args: string[], cli = CLI): Promise<ProcessOutput> {
  return outputOf(
    spawn(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH ?? "" },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
}

interface Mock {
  url: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; stderr: string }>;
}

let mock: Mock | undefined;
afterEach(() => {
  if (mock?.child.exitCode === null) mock.child.kill("SIGKILL");
  mock = undefined;
});

/** Starts `noiz-voices mock` and resolves once it has printed its URL (its first line on stdout). */
function startMock(args: string[] = []): Promise<Mock> {
  const child = spawn(process.execPath, [CLI, "mock", "--port", "0", ...args], {
    env: { PATH: process.env.PATH ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stderr })),
  );
  return new Promise((resolve, reject) => {
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const line = stdout.split("\n")[0];
      if (stdout.includes("\n") && line) resolve({ url: line.trim(), child, exited });
    });
    exited.then(({ code }) =>
      reject(new Error(`noiz-voices mock exited with ${code} before printing its URL: ${stderr}`)),
    );
  });
}

const cli = (url: string, args: string[]) => run(["--base-url", url, "--api-key", "any-key", ...args]);

describe("noiz-voices mock", () => {
  it("prints its URL, serves the CLI (clone, list, get, sample, delete, 404) and stops on SIGTERM with exit 0", async () => {
    mock = await startMock();
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { url } = mock;

    const builtIn = await cli(url, ["list", "--type", "built-in", "--json"]);
    expect(builtIn.code, builtIn.stderr).toBe(0);
    expect(JSON.parse(builtIn.stdout).total_count).toBe(12);

    const cloned = await cli(url, ["clone", SAMPLE_WAV, "--name", "From the CLI", "--language", "en", "--json"]);
    expect(cloned.code, cloned.stderr).toBe(0);
    const { voice_id: voiceId, duration } = JSON.parse(cloned.stdout) as { voice_id: string; duration: number };
    expect(duration).toBe(3);

    const listed = JSON.parse((await cli(url, ["list", "--json"])).stdout) as { voices: { voice_id: string }[] };
    expect(listed.voices.map((voice) => voice.voice_id)).toEqual([voiceId]);
    expect(JSON.parse((await cli(url, ["get", voiceId, "--json"])).stdout).display_name).toBe("From the CLI");

    const dir = await tempDir();
    const out = join(dir, "sample.wav");
    const sample = await cli(url, ["sample", voiceId, "--out", out]);
    expect(sample.code, sample.stderr).toBe(0);
    expect((await readFile(out)).equals(await readFile(SAMPLE_WAV))).toBe(true);

    expect((await cli(url, ["delete", voiceId, "--yes"])).code).toBe(0);
    const gone = await cli(url, ["get", voiceId]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^noiz-voices: .*404.*voice not found/);

    mock.child.kill("SIGTERM");
    expect((await mock.exited).code).toBe(0);
  });

  it("takes faults over its control API, which the CLI reports as errors; stops on SIGINT with exit 0", async () => {
    mock = await startMock(["--host", "127.0.0.1"]);
    const fail = await fetch(`${mock.url}/__fake/fail-next`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      // A 429 with Retry-After: 0, so the CLI's two retries do not wait.
      body: JSON.stringify({ operation: "listVoices", fault: { status: 429, times: 3 } }),
    });
    expect(fail.status).toBe(204);
    const failed = await cli(mock.url, ["list", "--json"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/HTTP 429.*monthly quota exceeded/);
    const requests = (await (await fetch(`${mock.url}/__fake/requests`)).json()) as { requests: { status: number }[] };
    expect(requests.requests.map((request) => request.status)).toEqual([429, 429, 429]);

    mock.child.kill("SIGINT");
    expect((await mock.exited).code).toBe(0);
  });

  it("prints the URL as JSON with --json, and refuses a port that is not one", async () => {
    mock = await startMock(["--json"]);
    expect(JSON.parse(mock.url)).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    const bad = await run(["mock", "--port", "70000"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Expected a port: an integer from 0/);
  });

  it("a --port in use is a usage error (exit 2) that names --port", async () => {
    mock = await startMock();
    const port = new URL(mock.url).port;
    const busy = await run(["mock", "--port", port]);
    expect(busy).toMatchObject({
      code: 2,
      stdout: "",
      stderr: `noiz-voices: --port ${port}: that port is in use on 127.0.0.1. Pick another, or --port 0 (or no --port) for a free one.\n`,
    });
  });

  it("says how to install @noiz-voices/testing when it is missing", async () => {
    // The built command in a project that has its dependencies but not the optional peer.
    const project = await tempDir();
    const require = createRequire(import.meta.url);
    await mkdir(join(project, "dist"), { recursive: true });
    // The whole build: the command loads its parts (chunks) when they are needed.
    await cp(dirname(CLI), join(project, "dist"), { recursive: true });
    await writeFile(join(project, "package.json"), JSON.stringify({ name: "x", version: "1.0.0", type: "module" }));
    await mkdir(join(project, "node_modules/@noiz-voices"), { recursive: true });
    // Every dependency of the package (as npm would install them), and not the optional peer.
    const manifest = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as {
      dependencies: Record<string, string>;
    };
    for (const name of Object.keys(manifest.dependencies)) {
      let root = dirname(require.resolve(name));
      while (!(await readFile(join(root, "package.json"), "utf8").catch(() => "")).includes(`"name": "${name}"`)) {
        root = dirname(root);
      }
      await symlink(root, join(project, "node_modules", name), "dir");
    }
    expect((await stat(join(project, "node_modules/commander"))).isDirectory()).toBe(true);
    const result = await run(["mock"], join(project, "dist/cli.js"));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "noiz-voices: noiz-voices mock needs @noiz-voices/testing: install it beside this package (npm install --save-dev @noiz-voices/testing).\n",
    );
  });
});
