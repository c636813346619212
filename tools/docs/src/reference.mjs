// TypeDoc for every published package, with undocumented exports as errors.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Application, Converter, ReflectionKind } from "typedoc";

// openapi-typescript's structural keys: the shape of `paths`/`operations`/`components`, not things
// the spec can describe. Everything the spec can describe (operations, parameters, schema
// properties) must carry its description in spec/voices.openapi.yaml and is checked like any export.
const BLOCK_TAGS = [
  "@description",
  "@default",
  "@example",
  "@deprecated",
  "@see",
  "@returns",
  "@param",
  "@throws",
  "@remarks",
  "@typeParam",
  // openapi-typescript writes it for a schema's `const` (a success envelope's `code: 0`).
  "@constant",
];
// Referenced-but-unexported helper types (`WithRequired` in generated code, mapped types) are
// implementation details; the exported names are what users import, and those must be documented.
const VALIDATION = { notDocumented: true, notExported: false, invalidLink: true };

const STRUCTURAL_KEYS = new Set([
  "parameters",
  "query",
  "header",
  "path",
  "cookie",
  "requestBody",
  "responses",
  "content",
  "headers",
  "schemas",
  "requestBodies",
  "pathItems",
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
]);

function isStructuralGeneratedMember(reflection) {
  if (reflection.hasComment()) return false;
  const sources = reflection.sources ?? [];
  if (
    sources.length === 0 ||
    !sources.every((source) => /(^|\/)src\/generated\//.test(source.fullFileName || source.fileName))
  ) {
    return false;
  }
  if (!reflection.kindOf(ReflectionKind.Property)) return false;
  const name = reflection.name;
  // `operations.listVoices` and friends repeat `paths`, where openapi-typescript puts each
  // operation's summary and description.
  if (reflection.parent?.name === "operations") return true;
  return STRUCTURAL_KEYS.has(name) || /^\d{3}$/.test(name) || name.includes("/");
}

function exemptStructuralMembers(app, project) {
  const names = Object.values(project.reflections)
    .filter(isStructuralGeneratedMember)
    .map((reflection) => reflection.getFriendlyFullName());
  app.options.setValue("intentionallyNotDocumented", [...new Set(names)]);
}

/**
 * The source file of each entry point in a package's `exports` map: `./dist/testing.js` is
 * `src/testing.ts` (or `.tsx`). `./package.json` is not code.
 * @param {{ name: string, dir: string, manifest: Record<string, any> }} pkg
 * @returns {string[]}
 */
export function entryPointsOf(pkg) {
  return [...new Set(exportedSources(pkg).map(({ source }) => source))];
}

/** Each exported subpath with its source file: `{ subpath: "./testing", source: ".../src/testing.ts" }`. */
function exportedSources(pkg) {
  const exportsMap = pkg.manifest.exports ?? { ".": pkg.manifest.module ?? pkg.manifest.main };
  const targets = Object.entries(typeof exportsMap === "string" ? { ".": exportsMap } : exportsMap)
    .filter(([subpath]) => subpath !== "./package.json")
    .map(([subpath, target]) => {
      const file = JSON.stringify(target).match(/"\.\/dist\/([^"]+?)\.(?:d\.)?c?[jt]s"/)?.[1];
      const source = file && ["ts", "tsx"].map((ext) => join(pkg.dir, "src", `${file}.${ext}`)).find(existsSync);
      if (!source) throw new Error(`${pkg.name}: no src/ file for exports["${subpath}"] (${JSON.stringify(target)})`);
      return { subpath, source };
    });
  return targets;
}

/**
 * Names a package's entry modules by their import path (`@noiz-voices/node/testing`) instead of
 * their folder (`packages/node/src/testing`), which is what users type.
 */
function nameModulesByImportPath(app, pkg) {
  const importPathOf = new Map(
    exportedSources(pkg).map(({ subpath, source }) => [
      source,
      subpath === "." ? pkg.name : pkg.name + subpath.slice(1),
    ]),
  );
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getChildrenByKind(ReflectionKind.Module)) {
      const importPath = importPathOf.get(module.sources?.[0]?.fullFileName ?? "");
      if (importPath) module.name = importPath;
    }
  });
}

const COMMON = {
  blockTags: BLOCK_TAGS,
  excludePrivate: true,
  excludeInternal: true,
  disableGit: true,
  sourceLinkTemplate: "https://github.com/noiz-voices/sdk/blob/main/{path}#L{line}",
  treatWarningsAsErrors: true,
  logLevel: "Warn",
};

function assertClean(app, stage, name) {
  if (app.logger.hasErrors() || app.logger.hasWarnings() || app.logger.validationWarningCount > 0) {
    throw new Error(
      `TypeDoc failed at ${stage} of ${name}: ${app.logger.errorCount} error(s), ${app.logger.warningCount} warning(s) above.`,
    );
  }
}

/** Converts and validates one package, and writes its TypeDoc JSON to `json`. */
async function convertPackage(pkg, json, root) {
  const app = await Application.bootstrapWithPlugins({
    ...COMMON,
    name: pkg.name,
    entryPoints: entryPointsOf(pkg),
    tsconfig: join(pkg.dir, "tsconfig.json"),
    basePath: root,
    // The packages' own typecheck tasks check their types; TypeDoc only documents them.
    skipErrorChecking: true,
    validation: VALIDATION,
    packagesRequiringDocumentation: [pkg.name],
  });
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => exemptStructuralMembers(app, context.project), -1000);
  nameModulesByImportPath(app, pkg);
  assertClean(app, "options", pkg.name);
  const project = await app.convert();
  if (!project) throw new Error(`TypeDoc could not convert ${pkg.name} (errors above)`);
  assertClean(app, "conversion", pkg.name);
  app.validate(project);
  assertClean(app, "validation", pkg.name);
  await app.generateJson(project, json);
}

/**
 * Builds the TypeDoc site of `packages` into `out`: each package is converted and validated on
 * its own (entry points from its `exports` map), then the results are merged into one site.
 * @param {{ packages: { name: string, dirName?: string, dir: string, manifest?: Record<string, any> }[], out: string, root: string }} options
 * @returns {Promise<void>} rejects when something is not documented (TypeDoc prints what)
 */
export async function buildReference({ packages, out, root }) {
  const work = await mkdtemp(join(tmpdir(), "noiz-typedoc-"));
  try {
    const jsons = [];
    for (const [index, pkg] of packages.entries()) {
      const manifest = pkg.manifest ?? JSON.parse(await readFile(join(pkg.dir, "package.json"), "utf8"));
      const json = join(work, `${index}.json`);
      await convertPackage({ ...pkg, manifest }, json, root);
      jsons.push(json);
    }
    const app = await Application.bootstrapWithPlugins({
      ...COMMON,
      name: "NOIZ Voices SDK",
      entryPointStrategy: "merge",
      entryPoints: jsons,
      readme: "none",
      out,
      validation: { notDocumented: false, notExported: false, invalidLink: true },
    });
    assertClean(app, "options", "the merged site");
    const project = await app.convert();
    if (!project) throw new Error("TypeDoc could not merge the packages (errors above)");
    app.validate(project);
    assertClean(app, "validation", "the merged site");
    await app.generateOutputs(project);
    assertClean(app, "output", "the merged site");
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
