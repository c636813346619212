// The `noiz-voices` command with generated argument lists, against Prism: it always ends with
// exit code 0, 1 or 2, never with an unexpected error or a stack trace (without --debug), never
// prints the key, and with --json prints JSON on success.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, inject, it } from "vitest";
import { runCli } from "../cli-helpers.js";
import { wavBytes } from "../helpers.js";
import { nastyString } from "./arbitraries.js";

const KEY = "sk-noiz-CLIFUZZ-91c2e7";
const RUNS = Math.ceil(Number(process.env.FUZZ_RUNS ?? 2_000) / 50);
const dir = mkdtempSync(join(tmpdir(), "noiz-fuzz-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const audio = join(dir, "voice.wav");
const notAudio = join(dir, "notes.txt");
writeFileSync(audio, wavBytes(2048));
writeFileSync(notAudio, "not audio");

// argv cannot carry NUL; --base-url and `sample` are left out so nothing ever leaves loopback.
const word = nastyString.filter((s) => !s.includes("\0") && s.length < 2_000 && !/^https?:/i.test(s));
const token = fc.oneof(
  word,
  fc.constantFrom(
    "--json",
    "--debug",
    "--all",
    "--yes",
    "--denoise",
    "--type",
    "custom",
    "built-in",
    "--keyword",
    "--page",
    "--limit",
    "--timeout",
    "--name",
    "--language",
    "--api-key",
    "-1",
    "0",
    "1.5",
    "NaN",
    "1e9",
    "2m",
    "abc123def456",
    audio,
    notAudio,
    dir,
    "--help",
  ),
);
const argv = fc
  .tuple(
    fc.constantFrom("list", "get", "clone", "delete", "bogus", "--version", "help"),
    fc.array(token, { maxLength: 5 }),
  )
  .map(([command, rest]) => [command, ...rest]);

describe("fuzz: the noiz-voices command", () => {
  it(`${RUNS} generated command lines: exit 0, 1 or 2, one clear line, never the key`, async () => {
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        const { code, stdout, stderr } = await runCli(args, { NOIZ_API_KEY: KEY, NOIZ_BASE_URL: inject("mockUrl") });
        expect([0, 1, 2], `exit code of ${JSON.stringify(args)}: ${stderr}`).toContain(code);
        expect(stdout + stderr).not.toContain(KEY);
        expect(stderr).not.toContain("Unexpected error");
        if (!args.includes("--debug")) expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
        // --version and help print text whatever else is asked.
        const informational = args.some((arg) => ["--help", "--version", "help"].includes(arg));
        if (code === 0 && args.includes("--json") && !informational && stdout.trim()) {
          expect(() => JSON.parse(stdout), `--json output of ${JSON.stringify(args)}`).not.toThrow();
        }
      }),
      { numRuns: RUNS },
    );
  });
});
