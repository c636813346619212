// Size budgets: size-limit measures each budget program (min+gzip); over budget fails the test.
// The measured sizes are written to test-results/size.json.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { publishedPackages } from "../../scripts/published-packages.mjs";
import { budgets, exempt } from "../.size-limit.js";
import { formatBreakdown, sizeBreakdown } from "../src/size-why.mjs";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const sizeLimitBin = join(dirname(require.resolve("size-limit/package.json")), "bin.js");
const here = resolve(import.meta.dirname, "..");

interface Measured {
  name: string;
  passed: boolean;
  size: number;
  sizeLimit: number;
}

describe("size budgets", () => {
  it("every published package has a budget program in size/, or a reason in `exempt`", () => {
    for (const pkg of publishedPackages()) {
      const budgeted = pkg.dirName in budgets;
      expect(budgeted || pkg.dirName in exempt, `${pkg.name}: add a budget in .size-limit.js`).toBe(true);
      if (budgeted) expect(existsSync(join(here, "size", `${pkg.dirName}.js`)), `size/${pkg.dirName}.js`).toBe(true);
    }
  });

  it("every budget program stays within its limit (min+gzip)", async () => {
    const { stdout } = await run(process.execPath, [sizeLimitBin, "--json"], { cwd: here }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }),
    );
    const measured = JSON.parse(stdout) as Measured[] | { error: string };
    if (!Array.isArray(measured)) throw new Error(`size-limit failed: ${measured.error}`);
    await mkdir(join(here, "test-results"), { recursive: true });
    await writeFile(join(here, "test-results/size.json"), `${JSON.stringify(measured, null, 2)}\n`);
    console.log(measured.map((m) => `${m.name}: ${m.size} B (limit ${m.sizeLimit} B)`).join("\n"));
    const present = publishedPackages().filter((pkg) => pkg.dirName in budgets);
    expect(measured.length).toBe(present.length * 2);
    const over = measured.filter((m) => !m.passed);
    if (over.length > 0) {
      const details = await Promise.all(
        [...new Set(over.map((m) => m.name.split(":")[0] ?? ""))].map(
          async (dirName) => `size/${dirName}.js:\n${formatBreakdown(await sizeBreakdown(dirName))}`,
        ),
      );
      const summary = over.map((m) => `${m.name}: ${m.size} B, limit ${m.sizeLimit} B (+${m.size - m.sizeLimit} B)`);
      expect.fail(`Over budget:\n${summary.join("\n")}\n\n${details.join("\n\n")}`);
    }
  });
});

describe("optional peers stay out of the main entry", () => {
  // size-limit leaves peers out of every measure, so it cannot see one imported by mistake: bundle the
  // built entries for a browser, the peer resolvable, and read what went in.
  const client = resolve(here, "../../packages/client/dist");
  const inputsOf = async (entry: string) => {
    const { build } = await import("esbuild");
    const { metafile } = await build({
      entryPoints: [join(client, entry)],
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "browser",
      // client.raw's openapi-fetch chunk is a dynamic import: followed too, so nothing hides behind it.
      logLevel: "silent",
    });
    return Object.keys(metafile.inputs);
  };

  it("@noiz-voices/client: index.js and everything it imports never reach @opentelemetry; otel.js does", async () => {
    expect((await inputsOf("index.js")).filter((input) => input.includes("@opentelemetry"))).toEqual([]);
    expect((await inputsOf("otel.js")).some((input) => input.includes("@opentelemetry/api"))).toBe(true);
  });
});
