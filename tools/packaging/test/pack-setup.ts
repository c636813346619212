// Packs every published package once per run; tests read the tarballs through inject("packed").
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { publishedPackages } from "../../scripts/published-packages.mjs";
import { type PackedPackage, packPackages } from "../src/pack.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** Every published package, packed by `pnpm pack`. */
    packed: PackedPackage[];
  }
}

let directory: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const packages = publishedPackages();
  const unbuilt = packages.filter((pkg) => !existsSync(join(pkg.dir, "dist")));
  if (unbuilt.length > 0) {
    throw new Error(
      `Not built: ${unbuilt.map((pkg) => pkg.name).join(", ")}. Run \`pnpm build\` (turbo builds them first in \`pnpm test\`).`,
    );
  }
  directory = await mkdtemp(join(tmpdir(), "noiz-packs-"));
  project.provide("packed", packPackages(packages, directory));
}

export async function teardown(): Promise<void> {
  if (directory) await rm(directory, { recursive: true, force: true });
}
