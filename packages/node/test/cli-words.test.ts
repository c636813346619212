// What the command says when something fails, read as a person reads it: the SDK's errors are
// mapped by their fields (setting, class, operation), never by rewriting the SDK's sentences, so no
// rewording in the core can garble them.
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { createFakeVoices } from "@noiz-voices/testing";
import { startFakeServer } from "@noiz-voices/testing/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outputOf, type ProcessOutput, tempDir } from "./helpers.js";

const CLI = resolve(import.meta.dirname, "../dist/cli.js");
const fake = createFakeVoices();
let server: Awaited<ReturnType<typeof startFakeServer>>;
beforeAll(async () => {
  server = await startFakeServer(fake);
});
afterAll(() => server.close());

async function run(args: string[], cwd?: string): Promise<ProcessOutput> {
  const env = { PATH: process.env.PATH ?? "", NOIZ_API_KEY: fake.apiKey, NOIZ_CONFIG_DIR: await tempDir() };
  const child = spawn(
    process.execPath,
    [CLI, ...args, ...(args.includes("--base-url") ? [] : ["--base-url", server.url])],
    {
      env,
      cwd,
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  child.stdin.end();
  return outputOf(child);
}

/** One line on stderr that reads as sentences: a capital (or an option's name) first, no word twice in a row. */
function expectSentences(result: ProcessOutput, code: number): string {
  expect(result.code).toBe(code);
  const line = result.stderr.trimEnd();
  expect(line.split("\n")).toHaveLength(1);
  const message = line.replace(/^noiz-voices: /, "");
  expect(message).toMatch(/^(["A-Z]|baseUrl )/);
  expect(message).not.toMatch(/\b(\w+) \1\b/i);
  return message;
}

describe.concurrent("the command's error words", () => {
  it("clone of a missing file, a folder and a file that is not audio", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "notes.txt"), "hello");
    expect(expectSentences(await run(["clone", "./nope.wav"], dir), 2)).toBe(
      'Cannot use "./nope.wav": there is no such file. Give the path of a WAV, MP3 or M4A audio file.',
    );
    expect(expectSentences(await run(["clone", "."], dir), 2)).toBe(
      '"." is a directory. Give the path of a WAV, MP3 or M4A audio file.',
    );
    expect(expectSentences(await run(["clone", "notes.txt"], dir), 2)).toMatch(/^"notes.txt" is not a WAV, MP3 or M4A/);
  });

  it("delete of a built-in voice: a hint that fits the error", async () => {
    const message = expectSentences(await run(["delete", "builtin-aria", "--yes"]), 1);
    expect(message).toContain("HTTP 404");
    expect(message).toContain("Only custom voices can be deleted; `noiz-voices list` shows yours.");
    expect(message).not.toContain("Check the");
  });

  it("get of a voice that does not exist points at list", async () => {
    const message = expectSentences(await run(["get", "no-such-voice"]), 1);
    expect(message).toContain("Check the <voice_id> (`noiz-voices list` shows them).");
  });

  it("a bad option value names the flag, after the SDK's own sentence", async () => {
    const message = expectSentences(await run(["list", "--base-url", "ftp://x"]), 2);
    expect(message).toMatch(/Set it with --base-url or NOIZ_BASE_URL\.$/);
  });
});
