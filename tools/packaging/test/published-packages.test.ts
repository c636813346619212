// The rules every published package keeps, and the wiring that puts each one under these checks:
// the docs and packaging tools depend on it, so turbo builds it before they run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publishedPackages, repoRoot } from "../../scripts/published-packages.mjs";

const packages = publishedPackages();
const names = new Set(packages.map((pkg) => pkg.name));
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(repoRoot, dir, "package.json"), "utf8"));

describe("published packages", () => {
  it("finds at least the core client", () => {
    expect([...names]).toContain("@noiz-voices/client");
  });

  it.each(["tools/packaging", "tools/docs"])(
    "%s depends on every published package (turbo builds them first)",
    (dir) => {
      const { devDependencies = {}, dependencies = {} } = manifestOf(dir);
      for (const name of names) {
        expect(
          { ...dependencies, ...devDependencies }[name],
          `${dir}/package.json: add "${name}": "workspace:*"`,
        ).toMatch(/^workspace:/);
      }
    },
  );

  describe.each(packages)("$name", ({ manifest }) => {
    it("is an ES module package with an exports map (types first), files and no side effects", () => {
      expect(manifest.type).toBe("module");
      expect(manifest.sideEffects).toBe(false);
      expect(manifest.files).toEqual(expect.arrayContaining(["dist"]));
      const root = manifest.exports?.["."];
      expect(root).toBeDefined();
      for (const condition of ["import", "require"]) {
        expect(Object.keys(root[condition] ?? {})[0], `exports["."].${condition}`).toBe("types");
      }
    });

    // `generate` too where the package has generated code; turbo runs these names in every package.
    it("has the common script names", () => {
      expect(Object.keys(manifest.scripts ?? {})).toEqual(
        expect.arrayContaining(["build", "typecheck", "lint", "test"]),
      );
    });

    it("depends on other published packages with workspace:^", () => {
      for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
        for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
          if (names.has(dep)) expect(range, `${field}.${dep}`).toBe("workspace:^");
        }
      }
    });
  });
});
