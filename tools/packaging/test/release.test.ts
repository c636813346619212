// The release flow, proven without publishing: on a scratch copy of the repository,
// `changeset version` bumps every published package and writes its CHANGELOG, then
// `pnpm -r publish --dry-run` succeeds and the packed manifests carry real version ranges.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedPackages, repoRoot } from "../../scripts/published-packages.mjs";
import { manifestOf, packPackages } from "../src/pack.mjs";
import { scratchCopy } from "../src/scratch-repo.mjs";

const run = promisify(execFile);
const changesetBin = join(repoRoot, "node_modules/@changesets/cli/bin.js");
const DRY_RUN_NOTE = "Release dry run: every published package gets at least a patch.";

const bumped = (before: string, after: string) => {
  const [a, b] = [before, after].map((v) => v.split(".").map(Number));
  for (let i = 0; i < 3; i++) if ((a?.[i] ?? 0) !== (b?.[i] ?? 0)) return (b?.[i] ?? 0) > (a?.[i] ?? 0);
  return false;
};

describe("release flow (scratch copy, nothing published)", () => {
  const packages = publishedPackages();
  const before = new Map(packages.map((pkg) => [pkg.name, pkg.manifest.version as string]));
  const privateBefore = new Map<string, string>();
  let scratch: string;
  let pending: string[];

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "noiz-release-"));
    scratchCopy(repoRoot, scratch, packages);
    // Whatever is pending in the repo, the dry run also proves a patch of every package.
    const frontMatter = packages.map((pkg) => `"${pkg.name}": patch`).join("\n");
    await writeFile(join(scratch, ".changeset/release-dry-run.md"), `---\n${frontMatter}\n---\n\n${DRY_RUN_NOTE}\n`);
    pending = readdirSync(join(scratch, ".changeset")).filter((file) => file.endsWith(".md") && file !== "README.md");
    for (const dir of ["tools", "packages"]) {
      for (const name of readdirSync(join(scratch, dir))) {
        const file = join(scratch, dir, name, "package.json");
        if (!existsSync(file)) continue;
        const manifest = JSON.parse(readFileSync(file, "utf8"));
        if (manifest.private) privateBefore.set(`${dir}/${name}`, manifest.version);
      }
    }
    await run(process.execPath, [changesetBin, "version"], { cwd: scratch });
  }, 120_000);

  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("the root package has the release scripts", () => {
    const { scripts } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
    expect(scripts.changeset).toBe("changeset");
    expect(scripts["version-packages"]).toBe("changeset version");
    expect(scripts.release).toMatch(/build.*&&.*changeset publish/);
  });

  it.each(packages)("changeset version bumps $name and writes its CHANGELOG", ({ name, dirName }) => {
    const manifest = JSON.parse(readFileSync(join(scratch, "packages", dirName, "package.json"), "utf8"));
    expect(bumped(before.get(name) ?? "", manifest.version), `${before.get(name)} -> ${manifest.version}`).toBe(true);
    const changelog = readFileSync(join(scratch, "packages", dirName, "CHANGELOG.md"), "utf8");
    expect(changelog).toContain(`# ${name}`);
    expect(changelog).toContain(`## ${manifest.version}`);
    expect(changelog).toContain(DRY_RUN_NOTE);
  });

  it("consumes every pending changeset and leaves private packages alone", () => {
    expect(pending.length).toBeGreaterThan(0);
    const left = readdirSync(join(scratch, ".changeset")).filter(
      (file) => file.endsWith(".md") && file !== "README.md",
    );
    expect(left).toEqual([]);
    for (const [path, version] of privateBefore) {
      const manifest = JSON.parse(readFileSync(join(scratch, path, "package.json"), "utf8"));
      expect(manifest.version, path).toBe(version);
      expect(existsSync(join(scratch, path, "CHANGELOG.md")), `${path}/CHANGELOG.md`).toBe(false);
    }
  });

  it("pnpm -r publish --dry-run succeeds for every published package", async () => {
    await run("pnpm", ["install", "--offline", "--frozen-lockfile", "--ignore-scripts"], { cwd: scratch });
    const { stdout, stderr } = await run("pnpm", ["-r", "publish", "--dry-run", "--no-git-checks"], {
      cwd: scratch,
      maxBuffer: 16 * 1024 * 1024,
    });
    const output = stdout + stderr;
    for (const { dirName, name } of packages) {
      const { version } = JSON.parse(readFileSync(join(scratch, "packages", dirName, "package.json"), "utf8"));
      expect(output).toContain(`${name}@${version}`);
    }
  }, 180_000);

  it("the packed manifests carry the new versions and no workspace: ranges", async () => {
    const destination = join(scratch, ".packs");
    await mkdir(destination);
    const packed = packPackages(publishedPackages(scratch), destination);
    const versions = new Map(packed.map((pkg) => [pkg.name, pkg.version]));
    for (const { tarball, name } of packed) {
      const manifest = manifestOf(tarball);
      expect(JSON.stringify(manifest), name).not.toContain("workspace:");
      for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
        for (const [dep, range] of Object.entries<string>(manifest[field] ?? {})) {
          if (versions.has(dep)) expect(range, `${name} ${field}.${dep}`).toBe(`^${versions.get(dep)}`);
        }
      }
    }
  }, 120_000);
});
