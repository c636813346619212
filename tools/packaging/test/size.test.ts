// Size budgets: each budget program measured as an app bundler builds it (src/initial-load.mjs);
// over budget fails the test. The measured sizes are written to test-results/size.json.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { publishedPackages } from "../../scripts/published-packages.mjs";
import { budgets, exempt, presentBudgets } from "../.size-limit.js";
import { measureLoad } from "../src/initial-load.mjs";
import { formatBreakdown, STUBS, sizeBreakdown } from "../src/size-why.mjs";

const here = resolve(import.meta.dirname, "..");

describe("size budgets", () => {
  it("every published package has a budget program in size/, or a reason in `exempt`", () => {
    for (const pkg of publishedPackages()) {
      const budgeted = pkg.dirName in budgets;
      expect(budgeted || pkg.dirName in exempt, `${pkg.name}: add a budget in .size-limit.js`).toBe(true);
      if (budgeted) expect(existsSync(join(here, "size", `${pkg.dirName}.js`)), `size/${pkg.dirName}.js`).toBe(true);
    }
  });

  it("every budget program stays within its limits (gzip, initial load and all chunks)", async () => {
    const measured: Record<string, { initial: number; all: number }> = {};
    const over: string[] = [];
    for (const [dirName, limits] of Object.entries(presentBudgets)) {
      const { initial, all } = await measureLoad(dirName);
      measured[dirName] = { initial, all };
      if (initial > limits.initial) over.push(`${dirName}: initial load ${initial} B, limit ${limits.initial} B`);
      if (all > limits.all) over.push(`${dirName}: with lazy chunks ${all} B, limit ${limits.all} B`);
    }
    await mkdir(join(here, "test-results"), { recursive: true });
    await writeFile(join(here, "test-results/size.json"), `${JSON.stringify(measured, null, 2)}\n`);
    console.log(
      Object.entries(measured)
        .map(([name, m]) => `${name}: ${m.initial} B initial, ${m.all} B all`)
        .join("\n"),
    );
    expect(Object.keys(measured).length).toBeGreaterThan(0);
    if (over.length > 0) {
      const details = await Promise.all(
        [...new Set(over.map((line) => line.split(":")[0] ?? ""))].map(
          async (dirName) => `size/${dirName}.js:\n${formatBreakdown(await sizeBreakdown(dirName))}`,
        ),
      );
      expect.fail(`Over budget:\n${over.join("\n")}\n\n${details.join("\n\n")}`);
    }
  });
});

describe("size:why --without: what one feature of the client costs", () => {
  it("swaps each feature's module for its stub, and only that module", async () => {
    const whole = await sizeBreakdown("client");
    const bytesOf = (breakdown: typeof whole, file: string) =>
      breakdown.files.find((entry) => entry.file === `packages/client/src/${file}`)?.minified ?? 0;
    for (const [feature, [file = ""]] of Object.entries(STUBS)) {
      const without = await sizeBreakdown("client", { without: [feature as keyof typeof STUBS] });
      expect(bytesOf(without, file), feature).toBeLessThan(bytesOf(whole, file) / 5);
      expect(without.gzip, feature).toBeLessThan(whole.gzip);
      // The rest is all there: the pipeline keeps its size, give or take a shorter minified name.
      expect(Math.abs(bytesOf(without, "pipeline.ts") - bytesOf(whole, "pipeline.ts")), feature).toBeLessThan(50);
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
