// Consumer smoke test: every published package installed from its tarball with plain npm into a
// fresh project (no workspace links), imported and required, its consumer program type-checked
// in strict mode and run against the Prism mock. First, each tarball must stand alone on npm: its
// own README (install, an example, a link to the docs), a LICENSE, and where its source lives.
import { execFile } from "node:child_process";
import { cpSync, existsSync, lstatSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type MockServer, startMockServer } from "@noiz-voices/mock";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { codeSubpaths } from "../../scripts/published-packages.mjs";
import { consumerOf, installTarballs } from "../src/consumer-project.mjs";
import { filesOf, manifestOf, readFromTarball } from "../src/pack.mjs";
import { docsUrlOf, repositoryWebUrl } from "../src/repository.mjs";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");
const packed = inject("packed");

/** What users can import from a package: its name, plus every code subpath of its exports map. */
function importPaths(tarball: string, name: string): string[] {
  return codeSubpaths(manifestOf(tarball)).map((subpath) => (subpath === "." ? name : name + subpath.slice(1)));
}
const entries = packed.flatMap((pkg) => importPaths(pkg.tarball, pkg.name).map((specifier) => ({ ...pkg, specifier })));

const STRICT = {
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  isolatedModules: true,
  noEmitOnError: true,
  skipLibCheck: false, // our .d.ts files are checked too…
  skipDefaultLibCheck: true, // …but not TypeScript's own lib.*.d.ts
  target: "ES2022",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  jsx: "react-jsx",
};

const node = (cwd: string, args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 8 * 1024 * 1024 });

describe("each tarball stands alone on npm", () => {
  const repositories = new Set(packed.map(({ tarball }) => JSON.stringify(manifestOf(tarball).repository?.url)));

  it("every package names the same repository", () => {
    expect([...repositories]).toHaveLength(1);
  });

  it.each(packed)("$name: repository (with directory), homepage and bugs", ({ tarball, dirName }) => {
    const manifest = manifestOf(tarball);
    const web = repositoryWebUrl(manifest);
    expect(web, "repository.url").toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    expect(manifest.repository).toEqual({ type: "git", url: `git+${web}.git`, directory: `packages/${dirName}` });
    expect(manifest.homepage).toBe(`${web}/tree/main/packages/${dirName}#readme`);
    expect(manifest.bugs).toEqual({ url: `${web}/issues` });
  });

  it.each(packed)("$name: a LICENSE file of the license package.json declares", ({ tarball }) => {
    const manifest = manifestOf(tarball);
    expect(filesOf(tarball)).toContain("LICENSE");
    const license = readFromTarball(tarball, "LICENSE");
    expect(license.split("\n")[0], "the LICENSE's first line names the license").toContain(manifest.license);
    expect(license).toMatch(/^Copyright \(c\) \d{4} \S/m);
  });

  it.each(packed)("$name: a README with install, an example and a link to the docs", ({ name, tarball }) => {
    expect(filesOf(tarball)).toContain("README.md");
    const readme = readFromTarball(tarball, "README.md");
    const web = repositoryWebUrl(manifestOf(tarball)) ?? "";
    expect(readme.split("\n")[0]).toBe(`# ${name}`);
    expect(readme, "an install command").toMatch(new RegExp(`^npm install (--save-dev )?${name}\\b`, "m"));
    const examples = [...readme.matchAll(/^```tsx?\b[^\n]*\n([\s\S]*?)^```/gm)].map((match) => match[1] ?? "");
    expect(
      examples.some((code) => code.includes(`from "${name}`)),
      "a ts/tsx example importing it",
    ).toBe(true);
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? "");
    expect(
      links.some((link) => link.startsWith(docsUrlOf(web))),
      `a link under ${docsUrlOf(web)}`,
    ).toBe(true);
    // npm shows the README away from the repository: a relative link there leads nowhere.
    expect(links.filter((link) => !/^(https:\/\/|#)/.test(link))).toEqual([]);
  });
});

describe("consumer smoke test: tarballs installed with plain npm", () => {
  let project: string;
  let mock: MockServer | undefined;
  const consumers = packed.map((pkg) => ({ ...pkg, consumer: consumerOf(pkg.dirName) }));

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), "noiz-consumer-"));
    const extra = consumers.flatMap(({ consumer }) => consumer?.deps ?? []);
    await installTarballs(project, packed, extra);
    for (const { dirName, consumer } of consumers) {
      if (consumer) cpSync(consumer.file, join(project, "consumers", dirName + consumer.ext));
    }
    await writeFile(
      join(project, "runner.mjs"),
      [
        'import { pathToFileURL } from "node:url";',
        "const { run } = await import(pathToFileURL(process.argv[2]).href);",
        "console.log(JSON.stringify(await run(process.env.MOCK_URL)));",
      ].join("\n"),
    );
  }, 300_000);

  afterAll(async () => {
    await mock?.stop();
    if (project) await rm(project, { recursive: true, force: true });
  });

  it("every published package has a consumer program in tools/packaging/consumers/", () => {
    const missing = consumers.filter((pkg) => !pkg.consumer).map((pkg) => `consumers/${pkg.dirName}.ts (${pkg.name})`);
    expect(missing, "add a consumer program that uses every public function").toEqual([]);
  });

  it("no package pulls in Prism: a user's install (the fake of @noiz-voices/testing included) has no @stoplight/*", () => {
    expect(existsSync(join(project, "node_modules", "@noiz-voices", "testing", "package.json"))).toBe(true);
    expect(existsSync(join(project, "node_modules", "@stoplight"))).toBe(false);
  });

  it.each(packed)(
    "$name is installed from its tarball, not linked, with no workspace: ranges",
    async ({ name, version }) => {
      const dir = join(project, "node_modules", name);
      expect(lstatSync(dir).isSymbolicLink()).toBe(false);
      const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
      expect(manifest.version).toBe(version);
      expect(JSON.stringify(manifest)).not.toContain("workspace:");
    },
  );

  it.each(entries)("$specifier: `import` and `require` expose the same runtime API", async ({ specifier }) => {
    const esm = await node(project, [
      "--input-type=module",
      "-e",
      `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== "default").sort()))`,
    ]);
    const cjs = await node(project, [
      "-e",
      `const m = require(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== "default" && k !== "__esModule").sort()))`,
    ]);
    const esmKeys = JSON.parse(esm.stdout) as string[];
    expect(esmKeys.length).toBeGreaterThan(0);
    expect(JSON.parse(cjs.stdout)).toEqual(esmKeys);
  });

  // `/internal` is the fence for sibling packages, not an API for users: no consumer program uses it.
  const publicEntries = entries.filter((entry) => !entry.specifier.endsWith("/internal"));
  it.each(publicEntries)("$specifier: the consumer program imports it and uses every runtime export", async (entry) => {
    const consumer = consumerOf(entry.dirName);
    expect(consumer, `consumers/ lacks a program for ${entry.name}`).toBeDefined();
    expect(consumer?.source, `the consumer program never imports ${entry.specifier}`).toContain(`"${entry.specifier}"`);
    const { stdout } = await node(project, [
      "--input-type=module",
      "-e",
      `const m = await import(${JSON.stringify(entry.specifier)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== "default")))`,
    ]);
    const unused = (JSON.parse(stdout) as string[]).filter(
      (key) => !new RegExp(`\\b${key.replace(/\$/g, "\\$")}\\b`).test(consumer?.source ?? ""),
    );
    expect(unused, `exports of ${entry.specifier} its consumer program never uses`).toEqual([]);
  });

  it("the consumer programs type-check in strict mode (NodeNext and Bundler resolution)", async () => {
    const configs = {
      "tsconfig.json": {
        ...STRICT,
        module: "NodeNext",
        moduleResolution: "NodeNext",
        outDir: "out",
        rootDir: "consumers",
      },
      "tsconfig.bundler.json": { ...STRICT, module: "ESNext", moduleResolution: "Bundler", noEmit: true },
    };
    for (const [file, compilerOptions] of Object.entries(configs)) {
      await writeFile(join(project, file), JSON.stringify({ compilerOptions, include: ["consumers"] }, null, 2));
      const result = await node(project, [tsc, "-p", file]).catch((error) => error);
      expect(`${result.stdout ?? ""}${result.stderr ?? ""}`, file).toBe("");
    }
  });

  it.each(consumers)("$name: the consumer program runs against the Prism mock", async ({ dirName }) => {
    mock ??= await startMockServer();
    const { stdout } = await node(project, ["runner.mjs", join("out", `${dirName}.js`)], { MOCK_URL: mock.url });
    const seen = JSON.parse(stdout.trim().split("\n").at(-1) ?? "[]") as string[];
    expect(seen.length).toBeGreaterThan(0);
    if (dirName === "client") {
      expect(seen).toEqual(
        expect.arrayContaining([
          "raw: ok",
          "errors: ok",
          "404: NotFoundError",
          "validation: voice_id",
          "abort: AbortError",
          "otel: ok",
        ]),
      );
    }
  });
});
