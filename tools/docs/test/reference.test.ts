// The reference build's promise: an exported symbol without documentation fails `pnpm docs`.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, describe, expect, it, vi } from "vitest";
import { repoRoot } from "../../scripts/published-packages.mjs";
import { buildReference } from "../src/reference.mjs";

const fixture = resolve(import.meta.dirname, "fixtures/undocumented");

describe("buildReference", () => {
  const out = mkdtemp(join(tmpdir(), "noiz-docs-"));
  afterAll(async () => rm(await out, { recursive: true, force: true }));

  it("fails on an undocumented export and names it", async () => {
    const logged: string[] = [];
    const spy = vi.spyOn(console, "warn").mockImplementation((...args) => void logged.push(args.join(" ")));
    const log = vi.spyOn(console, "log").mockImplementation((...args) => void logged.push(args.join(" ")));
    try {
      await expect(
        buildReference({
          packages: [{ name: "@noiz-voices/fixture-undocumented", dir: fixture }],
          out: await out,
          root: repoRoot,
        }),
      ).rejects.toThrow(/TypeDoc failed at (conversion|validation)/);
    } finally {
      spy.mockRestore();
      log.mockRestore();
    }
    const output = stripVTControlCharacters(logged.join("\n"));
    expect(output).toMatch(/subtract \(\w+\), defined in .*does not have any documentation/);
    expect(output).not.toMatch(/\badd \(\w+\)/);
  }, 60_000);
});
